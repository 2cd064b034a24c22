import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/** Records (or, on a rerun the same day, replaces) the daily risk snapshot's run of `day` (YYYY-MM-DD), finished. */
export async function recordedSnapshotRun(day: string, run: { students: number; changed: number; startedAt: Date; finishedAt: Date }): Promise<void> {
  await sqlDb()
    .insertInto("RiskSnapshotRun")
    .values({ day: sql<Date>`${day}::date`, ...run })
    .onConflict((oc) =>
      oc.column("day").doUpdateSet((eb) => ({
        students: eb.ref("excluded.students"),
        changed: eb.ref("excluded.changed"),
        startedAt: eb.ref("excluded.startedAt"),
        finishedAt: eb.ref("excluded.finishedAt"),
      })),
    )
    .execute();
}
