import "server-only";
import { expressionBuilder, sql } from "kysely";
import type { SafeDB } from "@/lib/sql/db";
import type { EarnedFacts } from "@/lib/students/credits";

/**
 * Credits earned by subject area (lib/students/credits.ts "Credits earned": Σ
 * TranscriptCourse.creditsEarned, online credit included once it is on the transcript), as JSON
 * [{ subjectArea, creditsEarned }] for the student aliased `s`. Its total is credits.ts
 * creditsEarned() over these rows: the one rule of the caseload, the daily risk snapshot and the
 * student page (which sums its transcript rows by the same function);
 * lib/students/credits.seed.int.test.ts holds the caseload and the student page together for every
 * student of the demo district.
 */
export function earnedBySubject() {
  const eb = expressionBuilder<SafeDB & { s: SafeDB["Student"] }, "s">();
  const sums = eb
    .selectFrom("TranscriptCourse as t")
    .select(["t.subjectArea", sql<number>`sum(${sql.ref("t.creditsEarned")})::float8`.as("creditsEarned")])
    .whereRef("t.studentId", "=", "s.id")
    .groupBy("t.subjectArea")
    .as("x");
  return eb
    .selectFrom(sums)
    .select(sql<EarnedFacts[]>`coalesce(json_agg(json_build_object('subjectArea', x."subjectArea", 'creditsEarned', x."creditsEarned")), '[]'::json)`.as("earned"))
    .$asScalar();
}
