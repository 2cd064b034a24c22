// A synthetic activity (time-on-task) file of any size for a seeded district (the bench, issue 15):
// one session row per ACTIVE enrollment per day, round-robin, 20–79 minutes each, from
// 2026-09-01 on. Deterministic for a given seed and database; written with buffered appends.
import fs from "node:fs";
import type { SyntheticEnrollment } from "@/lib/imports/progress/synthetic";

export const ACTIVITY_COLUMNS = ["provider", "student_id", "course_code", "enrollment_id", "session_start", "session_end"] as const;

export function writeSyntheticActivity(file: string, enrollments: SyntheticEnrollment[], rows: number, opts: { seed?: number } = {}): void {
  if (enrollments.length === 0) throw new Error("no enrollments to write activity for");
  let seed = opts.seed ?? 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const fd = fs.openSync(file, "w");
  let buf = ACTIVITY_COLUMNS.join(",") + "\n";
  const start = Date.UTC(2026, 8, 1, 14);
  for (let k = 0; k < rows; k++) {
    const e = enrollments[k % enrollments.length]!;
    const round = Math.floor(k / enrollments.length);
    const from = start + round * 86_400_000 + Math.floor(rnd() * 6) * 3_600_000;
    const to = from + (20 + Math.floor(rnd() * 60)) * 60_000;
    buf += `${e.provider},${e.sisId},${e.courseCode},${e.enrollmentId},${new Date(from).toISOString()},${new Date(to).toISOString()}\n`;
    if (buf.length > 1 << 20) (fs.writeSync(fd, buf), (buf = ""));
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}
