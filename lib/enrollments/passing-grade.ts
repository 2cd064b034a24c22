import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Db, type Tx } from "@/lib/db";
import { DEFAULT_PASSING_GRADE, passingGradeFor } from "./credit";

// The passing grade in force, read one way by every path that applies the credit rule: the
// card's complete action (complete.ts), the credit review and its reversal (credit-review.ts), the
// provider progress import (lib/imports/progress) and the catalog page. The rule itself is
// credit.ts passingGradeFor (the course's own, else the district's, else 60).

/** The district's passing grade as set (DistrictSettings.passingGrade); null when none is set. */
export async function districtPassingGrade(client: Db | Tx = db()): Promise<number | null> {
  const s = await client.districtSettings.findUnique({ where: { id: 1 }, select: { passingGrade: true } });
  return s?.passingGrade ?? null;
}

/** The passing grade in force for one course, read in the caller's transaction when given. */
export async function passingGradeInForce(course: { passingGrade: number | null }, client: Db | Tx = db()): Promise<number> {
  return passingGradeFor(course.passingGrade, await districtPassingGrade(client));
}

/**
 * The same, in SQL, for queries that read many rows at once: the district's setting (the student
 * record reads it beside each enrollment and applies passingGradeFor in TypeScript)…
 */
export const DISTRICT_PASSING_GRADE_SQL = Prisma.sql`(SELECT d."passingGrade" FROM "DistrictSettings" d WHERE d.id = 1)`;

/**
 * …and passingGradeFor itself, only where a list must filter on it (the credit review's "credit
 * below the passing grade"): `course` is the alias of an "OnlineCourse" row in the query.
 * passing-grade.int.test.ts proves it equals passingGradeFor for every course of a fixture, with and
 * without a district setting.
 */
export function passingGradeSql(course: string): Prisma.Sql {
  if (!/^[a-z_]+$/.test(course)) throw new Error(`not a table alias: ${course}`);
  return Prisma.sql`coalesce(${Prisma.raw(course)}."passingGrade", ${DISTRICT_PASSING_GRADE_SQL}, ${DEFAULT_PASSING_GRADE}::int)`;
}
