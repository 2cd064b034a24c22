import "server-only";
import { db } from "@/lib/db";
import { can, assertLookupId, NotFoundError, schoolScope, type Viewer, assertCan } from "@/lib/access";
import { accessCube, acgrCube, completerCube, dropoutCube, programCube, programRows, schoolCounts, type ProgramRow } from "./sql";
import { ACCESS, accessMissingRollText, accessPeriod, accessRows, gapTrends, isAccessKey, type AccessKey, type AccessRow, type GapTrend } from "./access";
import { GROUPS } from "./groups";
import {
  FIGURES,
  accessPublication,
  rollNote,
  emptyRows,
  equityWithIntersections,
  bySchool,
  completerGradesOf,
  completersByNow,
  equityOf,
  figuresOf,
  programTotals,
  trendOf,
  withRollNote,
  type Cubes,
  type Figure,
  type FigureKey,
  type RollCoverage,
  type TrendPoint,
} from "./figures";
import { DISTRICT, type ViewKind } from "./published";
import { reportVersions, type Versions } from "./cache";
import type { EquityRow } from "./equity";
import { cohortsForYear, latestCompleteYear, periodOf, type Period } from "./periods";
import { districtDay, isoDay, type IsoDay } from "@/lib/calendar";
import type { CompleterGradeRow } from "./completer-grades";
import { publishProgram, type ProgramTableRow } from "./program-table";

// Scoped reads for the report screens, API and CLI. Counselors get ForbiddenError; a school admin
// only ever reaches their own school (the SQL is given their school id, never a caller's); a
// district admin reaches any school and the district.

export type ReportSchool = { id: string; name: string; stateCode: string };
export const TREND_YEARS = 5;

export function assertCanReport(viewer: Viewer): void {
  assertCan(viewer, "reports.read");
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
 * admins, no school asked). The rows read are always those of the viewer's scope: a school admin's
 * queries get their own school id, whatever they ask for, and a request for any other school fails
 * in reportSchool. A district admin sees the district and every school, so their figures — of one
 * school too — are decided over the whole district (`view` "district", published.ts): a school's
 * page must not show what the district view hides. The scope check and the figures run side by side.
 */
async function withScope<T>(
  viewer: Viewer,
  requested: string | undefined,
  load: (ids: string[] | null) => Promise<T>,
): Promise<{ school: ReportSchool | null; data: T; view: ViewKind }> {
  assertCanReport(viewer);
  if (can(viewer, "students.allSchools")) {
    const [school, data] = await Promise.all([requested ? reportSchool(viewer, requested) : null, load(null)]);
    return { school, data, view: "district" };
  }
  const guess = viewer.schoolId;
  if (!guess) throw new NotFoundError("School");
  const [school, data] = await Promise.all([reportSchool(viewer, requested ?? guess), load([guess])]);
  // Asked for by state code: load again by id.
  return { school, data: school.id === guess ? data : await load([school.id]), view: "school" };
}

/** `rows`: the rows read (cache.ts: shared while unchanged), by unit in `units`. */
type ProgramUnits = { units: Map<string, ProgramRow[]>; district: boolean; rows: readonly ProgramRow[] };

/**
 * The program tables' rows of a view: the school's own (school view) or the district's and every
 * school's (district view). `ids` null: the district. Published by `programTablesOf`.
 */
async function programTables(year: number, ids: string[] | null, v?: Versions): Promise<ProgramUnits> {
  if (ids) {
    const rows = await programRows(year, ids, v);
    return { units: new Map(ids.map((id) => [id, rows.filter((r) => r.schoolId === id)])), district: false, rows };
  }
  const [schools, rows] = await Promise.all([db().school.findMany({ select: { id: true } }), programRows(year, null, v)]);
  const units = new Map<string, ProgramRow[]>(schools.map((s) => [s.id, []]));
  units.set(DISTRICT, []);
  for (const r of rows) units.get(r.schoolId ?? DISTRICT)?.push(r);
  return { units, district: true, rows };
}

/**
 * The program tables of a view, decided together (program-table.ts); each total row keeps the
 * decision of the course-completion figure the same view shows (the same enrollments).
 */
