import "server-only";
import type { InferResult } from "kysely";
import { sqlDb } from "@/lib/sql/db";

// Each school's students and its roll rows (StudentYear) of one school year: which figures have no
// denominator for want of an October 1 roll (lib/reports/figures.ts withRollNote). `schools` null:
// every school; else only those.

export function schoolRollCounts(year: number, schools: string[] | null) {
  return sqlDb()
    .selectFrom("School as s")
    .select((eb) => [
      "s.id",
      eb
        .cast<number>(
          eb
            .selectFrom("Student as st")
            .select((e) => e.fn.countAll().as("n"))
            .whereRef("st.schoolId", "=", "s.id"),
          "integer",
        )
        .as("students"),
      eb
        .cast<number>(
          eb
            .selectFrom("StudentYear as y")
            .select((e) => e.fn.countAll().as("n"))
            .whereRef("y.schoolId", "=", "s.id")
            .where("y.schoolYear", "=", year),
          "integer",
        )
        .as("rollRows"),
    ])
    .$if(schools !== null, (q) => q.where((eb) => eb("s.id", "=", eb.fn.any(eb.val(schools!)))));
}

export type SchoolRollCountsRow = InferResult<ReturnType<typeof schoolRollCounts>>[number];
