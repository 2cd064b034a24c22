import { describe, expect, it } from "vitest";
import { planNextSteps } from "@/lib/students/plan";
import { formatDay } from "@/lib/calendar";
import type { GraduationAudit } from "@/lib/students/credits";
import type { Projection } from "@/lib/students/graduation";
import { letterSteps, type LetterStepInput } from "./letter";
import { formattersFor, LETTER_TEMPLATES } from "./letter-templates";

const line = (area: GraduationAudit["lines"][number]["area"], stillNeededAfterInProgress: number) => ({
  area,
  required: 4,
  earned: 0,
  inProgress: 0,
  stillNeeded: stillNeededAfterInProgress,
  stillNeededAfterInProgress,
});
const audit: GraduationAudit = {
  lines: [line("MATHEMATICS", 1), line("SCIENCE", 0), line("ANY_SUBJECT", 0.5)],
  total: { required: 22, earned: 14, inProgress: 1, stillNeeded: 8, stillNeededAfterInProgress: 7 },
  diplomaCredits: 22,
  areasExceedDiploma: false,
};
const behind: Projection = { kind: "NOT_ON_TRACK", label: "", creditsNeeded: 8, yearsLeft: 1, earliestClass: 2028, summerEnds: null };
const input = (projection: Projection): LetterStepInput => ({
  audit,
  projection,
  cohortYear: 2027,
  active: [
    { title: "Algebra I", credits: 1, targetDate: new Date("2026-10-15T00:00:00Z"), behindPace: true, progress: 40, expected: 55 },
    { title: "Biology", credits: 0.5, targetDate: new Date("2027-01-20T00:00:00Z"), behindPace: false, progress: 70, expected: 60 },
  ],
  toRecover: [{ courseTitle: "English 10", schoolYear: 2024, subjectArea: "ENGLISH" }],
});

describe("the family letter's next steps", () => {
  it.each([
    ["not on track, years left", behind],
    ["not on track, no year left", { ...behind, yearsLeft: 0 }],
    ["on track", { ...behind, kind: "ON_TRACK" as const }],
  ])("in English, word for word the printable plan's (%s)", (_, projection) => {
    const t = LETTER_TEMPLATES.en;
    const f = formattersFor(t);
    expect(letterSteps(input(projection)).map((s) => t.step(s, f))).toEqual(planNextSteps({ ...input(projection), formatDay }));
  });

  it("in Spanish, with es-US dates and numbers and the singular only for one credit", () => {
    const t = LETTER_TEMPLATES.es;
    const f = formattersFor(t);
    const steps = letterSteps(input(behind)).map((s) => t.step(s, f));
    expect(steps[0]).toMatch(
      /^Terminar Algebra I \(1 crédito\) a más tardar el 15 de octubre de 2026 \(va por detrás del ritmo previsto: 40\s?% completado; se esperaba 55\s?% a esta fecha\)\.$/,
    );
    expect(steps[1]).toBe("Terminar Biology (0.5 créditos) a más tardar el 20 de enero de 2027.");
    expect(steps[2]).toBe("Recuperar English 10 (curso no aprobado en 2024–25) en un curso de recuperación de créditos: su crédito cuenta para Inglés.");
    expect(steps[3]).toBe(
      "Obtener lo que aún falta en los requisitos, además de los cursos que está tomando: 1 crédito de Matemáticas; 0.5 créditos de Materias optativas / cualquier materia.",
    );
    // 8 needed − 1 year × 5.5 = 2.5 beyond a full-time load.
    expect(steps[4]).toBe(
      "Para graduarse con la promoción de 2027, obtener 2.5 créditos además de un horario de tiempo completo (cursos de verano o adicionales): planifíquelos con su consejero o consejera.",
    );
  });

  it("every template names every subject area and pace", () => {
    for (const t of Object.values(LETTER_TEMPLATES)) {
      expect(Object.keys(t.areas).sort()).toEqual(Object.keys(LETTER_TEMPLATES.en.areas).sort());
      expect(Object.values(t.pace).every((w) => w.length > 0)).toBe(true);
    }
  });
});