function programTablesOf(p: ProgramUnits, cubes: Cubes, year: number, view: ViewKind, schoolId?: string): Map<string, ProgramTableRow[]> {
  // Decided once per rows read and course-completion cube (pure; both shared while unchanged: cache.ts).
  const byCube = programMemo.get(p.rows) ?? new WeakMap<object, Map<string, Map<string, ProgramTableRow[]>>>();
  programMemo.set(p.rows, byCube);
  const memo = byCube.get(cubes.program) ?? new Map<string, Map<string, ProgramTableRow[]>>();
  byCube.set(cubes.program, memo);
  const key = `${year}:${view}:${schoolId ?? ""}:${[...p.units.keys()].join(",")}`;
  let tables = memo.get(key);
  if (!tables) memo.set(key, (tables = publishProgram(p.units, p.district, programTotals(cubes, year, view, schoolId))));
  return tables;
}
const programMemo = new WeakMap<object, WeakMap<object, Map<string, Map<string, ProgramTableRow[]>>>>();

const range = (last: number, n: number) => Array.from({ length: n }, (_, i) => last - n + 1 + i);

async function loadCubes(years: number[], ids: string[] | null, v?: Versions): Promise<Cubes> {
  const cohorts = [...new Set(years.flatMap((y) => Object.values(cohortsForYear(y))))];
  const [acgr, dropout, completers, program] = await Promise.all([acgrCube(cohorts, ids, v), dropoutCube(years, ids, v), completerCube(years, ids, v), programCube(years, ids, v)]);
  return { acgr, dropout, completers, program };
}

/**
 * The schools in scope (`ids` null = all) with their students and October 1 roll rows (StudentYear)
 * of `year`: which figures have no denominator for want of a roll (figures.ts withRollNote).
 */
async function rollCoverage(year: number, ids: string[] | null, v?: Versions): Promise<RollCoverage[]> {
  const [schools, counts] = await Promise.all([
    db().school.findMany({ where: ids ? { id: { in: ids } } : {}, orderBy: { name: "asc" }, select: { id: true, name: true } }),
    schoolCounts(year, ids, v),
  ]);
  const by = new Map(counts.map((c) => [c.id, c]));
  return schools.map((s) => ({ id: s.id, name: s.name, students: by.get(s.id)?.students ?? 0, rollRows: by.get(s.id)?.rollRows ?? 0 }));
}

/** `byGrade`: the completers by grade at completion and what became of them, decided with the figure (completer-grades.ts). */
export type CompleterFigures = { completers: number | null; byYearEnd: Figure; byNow: Figure; byGrade: CompleterGradeRow[] };

/** The district's day, against which each figure's window is closed or not (periods.ts periodOf). */
const today = (): IsoDay => isoDay(districtDay());

