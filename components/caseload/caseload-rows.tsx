"use client";
import Link from "next/link";
import type { RiskLevel } from "@/lib/students/rules";
import type { PaceStatus } from "@/lib/enrollments/rules";
import { RiskBadge, PaceBadge } from "./badges";

/**
 * One caseload row as the table shows it: text already formatted on the server. The rows are a
 * client component so that the page's React Server Components payload carries this compact data
 * (a few hundred bytes a row) rather than every row's element tree, which doubled the page.
 */
export type CaseloadRowView = {
  id: string;
  name: string;
  /** SIS id and program flags ("1016524 · SPED, Low income"). */
  detail: string;
  attention: boolean;
  grade: number;
  cohort: number;
  risk: RiskLevel;
  reasons: string[];
  credits: string;
  /** Credits still needed (lib/students/credits.ts). */
  needed: string;
  courses: { id: string; title: string; progress: number; pace: PaceStatus }[];
  idle: number | null;
  note: string;
};

export function CaseloadRows({ rows }: { rows: CaseloadRowView[] }) {
  if (rows.length === 0) {
    return (
      <tr>
        <td colSpan={9} className="py-6 text-center muted">No students match these filters.</td>
      </tr>
    );
  }
  return rows.map((r) => (
    <tr key={r.id} className="align-top">
      <th scope="row" className="font-medium">
        <Link href={`/students/${r.id}`} prefetch={false} className="link">{r.name}</Link>
        <div className="text-xs font-normal muted">
          {r.detail}
          {r.attention && <span className="ml-1 font-semibold text-red-800">· Needs attention</span>}
        </div>
      </th>
      <td className="tabular-nums">{r.grade}</td>
      <td className="tabular-nums">{r.cohort}</td>
      <td>
        <RiskBadge level={r.risk} />
        {r.reasons.length > 0 && (
          <ul className="mt-1 list-disc pl-4 text-xs text-slate-700">
            {r.reasons.map((x) => <li key={x}>{x}</li>)}
          </ul>
        )}
      </td>
      <td className="num">{r.credits}</td>
      <td className="num">{r.needed}</td>
      <td>
        {r.courses.length === 0 ? <span className="muted">None</span> : (
          <ul className="space-y-1">
            {r.courses.map((c) => (
              <li key={c.id}>
                {`${c.title}: `}<span className="tabular-nums">{`${c.progress}%`}</span> <PaceBadge status={c.pace} />
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="num">{r.idle ?? "—"}</td>
      <td>{r.note}</td>
    </tr>
  ));
}
