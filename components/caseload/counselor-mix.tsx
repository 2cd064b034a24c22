import Link from "next/link";
import type { CounselorMix } from "@/lib/students/caseload";
import type { CaseloadParams } from "@/lib/students/schema";
import { caseloadHref } from "@/lib/caseload/url";

/**
 * Each counselor's caseload risk mix for the current filter (issue 16: school administrators'
 * Students list). Small counts are shown as they are — the admin's own school's students, listed by
 * name below — so the reports' suppression (lib/reports/disclosure.ts) does not apply here.
 */
export function CounselorMixTable({ mix, p }: { mix: CounselorMix[]; p: CaseloadParams }) {
  if (mix.length === 0) return null;
  return (
    <details className="mt-2 text-sm" open={mix.length <= 8}>
      <summary className="inline-flex min-h-6 cursor-pointer items-center text-blue-800 underline">Risk mix per counselor</summary>
      <div role="region" aria-label="Risk mix per counselor" tabIndex={0} className="mt-1 max-w-2xl overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="data-table compact">
          <caption className="sr-only">Students of each counselor by risk level, for the current filters</caption>
          <thead>
            <tr>
              <th scope="col">Counselor</th>
              <th scope="col" className="text-right">High</th>
              <th scope="col" className="text-right">Moderate</th>
              <th scope="col" className="text-right">Low</th>
              <th scope="col" className="text-right">Students</th>
            </tr>
          </thead>
          <tbody>
            {mix.map((m) => (
              <tr key={m.counselorId ?? "none"}>
                <th scope="row" className="font-normal">
                  {m.counselorId ? (
                    <Link href={caseloadHref(p, { counselor: m.counselorId, page: 1 })} prefetch={false} className="link inline-block min-h-6">{m.name}</Link>
                  ) : m.name}
                </th>
                <td className="num">{m.counts.HIGH}</td>
                <td className="num">{m.counts.MODERATE}</td>
                <td className="num">{m.counts.LOW}</td>
                <td className="num">{m.counts.HIGH + m.counts.MODERATE + m.counts.LOW}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
