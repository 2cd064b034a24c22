"use client";
import type { EnrollmentView } from "@/lib/students/record";
import { Disclosure } from "@/components/ui/disclosure";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { replacesLine } from "@/lib/students/recovery";
import { creditsText } from "@/lib/students/credits";
import { PaceBadge, ScheduleBadge } from "@/components/caseload/badges";
import { RecordResultsForm } from "./results-form";
import { CompleteForm, CreditRefusal, EndEnrollmentForm } from "./enrollment-end-forms";
import { formatDay } from "@/lib/calendar";
import { ENROLLMENT_STATUS_LABELS } from "./labels";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { rigorLine } from "@/lib/enrollments/guardrails";
import { ByWidth } from "@/components/ui/by-width";

/**
 * One online enrollment: progress, pace, schedule, grade, assessment history, and its forms when
 * active. A client component fed the enrollment's data (a much smaller page payload than the
 * rendered tree). The forms, and an ended course's assessment history, render when opened.
 */
/**
 * `openResults`: the page was asked for this card's results form open (?results=<id>, no JavaScript).
 * `canOverride`: the viewer may override the district's rigor guardrails (lib/access.ts "credit.override").
 */
export function EnrollmentCard({ e, today, openResults = false, canOverride = false }: { e: EnrollmentView; today: string; openResults?: boolean; canOverride?: boolean }) {
  const active = e.status === "ACTIVE";
  const headingId = `enr-${e.id}`;
  return (
    <section id={`enrollment-${e.id}`} aria-labelledby={headingId} className="scroll-mt-4 rounded border border-slate-200 bg-white p-4">
      <h3 id={headingId} className="text-lg font-semibold">
        {e.course.title}{" "}
        <span className="text-sm font-normal text-slate-600">
          · {e.course.provider} · {SUBJECT_LABELS[e.course.subjectArea]} · {PROGRAM_TYPE_LABEL[e.course.programType]} · {creditsText(e.course.credits)}
        </span>
      </h3>
      {e.replaces && (
        <p className="text-sm text-slate-700" data-testid="replaces">
          {replacesLine(e.replaces, e.course)}
        </p>
      )}
      <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
        <div>
          <dt className="muted">Status</dt>
          <dd className="font-medium">
            {ENROLLMENT_STATUS_LABELS[e.status]}
            {e.endedOn && ` on ${formatDay(e.endedOn)}`}
          </dd>
        </div>
        <div>
          <dt className="muted">Dates</dt>
          <dd>
            {formatDay(e.startDate)} → {formatDay(e.targetDate)}
          </dd>
        </div>
        <div>
          <dt className="muted">Progress</dt>
          <dd>
            <span className="tabular-nums" data-testid="progress">
              {e.progress}%
            </span>
            {active && (
              <>
                {" "}
                (expected {e.pace.expected}%) <PaceBadge status={e.pace.status} />
              </>
            )}
          </dd>
        </div>
        {active && (
          <div>
            <dt className="muted">Schedule</dt>
            <dd>{e.schedule ? <ScheduleBadge rate={e.schedule.rate} colour={e.schedule.colour} /> : "Nothing due yet"}</dd>
          </div>
        )}
        <div>
          <dt className="muted">{e.status === "COMPLETED" ? "Final grade" : "Grade to date"}</dt>
          <dd className="tabular-nums">{e.finalGrade ?? e.gradeToDate ?? "—"}</dd>
        </div>
        {active && (
          <div>
            <dt className="muted">Last activity</dt>
            <dd>
              {e.lastActivityOn ? formatDay(e.lastActivityOn) : "None yet"} {e.inactive && <span className="font-semibold text-red-800">· inactive {e.daysInactive} days</span>}
            </dd>
          </div>
        )}
        <div>
          <dt className="muted">Provider data as of</dt>
          <dd data-testid="data-as-of">{e.dataAsOf ? formatDay(e.dataAsOf) : "No provider import"}</dd>
        </div>
        <div>
          <dt className="muted">Mastery threshold</dt>
          <dd>{e.course.masteryThreshold}%</dd>
        </div>
        {e.creditAwarded !== null && (
          <div>
            <dt className="muted">Credit awarded</dt>
            <dd>{creditsText(e.creditAwarded)}</dd>
          </div>
        )}
        {e.endReason && (
          <div className="col-span-2">
            <dt className="muted">Reason</dt>
            <dd>{e.endReason}</dd>
          </div>
        )}
      </dl>
      {e.override && (
        <div
          role="note"
          aria-label={`Rigor guardrails overridden: ${e.course.title}`}
          className="mt-2 max-w-2xl rounded border border-violet-300 bg-violet-50 p-3 text-sm"
          data-testid="guardrail-override"
        >
          <p className="font-semibold">
            Completed with an override of the district&apos;s rigor guardrails{e.override.by ? ` by ${e.override.by}` : ""}
            {e.override.at ? ` on ${formatDay(e.override.at)}` : ""}
          </p>
          <p>Reason: {e.override.reason}</p>
          <ul className="mt-1 list-disc pl-5">
            {e.override.breaches.map((b) => (
              <li key={b}>{b}</li>
            ))}
          </ul>
        </div>
      )}
      {active && e.rigor && (
        <p className="mt-1 text-sm text-slate-700" data-testid="rigor-policy">
          {rigorLine(e.rigor)}
        </p>
      )}
      {e.paceNote && (
        <p className="mt-1 text-sm text-slate-700" data-testid="pace-note">
          {e.paceNote}
        </p>
      )}
      {active ? (
        <AssessmentHistory e={e} />
      ) : (
        <Disclosure className="mt-3" summary={`Assessment history (${e.assessments.reduce((n, a) => n + a.attempts.length, 0)} results)`}>
          <AssessmentHistory e={e} />
        </Disclosure>
      )}
      {active && (
        <div className="no-print">
          {e.credit?.ok && <CompleteForm enrollmentId={e.id} version={e.version} courseTitle={e.course.title} credit={e.credit} />}
          {e.credit && !e.credit.ok && e.credit.overridable && canOverride && e.credit.finalGrade !== null && (
            <CompleteForm
              enrollmentId={e.id}
              version={e.version}
              courseTitle={e.course.title}
              credit={{ ...e.credit, finalGrade: e.credit.finalGrade }}
              override={e.credit.failing.guardrails}
            />
          )}
          {/* While a summative is still untaken the course is simply under way: one quiet line says
              what credit needs. Once every summative has a result, a refusal is news (the 54 case)
              and shows its reasons. */}
          {e.credit &&
            !e.credit.ok &&
            (summativesTaken(e) ? (
              <CreditRefusal
                courseTitle={e.course.title}
                passingGrade={e.credit.passingGrade}
                masteryThreshold={e.course.masteryThreshold}
                reasons={e.credit.reasons}
                policy={e.rigor !== null}
              />
            ) : (
              <p className="mt-3 text-sm text-slate-700" data-testid="credit-rule">
                Credit when every summative assessment reaches mastery ({e.course.masteryThreshold}%) and the final grade is at least {e.credit.passingGrade}.
              </p>
            ))}
          <Disclosure className="mt-3" summary="Record results" open={openResults} noScriptHref={`?results=${e.id}`}>
            <RecordResultsForm
              enrollmentId={e.id}
              version={e.version}
              assessments={e.assessments.map(({ id, position, title, kind, maxScore, mastered }) => ({ id, position, title, kind, maxScore, mastered }))}
              today={today}
              courseTitle={e.course.title}
            />
          </Disclosure>
          <Disclosure className="mt-2" summary="Mark failed or withdrawn">
            <EndEnrollmentForm enrollmentId={e.id} version={e.version} courseTitle={e.course.title} today={today} />
          </Disclosure>
        </div>
      )}
    </section>
  );
}

