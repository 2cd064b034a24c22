import Link from "next/link";
import type { EquityRow } from "@/lib/reports/equity";
import { gapTone } from "@/lib/reports/equity";
import type { AccessRow } from "@/lib/reports/access";
import { DIMENSION_LABEL, type Dimension } from "@/lib/reports/groups";
import { fmtCount, fmtGap, fmtRate, query } from "./format";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";

// The equity page's table (issue 18): every group under its dimension's heading — race/ethnicity,
// gender, race/ethnicity × gender, and each program flag beside its complement — with the gaps to
// all students, to the comparison group (a flag's complement) and to the highest group. For an
// access figure the rate is "per 100 students" and the row adds the shares and the representation
// index (lib/reports/access.ts). Hidden values read "—" as everywhere (format.ts HIDDEN_NOTE).

const TONE = { worse: "bg-red-50 text-red-900", better: "bg-green-50 text-green-900", even: "text-slate-800", none: "text-slate-600" } as const;
const TONE_WORD = { worse: " (worse)", better: " (better)", even: "", none: "" } as const;

const isAccess = (r: EquityRow | AccessRow): r is AccessRow => "index" in r;
const per100 = (v: number | null, coded: EquityRow["coded"]) => (coded ? `${coded.op} ${coded.bound.toFixed(1)}` : v == null ? "—" : v.toFixed(1));
const pct = (v: number | null) => (v == null ? "—" : `${v.toFixed(1)}%`);
const idx = (v: number | null) => (v == null ? "—" : v.toFixed(2));

/** The dimensions in the order they are listed, each a <tbody> with its heading row. */
function sections<R extends { dimension: Dimension }>(rows: R[]): [Dimension, R[]][] {
  const out: [Dimension, R[]][] = [];
  for (const r of rows) {
    const last = out.at(-1);
    if (last && last[0] === r.dimension) last[1].push(r);
    else out.push([r.dimension, [r]]);
  }
  return out;
}

function GapCell({ gap, higherIsBetter }: { gap: number | null; higherIsBetter: boolean }) {
  const tone = gapTone(gap, higherIsBetter);
  return (
    <Td numeric className={TONE[tone]}>
      {fmtGap(gap)}
      <span className="sr-only">{TONE_WORD[tone]}</span>
    </Td>
  );
}

export function GroupsTable({
  label,
  rows,
  access,
  enrollments = false,
  higherIsBetter,
  drill,
}: {
  label: string;
  rows: (EquityRow | AccessRow)[];
  access: boolean;
  /** Course completion: a rate per enrollment, so the group's enrollments ended stand beside its students. */
  enrollments?: boolean;
  higherIsBetter: boolean;
  /** Outcome figures: the drill-down's parameters (figure, year, school); a shown rate lists its students. */
  drill?: Record<string, string | number | undefined>;
}) {
  const cols = access ? 10 : enrollments ? 7 : 6;
  return (
    <TableFrame className="relative mt-3" label={`${label} by student group (scrolls sideways)`}>
      <Table caption={`${label} by student group, with gaps in percentage points${access ? " (students per 100)" : ""}; small groups are hidden`}>
        <thead>
          <tr>
            <Th>Group</Th>
            {access ? (
              <>
                <Th numeric>Students (Oct 1, grades 9–12)</Th>
                <Th numeric>Enrolled</Th>
                <Th numeric>Per 100 students</Th>
                <Th numeric>Share of students</Th>
                <Th numeric>Share of enrolled</Th>
                <Th numeric>Representation index</Th>
              </>
            ) : (
              <>
                <Th numeric>Rate</Th>
                <Th numeric>Students</Th>
                {enrollments && <Th numeric>Enrollments ended</Th>}
              </>
            )}
            <Th numeric>Gap to all students</Th>
            <Th numeric>Gap to comparison group</Th>
            <Th numeric>{access ? "Gap to group with most access" : "Gap to highest group"}</Th>
          </tr>
        </thead>
        {sections(rows).map(([dim, list]) => (
          <tbody key={dim}>
            {dim !== "all" && (
              <tr>
                <th scope="rowgroup" colSpan={cols} className="bg-slate-50 text-left text-sm font-semibold text-slate-800">
                  {DIMENSION_LABEL[dim]}
                </th>
              </tr>
            )}
            {list.map((r) => (
              <tr key={r.key} className={r.key === "all" ? "font-semibold" : undefined}>
                <RowTh>{r.label}</RowTh>
                {isAccess(r) ? (
                  <>
                    <Td numeric>{fmtCount(r.n)}</Td>
                    <Td numeric>{fmtCount(r.numerator)}</Td>
                    <Td numeric>
                      <span title={r.value == null && r.n != null ? "Within one student of none or all" : undefined}>{per100(r.value, r.coded)}</span>
                    </Td>
                    <Td numeric>{pct(r.shareOfStudents)}</Td>
                    <Td numeric>{pct(r.shareOfEnrolled)}</Td>
                    <Td numeric>{idx(r.index)}</Td>
                  </>
                ) : (
                  <>
                    <Td numeric>
                      {r.value != null && drill ? (
                        <Link
                          href={query("/reports/drill", { ...drill, group: r.key })}
                          className="text-blue-900 underline"
                          aria-label={`${r.label}: ${fmtRate(r.value)} — list the students`}
                        >
                          {fmtRate(r.value)}
                        </Link>
                      ) : (
                        fmtRate(r.value, r.coded)
                      )}
                    </Td>
                    <Td numeric>{fmtCount(r.n)}</Td>
                    {enrollments && <Td numeric>{fmtCount(r.denominator)}</Td>}
                  </>
                )}
                <GapCell gap={r.gapToAll} higherIsBetter={higherIsBetter} />
                <GapCell gap={r.gapToComparison} higherIsBetter={higherIsBetter} />
                <GapCell gap={r.gapToHighest} higherIsBetter={higherIsBetter} />
              </tr>
            ))}
          </tbody>
        ))}
      </Table>
    </TableFrame>
  );
}
