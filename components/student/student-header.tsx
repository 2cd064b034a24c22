import type { StudentRecord } from "@/lib/students/record";
import { RiskBadge } from "@/components/caseload/badges";
import { STATUS_LABELS } from "./labels";
import { CREDIT_FIGURES, creditNumber, creditsText } from "@/lib/students/credits";
import { projectionBasis } from "@/lib/students/graduation";

/** Name, status, risk with its reasons, and the graduation projection. */
export function StudentHeader({ r }: { r: StudentRecord }) {
  const s = r.student;
  return (
    <div>
      <h1 className="text-2xl font-bold">
        {s.firstName} {s.middleName ? `${s.middleName} ` : ""}
        {s.lastName}
      </h1>
      <p className="text-sm text-slate-700">
        SIS {s.sisId} · Grade {s.gradeLevel} · Class of {s.cohortYear} · {s.school} · {STATUS_LABELS[s.status]}
      </p>
      <div className="mt-3 grid gap-4 md:grid-cols-2">
        <section aria-labelledby="risk-h" className="rounded border border-slate-200 bg-white p-3">
          <h2 id="risk-h" className="font-semibold">
            Early warning <RiskBadge level={r.risk.level} />
          </h2>
          {r.risk.reasons.length === 0 ? (
            <p className="text-sm text-slate-700">No warning flags.</p>
          ) : (
            <ul className="mt-1 list-disc pl-5 text-sm" data-testid="risk-reasons">
              {r.risk.reasons.map((x) => (
                <li key={x.code}>{x.label}</li>
              ))}
            </ul>
          )}
          {r.needsAttention && <p className="mt-1 text-sm font-semibold text-red-800">Needs attention: no note or family contact in the last 30 days.</p>}
        </section>
        <section aria-labelledby="proj-h" className="rounded border border-slate-200 bg-white p-3">
          <h2 id="proj-h" className="font-semibold">
            Projection
          </h2>
          <p className="text-lg font-medium" data-testid="projection">
            {r.projection.label}
          </p>
          <CreditSummary r={r} />
          <ProjectionBasis r={r} />
        </section>
      </div>
    </div>
  );
}

/** The student's credit figures in the words every page uses (lib/students/credits.ts). */
export function CreditSummary({ r }: { r: StudentRecord }) {
  const t = r.audit.total;
  return (
    <dl className="mt-1 grid grid-cols-2 gap-x-4 text-sm" data-testid="credit-figures">
      <dt>{CREDIT_FIGURES.earned}</dt>
      <dd>
        {creditNumber(t.earned)} of {creditsText(t.required)}
      </dd>
      <dt>{CREDIT_FIGURES.inProgress}</dt>
      <dd>{creditsText(t.inProgress)}</dd>
      <dt>{CREDIT_FIGURES.stillNeeded}</dt>
      <dd>{creditsText(t.stillNeeded)}</dd>
      <dt>{CREDIT_FIGURES.stillNeededAfterInProgress}</dt>
      <dd>{creditsText(t.stillNeededAfterInProgress)}</dd>
      <dt>{CREDIT_FIGURES.behindOnTrack}</dt>
      <dd>
        {creditsText(r.creditsBehindOnTrack)} (grade {r.student.gradeLevel})
      </dd>
    </dl>
  );
}

/**
 * The projection's own input, by its name ("Still needed after on-pace courses"; it differs from
 * "Still needed after courses in progress" when a course is behind pace), and what it assumes.
 */
export function ProjectionBasis({ r }: { r: StudentRecord }) {
  return (
    <>
      <dl className="mt-1 grid grid-cols-2 gap-x-4 text-sm">
        <dt>{CREDIT_FIGURES.stillNeededAfterOnPace}</dt>
        <dd data-testid="credits-after-on-pace">{creditsText(r.projection.creditsNeeded)}</dd>
      </dl>
      <p className="mt-1 text-sm text-slate-700">{projectionBasis(r.projection, r.student.cohortYear, r.audit.diplomaCredits)}</p>
    </>
  );
}
