import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { NotFoundError } from "@/lib/access";
import { planForPrint } from "@/lib/plans/queries";
import { GOAL_STATE_LABELS, targetWords } from "@/lib/plans/rules";
import { PLAN_PROGRESS_LABELS, PLAN_STATUS_LABELS, PLAN_TYPE_LABELS, TIER_LABELS } from "@/lib/plans/schema";
import { districtDay, formatDay } from "@/lib/calendar";
import { PrintSheetHead } from "@/components/student/print-sheet-head";
import { FollowUpText } from "@/components/student/plan-card";

export const metadata: Metadata = { title: "Intervention plan" };

/**
 * One intervention plan, printable for a family meeting: the goal and its measurable target,
 * where the student stands today, who owns it, the dates, the check-ins so far and room for
 * signatures. Scoped like the student page; each view is audited (`plan.read`).
 */
export default async function PrintablePlan({ params }: { params: Promise<{ id: string; planId: string }> }) {
  const { id, planId } = await params;
  const viewer = await getViewer();
  const today = districtDay();
  let data;
  try {
    data = await planForPrint(viewer, id, planId, today);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { student: s, plan: p } = data;
  const h2 = "text-lg font-semibold";
  const checkIns = [...p.checkIns].reverse();
  return (
    <article className="mx-auto max-w-3xl bg-white p-6 print:max-w-none print:p-0">
      <PrintSheetHead
        studentId={s.id}
        title={`${PLAN_TYPE_LABELS[p.type]} plan: ${s.firstName} ${s.lastName}`}
        facts={[`SIS ${s.sisId}`, `Grade ${s.gradeLevel}`, s.school.name, `Counselor ${s.counselor?.name ?? "unassigned"}`, `Prepared ${formatDay(today)}`]}
      />

      <section aria-labelledby="pp-goal" className="mt-4 break-inside-avoid">
        <h2 id="pp-goal" className={h2}>
          Goal
        </h2>
        <p>{p.goal}</p>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Measurable target</dt>
          <dd>{targetWords(p, p.courseTitle)}</dd>
          <dt className="font-medium">Where things stand today</dt>
          <dd>
            {GOAL_STATE_LABELS[p.progressNow.state]}: {p.progressNow.text}
          </dd>
          <dt className="font-medium">Level of support</dt>
          <dd>{TIER_LABELS[p.tier]}</dd>
          <dt className="font-medium">Status</dt>
          <dd>
            {PLAN_STATUS_LABELS[p.status]}
            {p.closedOn ? ` on ${formatDay(p.closedOn)}` : ""}
            {p.statusReason ? ` — ${p.statusReason}` : ""}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="pp-who" className="mt-4 break-inside-avoid">
        <h2 id="pp-who" className={h2}>
          Who and when
        </h2>
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium">Responsible staff member</dt>
          <dd>{p.owner.name}</dd>
          <dt className="font-medium">Started</dt>
          <dd>{formatDay(p.startDate)}</dd>
          <dt className="font-medium">Next follow-up</dt>
          <dd>
            <FollowUpText p={p} />
          </dd>
        </dl>
      </section>

      <section aria-labelledby="pp-checkins" className="mt-4">
        <h2 id="pp-checkins" className={h2}>
          Check-ins so far
        </h2>
        {checkIns.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <Table density="sheet" caption="Check-ins, oldest first, with the progress seen and the note">
            <thead>
              <tr>
                <Th>Date</Th>
                <Th>Progress</Th>
                <Th>What happened</Th>
              </tr>
            </thead>
            <tbody>
              {checkIns.map((c) => (
                <tr key={c.id} className="break-inside-avoid align-top">
                  <RowTh className="whitespace-nowrap">{formatDay(c.date)}</RowTh>
                  <Td>{PLAN_PROGRESS_LABELS[c.progress]}</Td>
                  <Td className="break-words whitespace-pre-line">{c.note}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="pp-notes" className="mt-6 break-inside-avoid">
        <h2 id="pp-notes" className={h2}>
          Agreed at the meeting
        </h2>
        <p className="mt-2 border-b border-slate-400 pb-6" aria-hidden="true" />
        <p className="border-b border-slate-400 pb-6" aria-hidden="true" />
      </section>
      <p className="mt-6 text-xs text-slate-600">Signatures: student ____________________ family ____________________ staff ____________________</p>
    </article>
  );
}
