import "server-only";
import { sql, type InferResult } from "kysely";
import { programRowsOf } from "@/lib/sql/fragments/program-rows";

// Program results (lib/reports/program.ts, DEFINITIONS.md §1) of the enrollments started in one
// school year, by program type and provider and in total (GROUPING SETS; null programType = all
// programs): per school when `schools` is given; for the district (null schoolId) and every school
// otherwise, in one pass over the year's enrollments. Medians and distinct students are not
// additive, so every level is computed here rather than summed. The reports read each school's rows
// kept apart (program-school-rows.ts, lib/reports/program-parts.ts); this statement is what they
// are checked against (school-pieces.int.test.ts) and the bench's baseline.

export function programRows(year: number, schools: string[] | null) {
  const [school, program, provider] = [sql.ref("st.schoolId"), sql.ref("oc.programType"), sql.ref("p.name")];
  return programRowsOf(
    year,
    schools,
    schools
      ? sql`GROUPING SETS ((${school}, ${program}, ${provider}), (${school}))`
      : sql`GROUPING SETS ((${school}, ${program}, ${provider}), (${school}), (${program}, ${provider}), ())`,
  );
}

export type ProgramRowsRow = InferResult<ReturnType<typeof programRows>>[number];
