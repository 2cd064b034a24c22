// The family progress letter's words (issue 16), one typed message object per language. English
// and Spanish ship; a guardian whose preferred language has no template gets the English letter
// with a note saying so (app/(app)/students/[id]/letter/page.tsx). Pure: no I/O, no clock.
// Numbers and dates are written with Intl for the template's locale (es-US: "15 de octubre de 2026").
// Spanish: usted throughout (the register US districts use with families), "promoción" for the
// graduating class, the generic masculine avoided where a neutral phrasing exists.
import type { PaceStatus } from "@/lib/enrollments/rules";
import type { ProjectionKind } from "@/lib/students/graduation";
import { ANY_SUBJECT_LABEL, SUBJECT_LABELS, type SubjectArea } from "@/lib/students/credits";

export const LETTER_LANGS = ["en", "es"] as const;
export type LetterLang = (typeof LETTER_LANGS)[number];
export const isLetterLang = (v: unknown): v is LetterLang => typeof v === "string" && (LETTER_LANGS as readonly string[]).includes(v);

type Area = SubjectArea | "ANY_SUBJECT";
export type StepFacts =
  | { kind: "finish"; title: string; credits: number; targetDate: Date; behind: { progress: number; expected: number } | null }
  | { kind: "recover"; title: string; schoolYear: number; area: Area }
  | { kind: "requirements"; needs: { credits: number; area: Area }[] }
  | { kind: "beyond"; cohortYear: number; credits: number }
  | { kind: "remaining"; credits: number };
export type ProjectionFacts = { kind: ProjectionKind; cohortYear: number; earliestClass: number | null };

export type LetterTemplate = {
  lang: LetterLang;
  /** The picker's name for it, in its own language. */
  name: string;
  locale: string;
  title: (student: string) => string;
  /** The student's district id, so the school can find the record when the family calls. */
  studentId: (sisId: string) => string;
  greeting: (guardian: string | null, firstName: string) => string;
  intro: (firstName: string, day: string) => string;
  headings: { courses: string; credits: string; steps: string; questions: string };
  noCourses: (firstName: string) => string;
  pace: Record<PaceStatus, string>;
  course: (c: { progress: string; expected: string; pace: string; target: string }) => string;
  creditsLine: (c: { earned: string; required: string; stillNeeded: string }) => string;
  projection: (p: ProjectionFacts) => string;
  noSteps: string;
  areas: Record<Area, string>;
  credits: (n: string, value: number) => string;
  step: (s: StepFacts, t: Formatters) => string;
  counselor: (c: { name: string; email: string; firstName: string } | null) => string;
  closing: string;
  signature: string;
};
export type Formatters = { day: (d: Date) => string; credits: (n: number) => string; percent: (n: number) => string; year: (y: number) => string };

const schoolYear = (y: number) => `${y}–${String(y + 1).slice(2)}`;

// English: the sentences of the printable plan's next steps (lib/students/plan.ts planNextSteps),
// word for word (letter.test.ts holds them equal), so plan and letter never disagree.
const en: LetterTemplate = {
  lang: "en",
  name: "English",
  locale: "en-US",
  title: (s) => `Progress letter: ${s}`,
  studentId: (id) => `Student ID: ${id}`,
  greeting: (g, first) => (g ? `Dear ${g},` : `Dear family of ${first},`),
  intro: (first, day) =>
    `This letter tells you how ${first} is doing in school as of ${day}: the online courses ${first} is taking, the credits earned toward the diploma, and the next steps.`,
  headings: { courses: "Online courses", credits: "Credits", steps: "Next steps", questions: "Questions?" },
  noCourses: (first) => `${first} is not taking an online course right now.`,
  pace: { AHEAD: "ahead of pace", ON_PACE: "on pace", BEHIND: "behind pace" },
  course: (c) => `${c.progress} done, ${c.expected} expected by now: ${c.pace}. Target date: ${c.target}.`,
  creditsLine: (c) => `Credits earned: ${c.earned} of the ${c.required} needed for the diploma. Credits still needed: ${c.stillNeeded}.`,
  projection: (p) =>
    p.kind === "ON_TRACK"
      ? `On track to graduate with the class of ${p.cohortYear}.`
      : p.kind === "NOT_ON_TRACK"
        ? `Not on track to graduate with the class of ${p.cohortYear} — earliest ${p.earliestClass} at a full-time load.`
        : p.kind === "GRADUATED"
          ? "Graduated."
          : "Not enrolled.",
  noSteps: "None: every requirement is earned.",
  // English names the subject areas as every page does (lib/students/credits.ts).
  areas: { ...SUBJECT_LABELS, ANY_SUBJECT: ANY_SUBJECT_LABEL },
  credits: (n, v) => `${n} ${v > 0 && v <= 1 ? "credit" : "credits"}`,
  step: (s, f) => {
    switch (s.kind) {
      case "finish":
        return `Finish ${s.title} (${f.credits(s.credits)}) by ${f.day(s.targetDate)}${s.behind ? ` (behind pace: ${s.behind.progress}% done, ${s.behind.expected}% expected by now)` : ""}.`;
      case "recover":
        return `Recover ${s.title} (failed in ${f.year(s.schoolYear)}) in a credit-recovery course: its credit counts toward ${en.areas[s.area]}.`;
      case "requirements":
        return `Earn what the requirements still need after the courses in progress: ${s.needs.map((n) => `${f.credits(n.credits)} of ${en.areas[n.area]}`).join("; ")}.`;
      case "beyond":
        return `To graduate with the class of ${s.cohortYear}, earn ${f.credits(s.credits)} beyond a full-time schedule (summer or extra courses): plan them with the counselor.`;
      case "remaining":
        return `Plan the remaining ${f.credits(s.credits)} with the counselor.`;
    }
  },
  counselor: (c) => (c ? `Please contact ${c.name}, ${c.firstName}'s school counselor, at ${c.email}.` : "Please contact the school's counseling office."),
  closing: "Sincerely,",
  signature: "The school counseling office",
};

