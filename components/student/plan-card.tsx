import Link from "next/link";
import { Disclosure } from "@/components/ui/disclosure";
import { formatDay, isoDay } from "@/lib/calendar";
import { CheckInForm, ClosePlanForm, PlanForm, type Option } from "@/components/student/plan-forms";
import type { StudentPlan } from "@/lib/plans/queries";
import { GOAL_STATE_LABELS, targetWords } from "@/lib/plans/rules";
import { PLAN_PROGRESS_LABELS, PLAN_STATUS_LABELS, PLAN_TYPE_LABELS, TIER_LABELS } from "@/lib/plans/schema";

// One intervention plan on the student page: what it aims at and how far the record says the
// student is from it, who owns it, when to follow up (due / overdue in words), its check-ins
// newest first, and — while active — the forms to check in, edit and close it.

export const FOLLOW_UP_WORDS = { overdue: "overdue", due: "due today" } as const;

export function FollowUpText({ p }: { p: Pick<StudentPlan, "nextFollowUp" | "followUp" | "status"> }) {
  if (p.status !== "ACTIVE") return <>—</>;
  if (!p.nextFollowUp) return <>none set</>;
  return (
    <>
      {formatDay(p.nextFollowUp)}
      {p.followUp && " "}
      {p.followUp && (
        <strong className={p.followUp === "overdue" ? "rounded bg-red-100 px-1 text-red-900" : "rounded bg-amber-100 px-1 text-amber-900"}>({FOLLOW_UP_WORDS[p.followUp]})</strong>
      )}
    </>
  );
}

export function PlanCard({ p, studentId, owners, courses, today }: { p: StudentPlan; studentId: string; owners: Option[]; courses: Option[]; today: Date }) {
  const active = p.status === "ACTIVE";
  const day = isoDay(today);
  const headingId = `plan-${p.id}-h`;
  return (
    <article aria-labelledby={headingId} className={`rounded border bg-white p-3 ${active ? "border-slate-300" : "border-slate-200 text-slate-800"}`}>
      <h4 id={headingId} className="font-semibold">
        {PLAN_TYPE_LABELS[p.type]} plan · {TIER_LABELS[p.tier]} · {PLAN_STATUS_LABELS[p.status]}
      </h4>
      <p className="mt-1">{p.goal}</p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium">Target</dt>
        <dd>{targetWords(p, p.courseTitle)}</dd>
        <dt className="font-medium">Progress now</dt>
        <dd>
          {GOAL_STATE_LABELS[p.progressNow.state]}: {p.progressNow.text}
        </dd>
        <dt className="font-medium">Owner</dt>
        <dd>{p.owner.name}</dd>
        <dt className="font-medium">Started</dt>
        <dd>{formatDay(p.startDate)}</dd>
        {active ? (
          <>
            <dt className="font-medium">Next follow-up</dt>
            <dd data-testid="next-follow-up">
              <FollowUpText p={p} />
            </dd>
          </>
        ) : (
          <>
            <dt className="font-medium">Closed</dt>
            <dd>
              {formatDay(p.closedOn)}: {PLAN_STATUS_LABELS[p.status].toLowerCase()}
              {p.statusReason ? ` — ${p.statusReason}` : ""}
            </dd>
          </>
        )}
      </dl>
      <h5 className="mt-3 text-sm font-semibold">Check-ins ({p.checkIns.length})</h5>
      {p.checkIns.length === 0 ? (
        <p className="text-sm text-slate-700">None yet.</p>
      ) : (
        <ol className="mt-1 space-y-1 text-sm" aria-label="Check-ins, newest first">
          {p.checkIns.map((c) => (
            <li key={c.id} className="border-l-2 border-slate-300 pl-2">
              <span className="font-medium">
                {formatDay(c.date)} · {PLAN_PROGRESS_LABELS[c.progress]}
              </span>{" "}
              · {c.author.name}
              <p className="whitespace-pre-line break-words">{c.note}</p>
            </li>
          ))}
        </ol>
      )}
      <p className="no-print mt-2 text-sm">
        <Link href={`/students/${studentId}/plans/${p.id}`} className="inline-block min-h-6 text-blue-800 underline">
          Printable plan for a family meeting
        </Link>
      </p>
      <div className="no-print">
        {active && (
          <Disclosure className="mt-2" summary="Add a check-in">
            <CheckInForm planId={p.id} today={day} />
          </Disclosure>
        )}
        {active && (
          <Disclosure className="mt-2" summary="Edit this plan">
            <PlanForm
              owners={owners}
              courses={courses}
              today={day}
              followUp={day}
              plan={{
                id: p.id,
                version: p.version,
                type: p.type,
                tier: p.tier,
                goal: p.goal,
                metric: p.metric,
                targetValue: p.targetValue,
                targetEnrollmentId: p.targetEnrollmentId,
                targetText: p.targetText,
                ownerId: p.ownerId,
                startDate: isoDay(p.startDate),
                nextFollowUp: p.nextFollowUp ? isoDay(p.nextFollowUp) : null,
              }}
            />
          </Disclosure>
        )}
        <ClosePlanForm planId={p.id} version={p.version} today={day} active={active} />
      </div>
    </article>
  );
}
