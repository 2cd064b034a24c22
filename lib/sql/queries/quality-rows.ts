import "server-only";
import type { InferResult } from "kysely";
import type { QualityScope } from "@/lib/sql/fragments/quality-facts";
import { qualityPercentiles, qualityRowsOf } from "@/lib/sql/fragments/quality-rows";

// The program quality report's rows (lib/reports/quality.ts, DEFINITIONS.md §8) of the enrollments
// started in one school year: by course, by program type and provider, by provider, by program type,
// and in total (GROUPING SETS), per school, and — without `schools` — for the district too (null
// schoolId). A row's kind is told by which of courseId, programType and providerId are null (a
// course row carries its program and provider). The report reads each school's rows
// (quality-school-rows.ts) and adds the district's up from them (lib/reports/quality-parts.ts); this
// statement computes every level from the records (the bench's baseline; the differential test's
// reference).

export function qualityRows(scope: QualityScope) {
  return qualityRowsOf(scope, !scope.schools).select(qualityPercentiles());
}

export type QualityRow = InferResult<ReturnType<typeof qualityRows>>[number];
