import "server-only";
import type { z } from "zod";
import { db, type Tx } from "@/lib/db";
import { bulkInsert, chunks } from "@/lib/imports/bulk";
import type { EntityCounts, ErrorList } from "@/lib/imports/report";
import type { sequenceRow } from "@/lib/imports/extract/schema";
import { columns } from "@/lib/sql/fragments/columns";

// The course sequence of the district extract (issue #18): CourseSequence pairs, SIS course → the
// course that follows it, read by the program quality report (the completers' next course). A file
// adds the pairs it lists and deletes those it marks `remove`; a pair it does not list stays, so a
// district may send only what changed and a second import of the same file changes nothing.

type SequenceRow = { file: string; line: number; r: z.output<typeof sequenceRow> };
export type SequencePair = { courseCode: string; nextCode: string };
export type SequencePlan = { create: SequencePair[]; remove: SequencePair[] };

const key = (p: SequencePair) => JSON.stringify([p.courseCode, p.nextCode]);

/** The stored pairs — nothing when the run has no sequence rows. The table is small: read whole. */
export async function loadSequence(rows: number): Promise<Set<string>> {
  if (rows === 0) return new Set();
  const pairs = await db().courseSequence.findMany({ select: { courseCode: true, nextCode: true } });
  return new Set(pairs.map(key));
}

/**
 * The pairs to add and to delete. A pair already stored is unchanged; so is one marked `remove`
 * that is not stored (there is nothing to delete). The same pair twice is an error on the second
 * line, whatever its `remove` says: which one the district meant is not for the import to guess.
 */
export function planSequence(rows: SequenceRow[], stored: Set<string>, errors: ErrorList, counts: EntityCounts): SequencePlan {
  const plan: SequencePlan = { create: [], remove: [] };
  const seen = new Map<string, { file: string; line: number }>();
  for (const { file, line, r } of rows) {
    const pair = { courseCode: r.course_code, nextCode: r.next_course_code };
    const k = key(pair);
    const first = seen.get(k);
    if (first) {
      const where = first.file === file ? `line ${first.line} of this file` : `line ${first.line} of ${first.file}`;
      errors.add({ file, line, column: "next_course_code", value: r.next_course_code, message: `Duplicate row: ${r.course_code} → ${r.next_course_code} is already on ${where}` });
      continue;
    }
    seen.set(k, { file, line });
    const exists = stored.has(k);
    if (r.remove && exists) {
      plan.remove.push(pair);
      counts.deleted++;
    } else if (!r.remove && !exists) {
      plan.create.push(pair);
      counts.created++;
    } else counts.unchanged++;
  }
  return plan;
}

const COLS = columns("CourseSequence", ["courseCode", "nextCode"]);

/** Adds and deletes the planned pairs in the caller's transaction (a pair added meanwhile is kept as it is). */
export async function writeSequence(tx: Tx, plan: SequencePlan): Promise<void> {
  await bulkInsert(tx, "CourseSequence", COLS, plan.create, { stamps: "created", conflict: { on: ["courseCode", "nextCode"] } });
  for (const pairs of chunks(plan.remove)) await tx.courseSequence.deleteMany({ where: { OR: pairs } });
}
