import "server-only";
import { cachedRows, cachedSchoolRows, type Source, type Versions } from "./cache";
import { reusedAggregate } from "@/lib/sql/db";
import type { Demographics } from "./groups";
import { acgrCube as acgrCubeBuild } from "@/lib/sql/queries/acgr-cube";
import { dropoutCube as dropoutCubeBuild } from "@/lib/sql/queries/dropout-cube";
import { completerCube as completerCubeBuild } from "@/lib/sql/queries/completer-cube";
import { programCube as programCubeBuild } from "@/lib/sql/queries/program-cube";
import type { ProgramRowsRow } from "@/lib/sql/queries/program-rows";
import { programSchoolRows as programSchoolRowsBuild, type ProgramSchoolRow } from "@/lib/sql/queries/program-school-rows";
import { programRowsFromParts } from "./program-parts";
import { schoolRollCounts as schoolRollCountsBuild } from "@/lib/sql/queries/school-roll-counts";
import { accessCube as accessCubeBuild } from "@/lib/sql/queries/access-cube";
import type { QualityRow } from "@/lib/sql/queries/quality-rows";
import { qualitySchoolRows as qualitySchoolRowsBuild, type QualitySchoolRow } from "@/lib/sql/queries/quality-school-rows";
import { qualityRowsFromParts } from "./quality-parts";
import { qualityCube as qualityCubeBuild, type QualityCubeRow } from "@/lib/sql/queries/quality-cube";
import type { QualityScope } from "@/lib/sql/fragments/quality-facts";

// The report figures computed in PostgreSQL, aggregated to a small "cube": one row per
// (year, school, race, gender, SPED, EL, low income) with the counts each definition needs. The
// definitions are the pure functions of acgr.ts, dropout.ts, program.ts and completers.ts; each
// query of lib/sql/queries/ (acgr-cube, dropout-cube, completer-cube, program-cube, program-rows)
// restates one of them in SQL (reports.int.test.ts and reports.seed.int.test.ts check that they
// agree; DEFINITIONS.md "Which definition is authoritative"). This file names each aggregate with
// the sources it reads, for the cache (cache.ts).
// `schools` null = the whole district; otherwise only those schools (callers derive it from the
// viewer's scope: a school admin's list is their own school, always).
// The connection's planner settings (lib/dbconfig.ts: random_page_cost = 1.1, no parallel
// workers) let one school's figures use the indexes instead of hashing every student of the district.

// Each statement built and compiled once per arguments (lib/sql/db.ts reusedAggregate).
const acgrCubeQuery = reusedAggregate(acgrCubeBuild);
const dropoutCubeQuery = reusedAggregate(dropoutCubeBuild);
const completerCubeQuery = reusedAggregate(completerCubeBuild);
const programCubeQuery = reusedAggregate(programCubeBuild);
const programSchoolRows = reusedAggregate(programSchoolRowsBuild);
const schoolRollCounts = reusedAggregate(schoolRollCountsBuild);
const accessCubeQuery = reusedAggregate(accessCubeBuild);
const qualitySchoolRows = reusedAggregate(qualitySchoolRowsBuild);
const qualityCubeQuery = reusedAggregate((scope: Omit<QualityScope, "schools">, schools: string[] | null) => qualityCubeBuild({ ...scope, schools }));

export type CubeKey = Demographics & { year: number; schoolId: string };
export type AcgrCube = CubeKey & { students: number; den4: number; num4: number; den5: number; num5: number };
export type DropoutCube = CubeKey & { dropouts: number; october1: number };
/** `grade` at completion (completers.ts completerGrade); non-graduates by what became of them (completerFate). */
export type CompleterCube = CubeKey & { grade: number; completers: number; byYearEnd: number; byNow: number; stillEnrolled: number; droppedOut: number; exited: number };
/** `students`: distinct students (the group's size; a student's cell is one per year and school); passed/ended count enrollments. */
export type ProgramCube = CubeKey & { students: number; passed: number; ended: number };
/** Students on the October 1 roll (grades 9–12) and how many started each program that year (access.ts). */
export type AccessCube = CubeKey & { students: number; creditRecovery: number; originalCredit: number; advancedPlacement: number };
/** The program tables' rows (lib/sql/queries/program-rows.ts): by program type and provider, and each total. */
export type ProgramRow = ProgramRowsRow;

