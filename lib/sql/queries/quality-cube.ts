import "server-only";
import { sql, type InferResult } from "kysely";
import { sqlDb } from "@/lib/sql/db";
import { qualityCounts, qualityFacts, type QualityScope } from "@/lib/sql/fragments/quality-facts";

// The program quality report by student group (lib/reports/quality.ts, DEFINITIONS.md §8): the
// facts of the enrollments started in one school year summed per (school, race, gender, SPED, EL,
// low income). A student's enrollments of one start year share one cell (one school, that year's
// flags), so distinct students add up across cells like the counts do.

export function qualityCube(scope: QualityScope) {
  const c = qualityCounts();
  return qualityFacts(sqlDb(), scope)
    .selectFrom("f")
    .select((eb) => [
      sql<number>`${scope.year}::int`.as("year"),
      "f.schoolId",
      "f.raceEthnicity",
      "f.gender",
      "f.specialEducation",
      "f.englishLearner",
      "f.lowIncome",
      eb.cast<number>(eb.fn.count("f.studentId").distinct(), "integer").as("students"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.passed))::int`.as("completers"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.next >= 1))::int`.as("sequenceStudents"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.proficient IS NOT NULL))::int`.as("testedStudents"),
      sql<number>`(count(DISTINCT ${sql.ref("f.studentId")}) FILTER (WHERE f.attempts > 0))::int`.as("attemptStudents"),
      ...c,
    ])
    .groupBy(sql`2, 3, 4, 5, 6, 7`);
}

export type QualityCubeRow = InferResult<ReturnType<typeof qualityCube>>[number];
