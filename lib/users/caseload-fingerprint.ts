import { createHash } from "node:crypto";

/**
 * The students a reassign page showed, as one value: SHA-256 of their sorted "id:version" pairs.
 * Moving "all" is refused unless the caseload is still exactly these students at these versions
 * (the same number is not enough: one left and another arrived would move a student nobody saw).
 */
export function caseloadFingerprint(students: { id: string; version: number }[]): string {
  const pairs = students.map((s) => `${s.id}:${s.version}`).sort();
  return createHash("sha256").update(pairs.join("\n")).digest("hex");
}