/** AssessmentResult.proctored as the history shows it (null = the form or file did not say). */
const PROCTORED: Record<string, string> = { true: "Yes", false: "No", null: "Not stated" };

/** Every summative assessment of the course has at least one result. */
function summativesTaken(e: EnrollmentView): boolean {
  return e.assessments.every((a) => a.kind !== "SUMMATIVE" || a.attempts.length > 0);
}

function AssessmentHistory({ e }: { e: EnrollmentView }) {
  const kind = (k: string) => (k === "SUMMATIVE" ? "summative" : "formative");
  return (
    <ByWidth
      wide={
        // Reachable by keyboard if it ever scrolls sideways (axe: scrollable-region-focusable).
        <div role="region" aria-label={`Assessment history: ${e.course.title}`} tabIndex={0} className="mt-3 overflow-x-auto">
          <Table density="compact" captionClassName="mb-1 text-left font-medium" caption={`Assessment history: ${e.course.title}`}>
            <thead>
              <tr>
                <Th>Assessment</Th>
                <Th>Attempt</Th>
                <Th>Date</Th>
                <Th numeric>Score</Th>
                <Th numeric>Percent</Th>
                <Th>Mastery</Th>
                <Th>Proctored</Th>
              </tr>
            </thead>
            <tbody>
              {e.assessments.flatMap((a) =>
                a.attempts.length === 0
                  ? [
                      <tr key={a.id} className="muted">
                        <RowTh>
                          {a.position}. {a.title} ({kind(a.kind)})
                        </RowTh>
                        <td colSpan={6}>Not taken</td>
                      </tr>,
                    ]
                  : a.attempts.map((r) => (
                      <tr key={r.id}>
                        <RowTh>
                          {a.position}. {a.title} ({kind(a.kind)})
                        </RowTh>
                        <td className="tabular-nums">{r.attempt}</td>
                        <td>{formatDay(r.takenOn)}</td>
                        <Td numeric>
                          {r.score} / {a.maxScore}
                        </Td>
                        <Td numeric>{r.percent}%</Td>
                        <td>{r.mastery ? "Met" : "Not met"}</td>
                        <td>{PROCTORED[String(r.proctored)]}</td>
                      </tr>
                    )),
              )}
            </tbody>
          </Table>
        </div>
      }
      narrow={
        // On a phone (below md): one line per result, the table's figures in words (issue 16).
        <div className="mt-3">
          <p className="mb-1 font-medium">Assessment history: {e.course.title}</p>
          <ul className="space-y-1 text-sm">
            {e.assessments.map((a) => (
              <li key={a.id} className="rounded border border-slate-200 p-2">
                <p>
                  {a.position}. {a.title} ({kind(a.kind)})
                </p>
                {a.attempts.length === 0 ? (
                  <p className="muted">Not taken</p>
                ) : (
                  <ul>
                    {a.attempts.map((r) => (
                      <li key={r.id} className="tabular-nums">
                        {`Attempt ${r.attempt} · ${formatDay(r.takenOn)} · ${r.score} / ${a.maxScore} (${r.percent}%) · mastery ${r.mastery ? "met" : "not met"}${r.proctored === null ? "" : r.proctored ? " · proctored" : " · not proctored"}`}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      }
    />
  );
}
