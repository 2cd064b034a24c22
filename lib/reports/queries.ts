import "server-only";
import { db } from "@/lib/db";
import { ForbiddenError, assertLookupId, NotFoundError, isAdmin, schoolScope, type Viewer } from "@/lib/access";
import { acgrCube, completerCube, dropoutCube, programCube, programRows, type ProgramRow } from "./sql";
import { bySchool, equityOf, figuresOf, shown, trendOf, withRollNote, type Cubes, type Figure, type FigureKey, type RollCoverage, type TrendPoint } from "./figures";
import type { EquityRow } from "./equity";
import { cohortsForYear, latestCompleteYear } from "./periods";
import { suppressProgram, type ProgramTableRow } from "./program-table";

// Scoped reads for the report screens, API and CLI. Counselors get ForbiddenError; a school admin
// only ever reaches their own school (the SQL is given their school id, never a caller's); a
// district admin reaches any school and the district.

export type ReportSchool = { id: string; name: string; stateCode: string };
export const TREND_YEARS = 5;

export function assertCanReport(viewer: Viewer): void {
  if (!isAdmin(viewer)) throw new ForbiddenError("Reports are for school and district administrators.");
}

export async function reportSchools(viewer: Viewer): Promise<ReportSchool[]> {
  assertCanReport(viewer);
  return db().school.findMany({ where: schoolScope(viewer), orderBy: { name: "asc" }, select: { id: true, name: true, stateCode: true } });
}

/** The school a report is about: the requested one if in scope (by id or state code), else NotFoundError. */
export async function reportSchool(viewer: Viewer, idOrCode: string): Promise<ReportSchool> {
  assertCanReport(viewer);
  assertLookupId(idOrCode, "School");
  const s = await db().school.findFirst({
    where: { AND: [schoolScope(viewer), { OR: [{ id: idOrCode }, { stateCode: idOrCode }] }] },
    select: { id: true, name: true, stateCode: true },
  });
  if (!s) throw new NotFoundError("School", idOrCode);
  return s;
}

/**
 * Loads a report for the school the viewer asked for (or their own), or the district (district
 * admins, no school asked). The rows read are always those of a school in the viewer's scope: a
 * school admin's queries get their own school id, whatever they ask for, and a request for any
 * other school fails in reportSchool. The scope check and the figures run side by side.
 */
async function withScope<T>(viewer: Viewer, requested: string | undefined, load: (ids: string[] | null) => Promise<T>): Promise<{ school: ReportSchool | null; data: T }> {
  assertCanReport(viewer);
  if (!requested && viewer.role === "DISTRICT_ADMIN") return { school: null, data: await load(null) };
  const guess = viewer.role === "SCHOOL_ADMIN" ? viewer.schoolId : requested;
  if (!guess) throw new NotFoundError("School");
  const [school, data] = await Promise.all([reportSchool(viewer, requested ?? guess), load([guess])]);
  // Asked for by state code: load again by id.
  return { school, data: school.id === guess ? data : await load([school.id]) };
}

const range = (last: number, n: number) => Array.from({ length: n }, (_, i) => last - n + 1 + i);

async function loadCubes(years: number[], ids: string[] | null): Promise<Cubes> {
  const cohorts = [...new Set(years.flatMap((y) => Object.values(cohortsForYear(y))))];
  const [acgr, dropout, completers, program] = await Promise.all([acgrCube(cohorts, ids), dropoutCube(years, ids), completerCube(years, ids), programCube(years, ids)]);
  return { acgr, dropout, completers, program };
}

/**
 * The schools in scope (`ids` null = all) with their students and October 1 roll rows (StudentYear)
 * of `year`: which figures have no denominator for want of a roll (figures.ts withRollNote).
 */
async function rollCoverage(year: number, ids: string[] | null): Promise<RollCoverage[]> {
  const rows = await db().school.findMany({
    where: ids ? { id: { in: ids } } : {},
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { students: true, studentYears: { where: { schoolYear: year } } } } },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, students: r._count.students, rollRows: r._count.studentYears }));
}

export type CompleterFigures = { completers: number | null; byYearEnd: Figure; byNow: Figure };

function completersOf(cubes: Cubes, year: number, schoolId?: string): CompleterFigures {
  const rows = cubes.completers.filter((r) => r.year === year && (!schoolId || r.schoolId === schoolId));
  const n = rows.reduce((s, r) => s + r.completers, 0);
  const y = rows.reduce((s, r) => s + r.byYearEnd, 0);
  const now = rows.reduce((s, r) => s + r.byNow, 0);
  const byYearEnd = shown({ numerator: y, denominator: n });
  return { completers: byYearEnd.suppression === "none" ? n : null, byYearEnd, byNow: shown({ numerator: now, denominator: n }) };
}

export type SchoolSummary = {
  school: ReportSchool | null;
  year: number;
  cohorts: { acgr4: number; acgr5: number };
  figures: Record<FigureKey, Figure>;
  completers: CompleterFigures;
  trend: TrendPoint[];
  equity: Record<FigureKey, EquityRow[]>;
  program: ProgramTableRow[];
};

