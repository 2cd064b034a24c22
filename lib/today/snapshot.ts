import "server-only";
import { enrolledSchoolRows, type CaseloadRow } from "@/lib/students/caseload";
import { INACTIVE_DAYS } from "@/lib/enrollments/rules";
import { districtDay } from "@/lib/calendar";
import { finishedSnapshotRuns } from "@/lib/sql/queries/finished-snapshot-runs";
import { recordedSnapshotRun } from "@/lib/sql/queries/recorded-snapshot-run";
import { riskHistoryCoverage } from "@/lib/sql/queries/risk-history-coverage";
import { riskSnapshotChanges, type SnapshotValues } from "@/lib/sql/queries/risk-snapshot-changes";
import { schoolIds } from "@/lib/sql/queries/school-ids";

// The daily risk snapshot (issue 16): every enrolled student's early-warning level and reasons,
// computed by the caseload's own code (lib/students/caseload.ts enrolledSchoolRows → riskFor), one
// school at a time so memory stays bounded. A row is written only when the level, the reasons, the
// behind/inactive course counts or the counselor differ from the student's latest row before today
// (schema.prisma RiskSnapshot): the history is the list of changes. Running it again the same day
// replaces that day's rows. Run by the job runner (lib/jobs/index.ts "risk-snapshot").

export type SnapshotOutcome = { day: string; students: number; changed: number; seconds: number; skipped: boolean };

/** One student's snapshot values, as the table keeps them. */
export function snapshotValues(r: CaseloadRow): SnapshotValues {
  return {
    id: r.id,
    level: r.risk.level,
    reasons: r.risk.reasons.map((x) => x.code).join(","),
    behind: r.courses.filter((c) => c.pace === "BEHIND").length,
    inactive: r.courses.filter((c) => c.daysInactive >= INACTIVE_DAYS).length,
    credits: r.creditsEarned,
  };
}

/**
 * Snapshots every enrolled student's risk for `day` (default the district's today). With
 * `ifNotDone`, a day already snapshotted is left alone (the hourly job's check).
 */
export async function snapshotRisk(day: Date = districtDay(), opts: { ifNotDone?: boolean } = {}): Promise<SnapshotOutcome> {
  const started = performance.now();
  const dayIso = day.toISOString().slice(0, 10);
  if (opts.ifNotDone) {
    if ((await finishedSnapshotRuns(dayIso)) > 0) return { day: dayIso, students: 0, changed: 0, seconds: 0, skipped: true };
  }
  const startedAt = new Date();
  let students = 0;
  let changed = 0;
  for (const schoolId of await schoolIds()) {
    const rows = (await enrolledSchoolRows(schoolId, day)).map(snapshotValues);
    students += rows.length;
    if (rows.length === 0) continue;
    changed += await riskSnapshotChanges(dayIso, rows);
  }
  await recordedSnapshotRun(dayIso, { students, changed, startedAt, finishedAt: new Date() });
  return { day: dayIso, students, changed, seconds: (performance.now() - started) / 1000, skipped: false };
}

/** The first and latest day the history covers (null before the first run). */
export async function snapshotCoverage(): Promise<{ first: Date | null; latest: Date | null }> {
  return riskHistoryCoverage();
}
