"use client";
import Link from "next/link";
import type { RiskLevel } from "@/lib/students/rules";
import type { PaceStatus } from "@/lib/enrollments/rules";
import { RiskBadge, PaceBadge } from "./badges";
import { RowBox } from "./selection";
import { RowTh, Td } from "@/components/ui/table";

/**
 * One caseload row as the table and the phone cards show it: text already formatted on the
 * server. The rows are a client component so that the page's React Server Components payload
 * carries this compact data (a few hundred bytes a row) rather than every row's element tree,
 * which doubled the page — and the table and the cards render from the same data.
 */
export type CaseloadRowView = {
  id: string;
  name: string;
  /** SIS id and program flags ("1016524 · SPED, Low income"; lib/labels.ts PROGRAM_FLAG_SHORT). */
  detail: string;
  attention: boolean;
  grade: number;
  cohort: number;
  risk: RiskLevel;
  /** The most important reason (lib/caseload/rules.ts primaryReason), then the rest in rank order. */
  primary: string | null;
  more: string[];
  credits: string;
  /** Credits still needed (lib/students/credits.ts). */
  needed: string;
  courses: { id: string; title: string; progress: number; pace: PaceStatus }[];
  idle: number | null;
  note: string;
  /** Shown to admins only (undefined for a counselor's own caseload). */
  counselor?: string;
};

/**
 * Risk badge with "+N more" that expands the rest, and the single most important reason under it
 * (issue 16): two lines, as the student's name and SIS id, so a row stays two lines high and a
 * laptop screen shows 10–15 students.
 */
export function RiskCell({ r }: { r: CaseloadRowView }) {
  return (
    <div className="text-xs">
      <div className="flex items-baseline gap-x-2 md:whitespace-nowrap">
        <RiskBadge level={r.risk} />
        {r.more.length > 0 && (
          <details className="inline-block">
            <summary className="inline-flex min-h-6 cursor-pointer items-center text-blue-800 underline">
              {`+${r.more.length} more`}
              <span className="sr-only">{` risk reasons for ${r.name}`}</span>
            </summary>
            <ul className="list-disc pl-4 text-slate-700">
              {r.more.map((x) => (
                <li key={x}>{x}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
      {r.primary && <p className="text-slate-800 2xl:whitespace-nowrap">{r.primary}</p>}
    </div>
  );
}

/** One online course: its title, then its progress and pace kept together (with `after`). */
function CourseLine({ c, after }: { c: CaseloadRowView["courses"][number]; after?: React.ReactNode }) {
  return (
    <>
      {`${c.title}: `}
      <span className="whitespace-nowrap">
        <span className="tabular-nums">{`${c.progress}%`}</span> <PaceBadge status={c.pace} />
        {after}
      </span>
    </>
  );
}

/**
 * The first online course, and "+N more" that expands the others, as the risk cell does: every
 * course a line of its own made a student with two or three courses a row of three or four lines
 * (at 1440 × 900 nine students showed, not the 10–15 of issue 16, on a day when two such students
 * led the caseload). A title longer than the column's 16rem still wraps below 1536 px; "+N more"
 * stays on the line of the course's progress, so the cell is at most two lines until opened.
 */
export function Courses({ r }: { r: CaseloadRowView }) {
  if (r.courses.length === 0) return <span className="muted">None</span>;
  const [first, ...rest] = r.courses;
  const more =
    rest.length > 0 ? (
      <details className="ml-2 inline-block align-baseline">
        <summary className="inline-flex min-h-6 cursor-pointer items-center text-blue-800 underline">
          {`+${rest.length} more`}
          <span className="sr-only">{` online courses for ${r.name}`}</span>
        </summary>
        <ul className="whitespace-normal">
          {rest.map((c) => (
            <li key={c.id}>
              <CourseLine c={c} />
            </li>
          ))}
        </ul>
      </details>
    ) : null;
  return (
    <div className="2xl:whitespace-nowrap">
      <CourseLine c={first} after={more} />
    </div>
  );
}

export function StudentName({ r }: { r: CaseloadRowView }) {
  return (
    <>
      <div className="md:whitespace-nowrap">
        <Link href={`/students/${r.id}`} prefetch={false} className="link inline-block min-h-6">
          {r.name}
        </Link>
        {r.attention && <span className="ml-1.5 text-xs font-semibold text-red-800">Needs attention</span>}
      </div>
      <div className="text-xs font-normal muted">{r.detail}</div>
    </>
  );
}

export function CaseloadRows({ rows, columns }: { rows: CaseloadRowView[]; columns: number }) {
  if (rows.length === 0) {
    return (
      <tr>
        <td colSpan={columns} className="py-6 text-center muted">
          No students match these filters.
        </td>
      </tr>
    );
  }
  return rows.map((r) => (
    <tr key={r.id} className="align-top">
      <td className="w-8">
        <RowBox id={r.id} name={r.name} prefix="sel" />
      </td>
      <RowTh className="font-medium">
        <StudentName r={r} />
      </RowTh>
      {r.counselor !== undefined && <td className="text-xs">{r.counselor}</td>}
      <td className="tabular-nums">{r.grade}</td>
      <td className="tabular-nums">{r.cohort}</td>
      <td>
        <RiskCell r={r} />
      </td>
      <Td numeric>{r.credits}</Td>
      <Td numeric>{r.needed}</Td>
      <td className="min-w-64 text-xs">
        <Courses r={r} />
      </td>
      <Td numeric>{r.idle ?? "—"}</Td>
      <td className="whitespace-nowrap">{r.note}</td>
    </tr>
  ));
}