// Each aggregate with the sources it reads (cache.ts: computed once per version of them); `v`: the
// request's versions read (cache.ts reportVersions), else each reads its own. The cubes give one
// row per school: each school's rows are kept under that school's versions (cachedSchoolRows), so
// after a write only the schools it touched are computed again.
export const acgrCube = (cohorts: number[], schools: string[] | null, v?: Versions): Promise<readonly AcgrCube[]> =>
  cachedSchoolRows(["students", "statusEvents", "rolls"], "acgrCube", acgrCubeQuery, [cohorts], schools, v);
export const dropoutCube = (years: number[], schools: string[] | null, v?: Versions): Promise<readonly DropoutCube[]> =>
  cachedSchoolRows(["students", "statusEvents", "rolls"], "dropoutCube", dropoutCubeQuery, [years], schools, v);
export const completerCube = (years: number[], schools: string[] | null, v?: Versions): Promise<readonly CompleterCube[]> =>
  cachedSchoolRows(["students", "statusEvents", "rolls", "enrollments"], "completerCube", completerCubeQuery, [years], schools, v);
export const programCube = (years: number[], schools: string[] | null, v?: Versions): Promise<readonly ProgramCube[]> =>
  cachedSchoolRows(["students", "rolls", "enrollments"], "programCube", programCubeQuery, [years], schools, v);
export const accessCube = (years: number[], schools: string[] | null, v?: Versions): Promise<readonly AccessCube[]> =>
  cachedSchoolRows(["students", "rolls", "enrollments"], "accessCube", accessCubeQuery, [years], schools, v);
/**
 * The program tables' rows (program-rows.ts): each school's kept per school, the district's added
 * up from them (program-parts.ts). The same frozen rows while no school's changed (the program
 * tables' decisions are memoized on them).
 */
export async function programRows(year: number, schools: string[] | null, v?: Versions): Promise<readonly ProgramRow[]> {
  const parts = await cachedSchoolRows(["students", "enrollments"], "programSchoolRows", programSchoolRows, [year], schools, v);
  return addedUp(programMemo, parts, schools === null, (district) => programRowsFromParts(parts, year, district));
}
const programMemo = new WeakMap<readonly ProgramSchoolRow[], Map<boolean, readonly ProgramRow[]>>();
/**
 * The rows added up from the per-school `parts` (for the district, or as read), frozen, built once
 * per parts array and scope: the same object while no school's parts changed.
 */
function addedUp<P extends object, R extends object>(memo: WeakMap<P, Map<boolean, readonly R[]>>, parts: P, district: boolean, build: (district: boolean) => R[]): readonly R[] {
  let byScope = memo.get(parts);
  if (!byScope) memo.set(parts, (byScope = new Map()));
  let rows = byScope.get(district);
  if (!rows) {
    const built = build(district);
    for (const r of built) Object.freeze(r);
    byScope.set(district, (rows = Object.freeze(built)));
  }
  return rows;
}
/** Each school's students and October 1 roll rows of `year` (queries.ts rollCoverage): which figures have no roll. */
export const schoolCounts = (year: number, schools: string[] | null, v?: Versions) => cachedRows(["students", "rolls"], "schoolRollCounts", schoolRollCounts, [year, schools], v);

/**
 * The program quality report's rows and group cells (quality.ts), kept per school like the
 * summary's cubes. Besides the enrollments and their students, status events and rolls, they read
 * each enrollment's summative results and time on task and its student's transcript and state tests
 * (the per-school source "quality": migration 20261206000000_quality_school_sources), and the
 * course sequence, the rigor policy and the courses' thresholds, codes and subjects, which no school
 * owns (the global source "quality"). The district's rows are added up from the schools'
 * (quality-parts.ts); the same frozen rows while no school's changed (the decisions are memoized
 * on them).
 */
const QUALITY_SOURCES: Source[] = ["students", "statusEvents", "rolls", "enrollments", "quality"];
export async function qualityRows(scope: QualityScope, v?: Versions): Promise<readonly QualityRow[]> {
  const parts = await cachedSchoolRows(QUALITY_SOURCES, "qualitySchoolRows", qualitySchoolRows, [{ year: scope.year, levels: scope.levels }], scope.schools, v, ["quality"]);
  return addedUp(qualityMemo, parts, scope.schools === null, (district) => qualityRowsFromParts(parts, scope.year, district));
}
const qualityMemo = new WeakMap<readonly QualitySchoolRow[], Map<boolean, readonly QualityRow[]>>();
export const qualityCube = (scope: QualityScope, v?: Versions): Promise<readonly QualityCubeRow[]> =>
  cachedSchoolRows(QUALITY_SOURCES, "qualityCube", qualityCubeQuery, [{ year: scope.year, levels: scope.levels }], scope.schools, v, ["quality"]);
