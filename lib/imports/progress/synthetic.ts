// A synthetic provider progress file of any size that matches a seeded district (the bench, issue
// 15): result rows for its ACTIVE enrollments, round-robin, so every enrollment gets about the same
// number of rows and a round past a course's last assessment is a further attempt. Deterministic for
// a given seed and database; written with buffered appends (constant memory). `header` renames the
// columns (a provider's own header, for a column-mapped import of the same rows).
import fs from "node:fs";
import pg from "pg";
import { providerEnrollmentId } from "@/lib/enrollments/source-key";

export const PROGRESS_COLUMNS = [
  "provider",
  "student_id",
  "course_code",
  "enrollment_id",
  "assessment",
  "score",
  "max_score",
  "date",
  "attempt",
  "course_status",
  "final_grade",
] as const;

/** A provider's own names for the columns (the rest keep theirs). */
export type ProgressHeader = Partial<Record<(typeof PROGRESS_COLUMNS)[number], string>>;

/** An enrollment the file can name: its provider, student, course, provider key and assessment count. */
export type SyntheticEnrollment = { provider: string; sisId: string; courseCode: string; enrollmentId: string; assessments: number };

/** The ACTIVE enrollments of the database at `url` (on their course version's assessments), in a stable order. */
export async function activeEnrollments(url: string): Promise<SyntheticEnrollment[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ provider: string; sisId: string; courseCode: string; sourceKey: string | null; assessments: number }>(`
      SELECT p."code" AS provider, s."sisId", c."providerCourseCode" AS "courseCode", e."sourceKey",
             (SELECT count(*)::int FROM "CourseAssessment" a WHERE a."courseId" = c."id" AND a."version" = e."courseVersion") AS assessments
      FROM "Enrollment" e JOIN "Student" s ON s."id" = e."studentId" JOIN "OnlineCourse" c ON c."id" = e."courseId" JOIN "Provider" p ON p."id" = c."providerId"
      WHERE e."status" = 'ACTIVE' ORDER BY e."id"`);
    return rows
      .filter((r) => r.assessments > 0)
      .map((r) => ({ provider: r.provider, sisId: r.sisId, courseCode: r.courseCode, enrollmentId: providerEnrollmentId(r.sourceKey), assessments: r.assessments }));
  } finally {
    await client.end();
  }
}

/** Writes `rows` result rows (score out of 100, no attempt number: the next attempt) for `enrollments`. */
export function writeSyntheticProgress(file: string, enrollments: SyntheticEnrollment[], rows: number, opts: { seed?: number; header?: ProgressHeader } = {}): void {
  if (enrollments.length === 0) throw new Error("no enrollments to write progress for");
  let seed = opts.seed ?? 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const fd = fs.openSync(file, "w");
  let buf = PROGRESS_COLUMNS.map((c) => opts.header?.[c] ?? c).join(",") + "\n";
  const start = Date.UTC(2026, 8, 1);
  for (let k = 0; k < rows; k++) {
    const e = enrollments[k % enrollments.length]!;
    const round = Math.floor(k / enrollments.length);
    const date = new Date(start + round * 7 * 86_400_000).toISOString().slice(0, 10);
    buf += `${e.provider},${e.sisId},${e.courseCode},${e.enrollmentId},${(round % e.assessments) + 1},${40 + Math.floor(rnd() * 61)},100,${date},,,\n`;
    if (buf.length > 1 << 20) (fs.writeSync(fd, buf), (buf = ""));
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}