/** One school's figures for a year, its 5-year trend and equity view (or the district's, for `school` unset and a district admin). */
export async function getSchoolSummary(viewer: Viewer, input: { year?: number; school?: string }): Promise<SchoolSummary> {
  const year = input.year ?? latestCompleteYear();
  const years = range(year, TREND_YEARS);
  const { school, data } = await withScope(viewer, input.school, (ids) => Promise.all([loadCubes(years, ids), programRows(year, ids), rollCoverage(year, ids)]));
  const [cubes, program, coverage] = data;
  const sid = school?.id;
  const figures = figuresOf(cubes, year, sid);
  return {
    school,
    year,
    cohorts: cohortsForYear(year),
    figures: { ...figures, dropout: withRollNote(figures.dropout, year, coverage, sid) },
    completers: completersOf(cubes, year, sid),
    trend: trendOf(cubes, years, sid),
    equity: equityOf(cubes, year, sid),
    program: suppressProgram(rowsAt(program, sid)),
  };
}

function rowsAt(rows: ProgramRow[], schoolId: string | undefined): ProgramRow[] {
  return rows.filter((r) => (schoolId ? r.schoolId === schoolId : r.schoolId === null));
}

export type DistrictSummary = {
  year: number;
  cohorts: { acgr4: number; acgr5: number };
  schools: (ReportSchool & { figures: Record<FigureKey, Figure>; completers: number | null })[];
  district: Record<FigureKey, Figure>;
  completers: CompleterFigures;
  equity: Record<FigureKey, EquityRow[]>;
  program: ProgramTableRow[];
};

/** All schools side by side with district totals and the district equity view (district admins only). */
export async function getDistrictSummary(viewer: Viewer, input: { year?: number }): Promise<DistrictSummary> {
  if (viewer.role !== "DISTRICT_ADMIN") throw new ForbiddenError("The district summary is for district administrators.");
  const year = input.year ?? latestCompleteYear();
  const [schools, cubes, program, coverage] = await Promise.all([reportSchools(viewer), loadCubes([year], null), programRows(year, null), rollCoverage(year, null)]);
  const per = bySchool(cubes, year, schools.map((s) => s.id));
  for (const s of schools) per[s.id].dropout = withRollNote(per[s.id].dropout, year, coverage, s.id);
  const district = figuresOf(cubes, year);
  return {
    year,
    cohorts: cohortsForYear(year),
    schools: schools.map((s) => ({ ...s, figures: per[s.id], completers: per[s.id].completers.denominator })),
    district: { ...district, dropout: withRollNote(district.dropout, year, coverage) },
    completers: completersOf(cubes, year),
    equity: equityOf(cubes, year),
    program: suppressProgram(rowsAt(program, undefined)),
  };
}

export type GraduationReport = {
  cohort: number;
  school: ReportSchool | null;
  /** Students of the class in scope, counted or not (0: nobody has this cohort year here). */
  students: number;
  fourYear: { figure: Figure; groups: EquityRow[] };
  fiveYear: { figure: Figure; groups: EquityRow[] };
};

/** 4- and 5-year ACGR of one cohort (class of `cohort`) with groups: API and CLI. */
export async function getGraduation(viewer: Viewer, input: { cohort: number; school?: string }): Promise<GraduationReport> {
  const { school, data: acgr } = await withScope(viewer, input.school, (ids) => acgrCube([input.cohort], ids));
  const cubes: Cubes = { acgr, dropout: [], completers: [], program: [] };
  // acgr4 of year y is cohort y + 1; acgr5 of year y is cohort y.
  const f4 = figuresOf(cubes, input.cohort - 1, school?.id).acgr4;
  const f5 = figuresOf(cubes, input.cohort, school?.id).acgr5;
  return {
    cohort: input.cohort,
    school,
    students: acgr.reduce((n, r) => n + r.students, 0),
    fourYear: { figure: f4, groups: equityOf(cubes, input.cohort - 1, school?.id).acgr4 },
    fiveYear: { figure: f5, groups: equityOf(cubes, input.cohort, school?.id).acgr5 },
  };
}

export type YearReport<T> = { year: number; school: ReportSchool | null } & T;

export async function getDropout(viewer: Viewer, input: { year: number; school?: string }): Promise<YearReport<{ figure: Figure; groups: EquityRow[] }>> {
  const { school, data } = await withScope(viewer, input.school, (ids) => Promise.all([dropoutCube([input.year], ids), rollCoverage(input.year, ids)]));
  const [dropout, coverage] = data;
  const cubes: Cubes = { acgr: [], dropout, completers: [], program: [] };
  const figure = withRollNote(figuresOf(cubes, input.year, school?.id).dropout, input.year, coverage, school?.id);
  return { year: input.year, school, figure, groups: equityOf(cubes, input.year, school?.id).dropout };
}

export async function getCompleters(viewer: Viewer, input: { year: number; school?: string }): Promise<YearReport<CompleterFigures & { groups: EquityRow[] }>> {
  const { school, data: completers } = await withScope(viewer, input.school, (ids) => completerCube([input.year], ids));
  const cubes: Cubes = { acgr: [], dropout: [], completers, program: [] };
  return { year: input.year, school, ...completersOf(cubes, input.year, school?.id), groups: equityOf(cubes, input.year, school?.id).completers };
}

export async function getProgram(viewer: Viewer, input: { year: number; school?: string }): Promise<YearReport<{ rows: ProgramTableRow[]; groups: EquityRow[] }>> {
  const { school, data } = await withScope(viewer, input.school, (ids) => Promise.all([programRows(input.year, ids), programCube([input.year], ids)]));
  const [rows, program] = data;
  const cubes: Cubes = { acgr: [], dropout: [], completers: [], program };
  return { year: input.year, school, rows: suppressProgram(rowsAt(rows, school?.id)), groups: equityOf(cubes, input.year, school?.id).program };
}