const es: LetterTemplate = {
  lang: "es",
  name: "Español",
  locale: "es-US",
  title: (s) => `Carta de progreso: ${s}`,
  studentId: (id) => `Número de estudiante: ${id}`,
  greeting: (g, first) => (g ? `Estimado(a) ${g}:` : `Estimada familia de ${first}:`),
  intro: (first, day) =>
    `Le escribimos para informarle cómo le va a ${first} en la escuela al ${day}: los cursos en línea que está tomando, los créditos que ha obtenido para el diploma y los próximos pasos.`,
  headings: { courses: "Cursos en línea", credits: "Créditos", steps: "Próximos pasos", questions: "¿Tiene preguntas?" },
  noCourses: (first) => `${first} no está tomando ningún curso en línea en este momento.`,
  pace: { AHEAD: "va por delante del ritmo previsto", ON_PACE: "va al ritmo previsto", BEHIND: "va por detrás del ritmo previsto" },
  course: (c) => `${c.progress} completado; se esperaba ${c.expected} a esta fecha: ${c.pace}. Fecha prevista para terminarlo: ${c.target}.`,
  creditsLine: (c) => `Créditos obtenidos: ${c.earned} de los ${c.required} necesarios para el diploma. Créditos que aún faltan: ${c.stillNeeded}.`,
  projection: (p) =>
    p.kind === "ON_TRACK"
      ? `Está en camino de graduarse con la promoción de ${p.cohortYear}.`
      : p.kind === "NOT_ON_TRACK"
        ? `Por ahora no está en camino de graduarse con la promoción de ${p.cohortYear}; con un horario de tiempo completo, podría graduarse como pronto con la promoción de ${p.earliestClass}.`
        : p.kind === "GRADUATED"
          ? "Ya se graduó."
          : "Actualmente no está inscrito(a) en la escuela.",
  noSteps: "Ninguno: ya cumple todos los requisitos.",
  areas: {
    ENGLISH: "Inglés",
    MATHEMATICS: "Matemáticas",
    SCIENCE: "Ciencias",
    HISTORY_SOCIAL_STUDIES: "Historia / Estudios sociales",
    WORLD_LANGUAGE: "Idiomas del mundo",
    ARTS: "Artes",
    ELECTIVE: "Materias optativas",
    ANY_SUBJECT: "Materias optativas / cualquier materia",
  },
  // Spanish takes the singular only for exactly one ("1 crédito", "0.5 créditos", "2 créditos").
  credits: (n, v) => `${n} ${v === 1 ? "crédito" : "créditos"}`,
  step: (s, f) => {
    switch (s.kind) {
      case "finish":
        return `Terminar ${s.title} (${f.credits(s.credits)}) a más tardar el ${f.day(s.targetDate)}${s.behind ? ` (va por detrás del ritmo previsto: ${f.percent(s.behind.progress)} completado; se esperaba ${f.percent(s.behind.expected)} a esta fecha)` : ""}.`;
      case "recover":
        return `Recuperar ${s.title} (curso no aprobado en ${f.year(s.schoolYear)}) en un curso de recuperación de créditos: su crédito cuenta para ${es.areas[s.area]}.`;
      case "requirements":
        return `Obtener lo que aún falta en los requisitos, además de los cursos que está tomando: ${s.needs.map((n) => `${f.credits(n.credits)} de ${es.areas[n.area]}`).join("; ")}.`;
      case "beyond":
        return `Para graduarse con la promoción de ${s.cohortYear}, obtener ${f.credits(s.credits)} además de un horario de tiempo completo (cursos de verano o adicionales): planifíquelos con su consejero o consejera.`;
      case "remaining":
        return `Planificar con su consejero o consejera cómo obtener lo que falta: ${f.credits(s.credits)}.`;
    }
  },
  counselor: (c) =>
    c ? `Comuníquese con ${c.name}, consejero(a) escolar de ${c.firstName}, escribiendo a ${c.email}.` : "Comuníquese con la oficina de consejería de la escuela.",
  closing: "Atentamente,",
  signature: "La oficina de consejería escolar",
};

export const LETTER_TEMPLATES: Record<LetterLang, LetterTemplate> = { en, es };

/** Intl formatters for a template's locale. Days are stored at UTC midnight (lib/calendar.ts). */
export function formattersFor(t: LetterTemplate): Formatters {
  const day = new Intl.DateTimeFormat(t.locale, t.lang === "en" ? { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" } : { timeZone: "UTC", dateStyle: "long" });
  const num = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 2 });
  const pct = new Intl.NumberFormat(t.locale, { style: "percent", maximumFractionDigits: 0 });
  return {
    day: (d) => day.format(d),
    credits: (n) => t.credits(num.format(Math.round(n * 100) / 100), Math.round(n * 100) / 100),
    percent: (n) => pct.format(n / 100),
    year: schoolYear,
  };
}
