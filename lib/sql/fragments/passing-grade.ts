import "server-only";
import { expressionBuilder, sql } from "kysely";
import type { SafeDB } from "@/lib/sql/db";
import { DEFAULT_PASSING_GRADE } from "@/lib/enrollments/credit";

// lib/enrollments/passing-grade.ts in SQL, for queries that read many rows at once.
// lib/enrollments/passing-grade.int.test.ts proves these equal passingGradeFor (credit.ts) for
// every course of a fixture, with and without a district setting.

/** The district's passing grade as set (DistrictSettings.passingGrade), or NULL: a scalar subquery. */
export function districtPassingGradeSetting() {
  const eb = expressionBuilder<SafeDB>();
  return eb.selectFrom("DistrictSettings as d").select("d.passingGrade").where("d.id", "=", sql.lit(1)).$asScalar().$castTo<number | null>();
}

/**
 * credit.ts passingGradeFor for the course aliased `c` (a fixed alias of the calling query): the
 * course's own passing grade, else the district's, else DEFAULT_PASSING_GRADE. Only where a list
 * must filter on it (the credit review's "credit below the passing grade"); other readers apply
 * passingGradeFor in TypeScript.
 */
export function passingGradeOfCourse() {
  const eb = expressionBuilder<SafeDB & { c: SafeDB["OnlineCourse"] }, "c">();
  return eb.fn.coalesce("c.passingGrade", districtPassingGradeSetting(), sql.lit(DEFAULT_PASSING_GRADE)).$castTo<number>();
}
