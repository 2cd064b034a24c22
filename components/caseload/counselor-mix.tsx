import Link from "next/link";
import type { CounselorMix } from "@/lib/students/caseload";
import type { CaseloadParams } from "@/lib/students/schema";
import { caseloadHref } from "@/lib/caseload/url";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";

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
      <TableFrame label="Risk mix per counselor" className="mt-1 max-w-2xl">
        <Table density="compact" caption="Students of each counselor by risk level, for the current filters">
          <thead>
            <tr>
              <Th>Counselor</Th>
              <Th numeric>High</Th>
              <Th numeric>Moderate</Th>
              <Th numeric>Low</Th>
              <Th numeric>Students</Th>
            </tr>
          </thead>
          <tbody>
            {mix.map((m) => (
              <tr key={m.counselorId ?? "none"}>
                <RowTh>
                  {m.counselorId ? (
                    <Link href={caseloadHref(p, { counselor: m.counselorId, page: 1 })} prefetch={false} className="link inline-block min-h-6">
                      {m.name}
                    </Link>
                  ) : (
                    m.name
                  )}
                </RowTh>
                <Td numeric>{m.counts.HIGH}</Td>
                <Td numeric>{m.counts.MODERATE}</Td>
                <Td numeric>{m.counts.LOW}</Td>
                <Td numeric>{m.counts.HIGH + m.counts.MODERATE + m.counts.LOW}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </TableFrame>
    </details>
  );
}
