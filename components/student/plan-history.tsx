import { formatDay } from "@/lib/calendar";
import { RISK_LEVEL_LABEL } from "@/lib/labels";
import type { StudentPlan } from "@/lib/plans/queries";
import { RISK_REASON_WORDS, riskSpans, type PlanEvent, type RiskDay } from "@/lib/plans/rules";
import { PLAN_PROGRESS_LABELS, PLAN_STATUS_LABELS, PLAN_TYPE_LABELS } from "@/lib/plans/schema";
import { RowTh, Table, TableFrame, Th } from "@/components/ui/table";

// The student's risk history beside their plans (issue 16: "so a counselor sees whether it
// worked"): each period of the same risk level and reasons, with the plan starts, check-ins and
// closings that fell in it, and the pace of each plan's target course today.

/** How many of the latest periods are shown: the rest are counted. */
export const SPANS_SHOWN = 12;

export function planEvents(plans: StudentPlan[]): PlanEvent[] {
  return plans.flatMap((p) => {
    const name = `${PLAN_TYPE_LABELS[p.type]} plan`;
    return [
      { day: p.startDate, label: `${name} started` },
      ...p.checkIns.map((c) => ({ day: c.date, label: `${name} check-in: ${PLAN_PROGRESS_LABELS[c.progress].toLowerCase()}` })),
      ...(p.closedOn ? [{ day: p.closedOn, label: `${name} closed: ${PLAN_STATUS_LABELS[p.status].toLowerCase()}` }] : []),
    ];
  });
}

export function PlanHistory({ risk, plans }: { risk: RiskDay[]; plans: StudentPlan[] }) {
  const spans = riskSpans(risk, planEvents(plans)).reverse();
  const shown = spans.slice(0, SPANS_SHOWN);
  const paced = plans.filter((p) => p.status === "ACTIVE" && p.progressNow.pace);
  return (
    <section aria-labelledby="plan-history-h" className="mt-4">
      <h3 id="plan-history-h" className="text-lg font-semibold">
        Risk history and plan dates
      </h3>
      {spans.length === 0 ? (
        <p className="text-sm text-slate-700">No risk history yet: the daily risk snapshot has not recorded this student.</p>
      ) : (
        <TableFrame label="Risk history by period (scrolls sideways on a narrow screen)" className="mt-2">
          <Table density="compact" caption="Risk level and reasons by period, newest first, with the plan events in each period">
            <thead>
              <tr>
                <Th>Period</Th>
                <Th>Risk</Th>
                <Th>Reasons</Th>
                <Th>Plan events</Th>
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr key={s.from.toISOString()} className="align-top">
                  <RowTh>
                    {formatDay(s.from)} – {s.to ? formatDay(s.to) : "now"}
                  </RowTh>
                  <td className="font-medium">{s.level ? RISK_LEVEL_LABEL[s.level] : "Not recorded yet"}</td>
                  <td>{!s.level ? "—" : s.reasons.length ? s.reasons.map((r) => RISK_REASON_WORDS[r] ?? r).join("; ") : "None"}</td>
                  <td>
                    {s.events.length === 0 ? (
                      "—"
                    ) : (
                      <ul>
                        {s.events.map((e, i) => (
                          <li key={i}>
                            {formatDay(e.day)}: {e.label}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </Table>
          {spans.length > shown.length && <p className="px-2 py-1 text-sm text-slate-700">{spans.length - shown.length} earlier periods not shown.</p>}
        </TableFrame>
      )}
      {paced.length > 0 && (
        <ul className="mt-2 text-sm">
          {paced.map((p) => (
            <li key={p.id}>
              Pace of the {PLAN_TYPE_LABELS[p.type].toLowerCase()} plan&apos;s course today: {p.progressNow.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
