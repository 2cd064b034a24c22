import type { Metadata } from "next";
import Link from "next/link";
import { activeEnrollments, loadRecord, stepInput } from "../load";
import { listGuardians } from "@/lib/family/guardians";
import { letterSteps } from "@/lib/family/letter";
import { formattersFor, isLetterLang, LETTER_LANGS, LETTER_TEMPLATES, type LetterLang } from "@/lib/family/letter-templates";
import { languageLabel } from "@/lib/family/schema";
import { districtDay } from "@/lib/calendar";
import { PrintLetterButton } from "@/components/student/family-print-button";

export const metadata: Metadata = { title: "Family progress letter" };

/**
 * One printable page per student for the family (issue 16): online courses and their pace, credits
 * earned and needed, the next steps of the printable plan and the counselor to contact. In the
 * guardian's preferred language when a template exists (English, Spanish); ?lang= overrides.
 * Read through loadRecord like the plan page, so the read is audited as student.read.
 */
export default async function FamilyLetter({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ lang?: string | string[] }> }) {
  const [{ id }, { lang: asked }] = await Promise.all([params, searchParams]);
  const { viewer, r } = await loadRecord(id, { notes: false }); // shows no notes: no restricted read
  const guardians = await listGuardians(viewer, r.student.id);
  // Addressed to a guardian who may be contacted, the educational rights holder first.
  const addressee = guardians.filter((g) => !g.noContact).sort((a, b) => Number(b.rightsHolder) - Number(a.rightsHolder))[0] ?? null;
  const preferred = addressee?.preferredLanguage ?? "en";
  const lang: LetterLang = isLetterLang(asked) ? asked : isLetterLang(preferred) ? preferred : "en";
  const missing = !isLetterLang(preferred) && !isLetterLang(asked) ? languageLabel(preferred) : null;
  const t = LETTER_TEMPLATES[lang];
  const f = formattersFor(t);
  const s = r.student;
  const active = activeEnrollments(r);
  const steps = letterSteps(stepInput(r));
  const h2 = "mt-5 text-lg font-semibold";
  return (
    <>
      <div className="no-print mx-auto mb-4 flex max-w-3xl flex-wrap items-center gap-4">
        <Link href={`/students/${id}`} className="text-blue-800 underline">
          Back to the student record
        </Link>
        <nav aria-label="Language of the letter" className="flex flex-wrap items-center gap-2 text-sm">
          <span>Language:</span>
          {LETTER_LANGS.map((l) => (
            <Link
              key={l}
              href={`/students/${id}/letter?lang=${l}`}
              lang={l}
              aria-current={l === lang ? "page" : undefined}
              className={`inline-flex min-h-6 items-center rounded border px-2 py-0.5 ${l === lang ? "border-blue-800 bg-blue-800 text-white" : "border-slate-400 text-blue-800 underline"}`}
            >
              {LETTER_TEMPLATES[l].name}
            </Link>
          ))}
        </nav>
        <PrintLetterButton />
        {missing && (
          <p role="note" className="w-full rounded border border-amber-300 bg-amber-50 p-2 text-sm">
            No {missing} template yet: this letter is in English.
          </p>
        )}
      </div>
      <article lang={t.lang} className="mx-auto max-w-3xl break-words bg-white p-6 print:max-w-none print:p-0">
        <h1 className="text-2xl font-bold">{t.title(`${s.firstName} ${s.lastName}`)}</h1>
        <p className="text-sm text-slate-700">
          {s.school} · {t.studentId(s.sisId)} · {f.day(districtDay())}
        </p>
        <p className="mt-4">{t.greeting(addressee?.name ?? null, s.firstName)}</p>
        <p className="mt-2">{t.intro(s.firstName, f.day(districtDay()))}</p>

        <h2 className={h2}>{t.headings.courses}</h2>
        {active.length === 0 ? (
          <p>{t.noCourses(s.firstName)}</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="letter-courses">
            {active.map((e) => (
              <li key={e.id}>
                <span className="font-medium">{e.course.title}</span> ({f.credits(e.course.credits)}):{" "}
                {t.course({ progress: f.percent(e.progress), expected: f.percent(e.pace.expected), pace: t.pace[e.pace.status], target: f.day(e.targetDate) })}
              </li>
            ))}
          </ul>
        )}

        <h2 className={h2}>{t.headings.credits}</h2>
        <p>{t.creditsLine({ earned: f.credits(r.creditsEarned), required: f.credits(r.audit.diplomaCredits), stillNeeded: f.credits(r.audit.total.stillNeeded) })}</p>
        <p className="mt-1 font-medium">{t.projection({ kind: r.projection.kind, cohortYear: s.cohortYear, earliestClass: r.projection.earliestClass })}</p>

        <h2 className={h2}>{t.headings.steps}</h2>
        {steps.length === 0 ? (
          <p>{t.noSteps}</p>
        ) : (
          <ol className="list-decimal pl-5" data-testid="letter-steps">
            {steps.map((step, i) => (
              <li key={i}>{t.step(step, f)}</li>
            ))}
          </ol>
        )}

        <h2 className={h2}>{t.headings.questions}</h2>
        <p>{t.counselor(s.counselor ? { ...s.counselor, firstName: s.firstName } : null)}</p>
        <p className="mt-6">{t.closing}</p>
        <p>{s.counselor?.name ?? t.signature}</p>
      </article>
    </>
  );
}
