import "server-only";
import { db, type Db, type Tx } from "@/lib/db";
import { passingGradeFor } from "./credit";

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

// The same in SQL, for queries that read many rows at once: lib/sql/fragments/passing-grade.ts
// (the district's setting, and passingGradeFor itself where a list must filter on it).
