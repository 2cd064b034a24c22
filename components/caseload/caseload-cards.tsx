"use client";
import { CASELOAD_HEADERS as H } from "@/lib/caseload/columns";
import { Courses, RiskCell, StudentName, type CaseloadRowView } from "./caseload-rows";
import { RowBox, SelectAllBox } from "./selection";

/**
 * The caseload on a phone (below Tailwind's md, 768 px): one card per student with the same
 * information as the table's row, labelled with the table's headers, fitting a 390-px screen
 * without sideways scrolling (issue 16; e2e/caseload-phone.spec.ts measures scrollWidth).
 */
export function CaseloadCards({ rows }: { rows: CaseloadRowView[] }) {
  if (rows.length === 0) return <p className="rounded border border-slate-200 bg-white py-6 text-center muted">No students match these filters.</p>;
  const dt = "text-xs text-slate-600";
  return (
    <>
      <div className="flex items-center gap-2 text-sm">
        <SelectAllBox id="sel-all-cards" />
        <span aria-hidden="true">Select all on this page</span>
      </div>
      <ul className="mt-2 space-y-2" aria-label="Students">
        {rows.map((r) => (
          <li key={r.id} className="rounded border border-slate-200 bg-white p-3 text-sm">
            <div className="flex items-start gap-3">
              <RowBox id={r.id} name={r.name} prefix="card" />
              <div className="min-w-0 flex-1 break-words font-medium">
                <StudentName r={r} />
              </div>
            </div>
            <div className="mt-2">
              <RiskCell r={r} />
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1">
              {r.counselor !== undefined && (
                <div className="col-span-2">
                  <dt className={dt}>{H.counselor}</dt>
                  <dd>{r.counselor}</dd>
                </div>
              )}
              <div>
                <dt className={dt}>{H.grade}</dt>
                <dd className="tabular-nums">{r.grade}</dd>
              </div>
              <div>
                <dt className={dt}>{H.cohort}</dt>
                <dd className="tabular-nums">{r.cohort}</dd>
              </div>
              <div>
                <dt className={dt}>{H.credits}</dt>
                <dd className="tabular-nums">{r.credits}</dd>
              </div>
              <div>
                <dt className={dt}>{H.needed}</dt>
                <dd className="tabular-nums">{r.needed}</dd>
              </div>
              <div>
                <dt className={dt}>{H.activity}</dt>
                <dd className="tabular-nums">{r.idle ?? "—"}</dd>
              </div>
              <div>
                <dt className={dt}>{H.note}</dt>
                <dd>{r.note}</dd>
              </div>
              <div className="col-span-2 min-w-0">
                <dt className={dt}>{H.courses}</dt>
                <dd className="text-xs [&_li]:whitespace-normal">
                  <Courses r={r} />
                </dd>
              </div>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
