import type { EnrollmentView } from "@/lib/students/record";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { PaceBadge, ScheduleBadge } from "@/components/caseload/badges";
import { RecordResultsForm } from "./results-form";
import { CompleteForm, EndEnrollmentForm } from "./enrollment-end-forms";
import { ENROLLMENT_STATUS_LABELS, PROGRAM_LABELS, formatDay } from "./labels";

/** One online enrollment: progress, pace, schedule, grade, assessment history, and its forms when active. */
export function EnrollmentCard({ e, today, interactive = true }: { e: EnrollmentView; today: string; interactive?: boolean }) {
  const active = e.status === "ACTIVE";
  const headingId = `enr-${e.id}`;
  return (
    <section aria-labelledby={headingId} className="rounded border border-slate-200 bg-white p-4">
      <h3 id={headingId} className="text-lg font-semibold">
        {e.course.title} <span className="text-sm font-normal text-slate-600">· {e.course.provider} · {SUBJECT_LABELS[e.course.subjectArea]} · {PROGRAM_LABELS[e.course.programType]} · {e.course.credits} credit</span>
      </h3>
      {e.replaces && <p className="text-sm text-slate-700">Recovers {e.replaces.courseTitle} ({e.replaces.schoolYear}–{String(e.replaces.schoolYear + 1).slice(2)})</p>}
      <dl className="mt-2 grid grid-cols-2 gap-x-6 gap-y-1 text-sm md:grid-cols-4">
        <div><dt className="text-slate-600">Status</dt><dd className="font-medium">{ENROLLMENT_STATUS_LABELS[e.status]}{e.endedOn && ` on ${formatDay(e.endedOn)}`}</dd></div>
        <div><dt className="text-slate-600">Dates</dt><dd>{formatDay(e.startDate)} → {formatDay(e.targetDate)}</dd></div>
        <div><dt className="text-slate-600">Progress</dt><dd><span className="tabular-nums" data-testid="progress">{e.progress}%</span>{active && <> (expected {e.pace.expected}%) <PaceBadge status={e.pace.status} /></>}</dd></div>
        {active && <div><dt className="text-slate-600">Schedule</dt><dd>{e.schedule ? <ScheduleBadge rate={e.schedule.rate} colour={e.schedule.colour} /> : "Nothing due yet"}</dd></div>}
        <div><dt className="text-slate-600">{e.status === "COMPLETED" ? "Final grade" : "Grade to date"}</dt><dd className="tabular-nums">{e.finalGrade ?? e.gradeToDate ?? "—"}</dd></div>
        {active && <div><dt className="text-slate-600">Last activity</dt><dd>{e.lastActivityOn ? formatDay(e.lastActivityOn) : "None yet"} {e.inactive && <span className="font-semibold text-red-800">· inactive {e.daysInactive} days</span>}</dd></div>}
        <div><dt className="text-slate-600">Mastery threshold</dt><dd>{e.course.masteryThreshold}%</dd></div>
        {e.creditAwarded !== null && <div><dt className="text-slate-600">Credit awarded</dt><dd>{e.creditAwarded}</dd></div>}
        {e.endReason && <div className="col-span-2"><dt className="text-slate-600">Reason</dt><dd>{e.endReason}</dd></div>}
      </dl>
      <div className="mt-3 overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="mb-1 text-left font-medium">Assessment history: {e.course.title}</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-2 py-1">Assessment</th>
              <th scope="col" className="px-2 py-1">Attempt</th>
              <th scope="col" className="px-2 py-1">Date</th>
              <th scope="col" className="px-2 py-1 text-right">Score</th>
              <th scope="col" className="px-2 py-1 text-right">Percent</th>
              <th scope="col" className="px-2 py-1">Mastery</th>
            </tr>
          </thead>
          <tbody>
            {e.assessments.flatMap((a) =>
              a.attempts.length === 0
                ? [
                    <tr key={a.id} className="border-t border-slate-200 text-slate-600">
                      <th scope="row" className="px-2 py-1 text-left font-normal">{a.position}. {a.title} ({a.kind === "SUMMATIVE" ? "summative" : "formative"})</th>
                      <td className="px-2 py-1" colSpan={5}>Not taken</td>
                    </tr>,
                  ]
                : a.attempts.map((r) => (
                    <tr key={r.id} className="border-t border-slate-200">
                      <th scope="row" className="px-2 py-1 text-left font-normal">{a.position}. {a.title} ({a.kind === "SUMMATIVE" ? "summative" : "formative"})</th>
                      <td className="px-2 py-1 tabular-nums">{r.attempt}</td>
                      <td className="px-2 py-1">{formatDay(r.takenOn)}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{r.score} / {a.maxScore}</td>
                      <td className="px-2 py-1 text-right tabular-nums">{r.percent}%</td>
                      <td className="px-2 py-1">{r.mastery ? "Met" : "Not met"}</td>
                    </tr>
                  )),
            )}
          </tbody>
        </table>
      </div>
      {active && interactive && (
        <div className="no-print">
          {e.canComplete && <CompleteForm enrollmentId={e.id} version={e.version} courseTitle={e.course.title} credits={e.course.credits} />}
          <details className="mt-3">
            <summary className="cursor-pointer font-medium text-blue-800 underline">Record results</summary>
            <RecordResultsForm enrollmentId={e.id} version={e.version} assessments={e.assessments} today={today} courseTitle={e.course.title} />
          </details>
          <details className="mt-2">
            <summary className="cursor-pointer font-medium text-blue-800 underline">Mark failed or withdrawn</summary>
            <EndEnrollmentForm enrollmentId={e.id} version={e.version} courseTitle={e.course.title} today={today} />
          </details>
        </div>
      )}
    </section>
  );
}