/** The completers figure in a view: both rates are decided together over the same completers (published.ts). */
function completersOf(cubes: Cubes, year: number, day: IsoDay, schoolId: string | undefined, view: ViewKind): CompleterFigures {
  const period = periodOf("completers", year, day);
  const byYearEnd = { ...figuresOf(cubes, year, day, schoolId, view).completers, ...period };
  const byNow = { ...completersByNow(cubes, year, schoolId, view), ...period };
  return { completers: byYearEnd.denominator, byYearEnd, byNow, byGrade: completerGradesOf(cubes, year, schoolId, view) };
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
  // One versions read for the request, before any aggregate (cache.ts); a reload by state code reads again.
  const { school, data, view } = await withScope(viewer, input.school, (ids) => {
    const v = reportVersions();
    return Promise.all([loadCubes(years, ids, v), programTables(year, ids, v), rollCoverage(year, ids, v)]);
  });
  const [cubes, units, coverage] = data;
  const sid = school?.id;
  const program = programTablesOf(units, cubes, year, view, sid);
  const day = today();
  const figures = figuresOf(cubes, year, day, sid, view);
  return {
    school,
    year,
    cohorts: cohortsForYear(year),
    figures: { ...figures, dropout: withRollNote(figures.dropout, year, coverage, sid) },
    completers: completersOf(cubes, year, day, sid, view),
    trend: trendOf(cubes, years, day, sid, view),
    equity: equityOf(cubes, year, sid, view),
    program: program.get(sid ?? DISTRICT) ?? [],
  };
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
  assertCan(viewer, "reports.district");
  const year = input.year ?? latestCompleteYear();
  const v = reportVersions(); // one read for the request, before any aggregate (cache.ts)
  const [schools, cubes, units, coverage] = await Promise.all([reportSchools(viewer), loadCubes([year], null, v), programTables(year, null, v), rollCoverage(year, null, v)]);
  const program = programTablesOf(units, cubes, year, "district");
  const day = today();
  const per = bySchool(
    cubes,
    year,
    schools.map((s) => s.id),
    day,
  );
  for (const s of schools) per[s.id].dropout = withRollNote(per[s.id].dropout, year, coverage, s.id);
  const district = figuresOf(cubes, year, day);
  return {
    year,
    cohorts: cohortsForYear(year),
    schools: schools.map((s) => ({ ...s, figures: per[s.id], completers: per[s.id].completers.denominator })),
    district: { ...district, dropout: withRollNote(district.dropout, year, coverage) },
    completers: completersOf(cubes, year, day, undefined, "district"),
    equity: equityOf(cubes, year, undefined, "district"),
    program: program.get(DISTRICT) ?? [],
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
  const { school, data: acgr, view } = await withScope(viewer, input.school, (ids) => acgrCube([input.cohort], ids));
  const cubes: Cubes = { acgr, dropout: [], completers: [], program: [] };
  // acgr4 of year y is cohort y + 1; acgr5 of year y is cohort y.
  const f4 = figuresOf(cubes, input.cohort - 1, today(), school?.id, view).acgr4;
  const f5 = figuresOf(cubes, input.cohort, today(), school?.id, view).acgr5;
  return {
    cohort: input.cohort,
    school,
    students: acgr.filter((r) => !school || r.schoolId === school.id).reduce((n, r) => n + r.students, 0),
    fourYear: { figure: f4, groups: equityOf(cubes, input.cohort - 1, school?.id, view).acgr4 },
    fiveYear: { figure: f5, groups: equityOf(cubes, input.cohort, school?.id, view).acgr5 },
  };
}

export type YearReport<T> = { year: number; school: ReportSchool | null } & T;

export async function getDropout(viewer: Viewer, input: { year: number; school?: string }): Promise<YearReport<{ figure: Figure; groups: EquityRow[] }>> {
  const { school, data, view } = await withScope(viewer, input.school, (ids) => Promise.all([dropoutCube([input.year], ids), rollCoverage(input.year, ids)]));
  const [dropout, coverage] = data;
  const cubes: Cubes = { acgr: [], dropout, completers: [], program: [] };
  const figure = withRollNote(figuresOf(cubes, input.year, today(), school?.id, view).dropout, input.year, coverage, school?.id);
  return { year: input.year, school, figure, groups: equityOf(cubes, input.year, school?.id, view).dropout };
}

export async function getCompleters(viewer: Viewer, input: { year: number; school?: string }): Promise<YearReport<CompleterFigures & { groups: EquityRow[] }>> {
  const { school, data: completers, view } = await withScope(viewer, input.school, (ids) => completerCube([input.year], ids));
  const cubes: Cubes = { acgr: [], dropout: [], completers, program: [] };
  return { year: input.year, school, ...completersOf(cubes, input.year, today(), school?.id, view), groups: equityOf(cubes, input.year, school?.id, view).completers };
}

/** Program results with their period (`final`, `closesOn`: periods.ts), like every figure. */
export async function getProgram(viewer: Viewer, input: { year: number; school?: string }): Promise<YearReport<{ rows: ProgramTableRow[]; groups: EquityRow[] } & Period>> {
  const { school, data, view } = await withScope(viewer, input.school, (ids) => Promise.all([programTables(input.year, ids), programCube([input.year], ids)]));
  const [units, program] = data;
  const cubes: Cubes = { acgr: [], dropout: [], completers: [], program };
  const tables = programTablesOf(units, cubes, input.year, view, school?.id);
  return {
    year: input.year,
    school,
    ...periodOf("program", input.year, today()),
    rows: tables.get(school?.id ?? DISTRICT) ?? [],
    groups: equityOf(cubes, input.year, school?.id, view).program,
  };
}

/** A figure of the equity page: an access figure (access.ts) or an outcome figure (figures.ts). */
export type EquityFigure = AccessKey | FigureKey;

export type EquityView = {
  school: ReportSchool | null;
  year: number;
  figure: EquityFigure;
  label: string;
  /** Access: every rate is "per 100 students"; higher is more access. */
  access: boolean;
  higherIsBetter: boolean;
  period: Period;
  /** What the reader must know (figures.ts rollNote): no October 1 roll for a figure over it. */
  note?: string;
  /** Every group, race × gender included (access rows carry shares and the representation index). */
  rows: (EquityRow | AccessRow)[];
  /** The school years of the gap trend, oldest first, whether each is final, and each group's gap to all students in them. */
  years: number[];
  final: boolean[];
  trend: GapTrend[];
};

/**
 * The equity page (issue 18): one figure for a school or the district in a year, by every group
 * — race × gender and the flags' complements included — and each group's gap over the last
 * TREND_YEARS years. Access figures read the October 1 roll (accessCube); outcome figures read
 * only their own cube, decided with the summaries' decisions kept (published.ts `intersections`),
 * so a group reads here as it does on the summary.
 */
export async function getEquityView(viewer: Viewer, input: { year?: number; school?: string; figure: EquityFigure }): Promise<EquityView> {
  const year = input.year ?? latestCompleteYear();
  const years = range(year, TREND_YEARS);
  const figure = input.figure;
  const day = today();
  if (isAccessKey(figure)) {
    // With the dropout rate of the same years: access is decided beside it (figures.ts accessPublication).
    const { school, data, view } = await withScope(viewer, input.school, (ids) => {
      const v = reportVersions();
      return Promise.all([accessCube(years, ids, v), figureCubes("dropout", years, ids, v), rollCoverage(year, ids, v)]);
    });
    const [access, cubes, coverage] = data;
    const rowsOf = (y: number) => accessPublication(access, cubes, figure, y, view, school?.id).get(school?.id ?? DISTRICT)?.rows ?? emptyRows(GROUPS);
    return {
      school,
      year,
      figure,
      label: ACCESS[figure].label,
      access: true,
      higherIsBetter: true,
      period: accessPeriod(year, day),
      note: rollNote(year, coverage, school?.id, accessMissingRollText),
      rows: accessRows(rowsOf(year)),
      years,
      final: years.map((y) => accessPeriod(y, day).final),
      trend: gapTrends(
        years.map(rowsOf),
        years.map((y) => accessPeriod(y, day).final),
      ),
    };
  }
  const { school, data, view } = await withScope(viewer, input.school, (ids) => {
    const v = reportVersions();
    return Promise.all([figureCubes(figure, years, ids, v), figure === "dropout" ? rollCoverage(year, ids, v) : null]);
  });
  const [cubes, coverage] = data;
  const rowsOf = (y: number) => equityWithIntersections(cubes, figure, y, school?.id, view);
  const final = years.map((y) => periodOf(figure, y, day).final);
  return {
    school,
    year,
    figure,
    label: FIGURES[figure].label,
    access: false,
    higherIsBetter: FIGURES[figure].higherIsBetter,
    period: periodOf(figure, year, day),
    note: coverage ? rollNote(year, coverage, school?.id) : undefined,
    rows: rowsOf(year),
    years,
    final,
    trend: gapTrends(years.map(rowsOf), final),
  };
}

/** The one cube a figure reads, for `years` (the others empty). */
async function figureCubes(figure: FigureKey, years: number[], ids: string[] | null, v: Versions): Promise<Cubes> {
  const none: Cubes = { acgr: [], dropout: [], completers: [], program: [] };
  if (figure === "acgr4" || figure === "acgr5") {
    const cohorts = [...new Set(years.map((y) => cohortsForYear(y)[figure]))];
    return { ...none, acgr: await acgrCube(cohorts, ids, v) };
  }
  if (figure === "dropout") return { ...none, dropout: await dropoutCube(years, ids, v) };
  if (figure === "completers") return { ...none, completers: await completerCube(years, ids, v) };
  return { ...none, program: await programCube(years, ids, v) };
}
