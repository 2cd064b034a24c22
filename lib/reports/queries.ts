import "server-only";
import { db } from "@/lib/db";
import { can, assertLookupId, NotFoundError, schoolScope, type Viewer, assertCan } from "@/lib/access";
import { accessCube, acgrCube, completerCube, dropoutCube, programCube, programRows, qualityCube, qualityRows, schoolCounts, type ProgramRow } from "./sql";
import {
  KIND_OF_BY,
  byRowOrder,
  publishQuality,
  publishQualityGroups,
  tableRow,
  type Costs,
  type DecidedUnits,
  type QualityBy,
  type QualityGroupCell,
  type QualityGroupRow,
  type QualityInput,
  type QualityTableRow,
} from "./quality";
import type { Decision } from "./disclosure";
import type { ProgramType } from "@/lib/generated/prisma/enums";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { DEFAULT_PROFICIENT_LEVELS } from "@/lib/settings/rules";
import { qualityEnrollments, type QualityEnrollmentRow, type QualityRowFilter } from "@/lib/sql/queries/quality-enrollments";
import { qualityPageFacts } from "@/lib/sql/queries/quality-page-facts";
import { reportSchoolRow } from "@/lib/sql/queries/report-school-row";
import { reportSchoolList } from "@/lib/sql/queries/report-school-list";
import { districtProficientLevels } from "@/lib/sql/queries/district-proficient-levels";
import { groupByKey } from "./groups";
import type { QualityDrillParams } from "./schema";
import { ACCESS, accessMissingRollText, accessPeriod, accessRows, gapTrends, isAccessKey, type AccessKey, type AccessRow, type GapTrend } from "./access";
import { GROUPS } from "./groups";
import { studentScope } from "@/lib/access";
import { filterDetails, recordAudit } from "@/lib/audit";
import {
  FIGURES,
  accessPublication,
  rollNote,
  emptyRows,
  noRecordsOf,
  equityWithIntersections,
  bySchool,
  completerGradesOf,
  completersByNow,
  equityOf,
  figuresOf,
  programTotals,
  publication,
  publishAhead,
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
import { currentReader } from "@/lib/current-reads";

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
  // lib/access.ts schoolScope, rendered in SQL (lib/sql/fragments/scope.ts schoolInScope).
  const s = await reportSchoolRow(idOrCode, viewer);
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
  const [schools, rows] = await Promise.all([reportSchoolList(null), programRows(year, null, v)]);
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

const qualityMemo = new WeakMap<object, WeakMap<object, Map<string, DecidedUnits>>>();

const range = (last: number, n: number) => Array.from({ length: n }, (_, i) => last - n + 1 + i);

async function loadCubes(years: number[], ids: string[] | null, v?: Versions): Promise<Cubes> {
  const cohorts = [...new Set(years.flatMap((y) => Object.values(cohortsForYear(y))))];
  // Each cube's figures decided for the view as soon as it is in (publishAhead), while the others'
  // statements run: `ids` is the view's scope (withScope: a school's view, or null, the district's).
  const view: ViewKind = ids ? "school" : "district";
  // Deciding ahead only saves time: should it throw, the figures are decided again where the view
  // reads them and throw there, after the scope check (withScope), not in a race with it.
  const ahead = <K extends keyof Cubes>(key: K, read: Promise<Cubes[K]>) =>
    read.then((rows) => {
      try {
        publishAhead(key, rows, years, view, ids?.[0]);
      } catch {
        // (decided again below)
      }
      return rows;
    });
  const [acgr, dropout, completers, program] = await Promise.all([
    ahead("acgr", acgrCube(cohorts, ids, v)),
    ahead("dropout", dropoutCube(years, ids, v)),
    ahead("completers", completerCube(years, ids, v)),
    ahead("program", programCube(years, ids, v)),
  ]);
  return { acgr, dropout, completers, program };
}

/**
 * The schools in scope (`ids` null = all) with their students and October 1 roll rows (StudentYear)
 * of `year`: which figures have no denominator for want of a roll (figures.ts withRollNote).
 */
async function rollCoverage(year: number, ids: string[] | null, v?: Versions): Promise<RollCoverage[]> {
  const [schools, counts] = await Promise.all([reportSchoolList(ids), schoolCounts(year, ids, v)]);
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
    const v = reportVersions(ids);
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
  /** The district's figures over the TREND_YEARS school years ending with `year` (asked with `trend`; else empty). */
  trend: TrendPoint[];
};

/**
 * All schools side by side with district totals and the district equity view (district admins only),
 * and with `trend` the district's 5-year trend: each year's figures as that year's district summary
 * shows them (trendOf). The earlier years' cubes are read beside the year's, which the summary and
 * the trend's last point share.
 */
export async function getDistrictSummary(viewer: Viewer, input: { year?: number; trend?: boolean }): Promise<DistrictSummary> {
  assertCan(viewer, "reports.district");
  const year = input.year ?? latestCompleteYear();
  const earlier = input.trend ? range(year - 1, TREND_YEARS - 1) : [];
  const v = reportVersions(null); // one read for the request, before any aggregate (cache.ts)
  const [schools, cubes, units, coverage, before] = await Promise.all([
    reportSchools(viewer),
    loadCubes([year], null, v),
    programTables(year, null, v),
    rollCoverage(year, null, v),
    earlier.length ? loadCubes(earlier, null, v) : null,
  ]);
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
    trend: before ? [...trendOf(before, earlier, day, undefined, "district"), ...trendOf(cubes, [year], day, undefined, "district")] : [],
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
  /**
   * Why the school or district has no records behind the figure in the year (figures.ts
   * NO_RECORDS_NOTE), when it has none: its groups are then empty, not hidden.
   */
  noRecords?: string;
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
      const v = reportVersions(ids);
      // The dropout rate's tables are decided as soon as its cube is in, while the access cube's
      // statement (the longer) still runs; accessPublication below finds them kept.
      const dropout = figureCubes("dropout", years, ids, v).then((cubes) => {
        for (const y of years) publication(cubes, "dropout", y, ids ? "school" : "district", ids?.[0], true);
        return cubes;
      });
      return Promise.all([accessCube(years, ids, v), dropout, rollCoverage(year, ids, v)]);
    });
    const [access, cubes, coverage] = data;
    const rowsOf = (y: number) => accessPublication(access, cubes, figure, y, view, school?.id).get(school?.id ?? DISTRICT)?.rows ?? emptyRows(GROUPS);
    // No records: by the dropout figure's rule (figures.ts noRecordsOf), which counts the same roll
    // (grades 9–12 on October 1) — a unit with a dropout but nobody on the roll has records, and
    // a school among others in the district's view keeps its decision, as on the cards.
    const empty = noRecordsOf(cubes, "dropout", year, school?.id, view) !== undefined;
    return {
      school,
      year,
      figure,
      label: ACCESS[figure].label,
      access: true,
      higherIsBetter: true,
      period: accessPeriod(year, day),
      note: rollNote(year, coverage, school?.id, accessMissingRollText),
      noRecords: empty ? NO_ROLL_STUDENTS : undefined,
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
    const v = reportVersions(ids);
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
    noRecords: noRecordsOf(cubes, figure, year, school?.id, view),
    rows: rowsOf(year),
    years,
    final,
    trend: gapTrends(years.map(rowsOf), final),
  };
}

/** Why an access figure has no records: no student on the year's October 1 roll in grades 9–12. */
const NO_ROLL_STUDENTS = "No students on the October 1 roll in grades 9–12";

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

/** The rigor thresholds that flag a completion as too fast, per program type (quality.ts). */
export type TooFastRule = { programType: ProgramType; minDays: number | null; minActiveMinutesPerCredit: number | null };

export type QualityView = {
  school: ReportSchool | null;
  year: number;
  by: QualityBy;
  /** Whether the year's enrollments can still change (the course completion figure's period). */
  period: Period;
  /** The rows of the chosen cut (by provider, course or program type) with the total first; empty for groups. */
  rows: QualityTableRow[];
  /** The groups' rows (by = group). */
  groups: QualityGroupRow[];
  rules: TooFastRule[];
  /** Courses whose own minimum days differ from their program type's. */
  courseRules: number;
  /** What the district has loaded that some figures need. */
  loaded: { sequence: boolean; stateTests: boolean; contracts: number };
  /**
   * Why the school or district has no rows (no online enrollment started in the year), when it has
   * none: the tables are then empty, not hidden.
   */
  noRecords?: string;
};

/** Why a quality view is empty. */
export const NO_QUALITY_RECORDS = "No online enrollments started in this school year";

/**
 * The program quality report of one school (or, none given, the district for a district
 * administrator) in one school year, cut by provider, course, program type or student group.
 */
export async function getQualityView(viewer: Viewer, input: { year?: number; school?: string; by: QualityBy }): Promise<QualityView> {
  const year = input.year ?? latestCompleteYear();
  // The proficient levels (a setting the quality rows are keyed by) read beside the versions.
  const levelsRead = proficientLevels();
  levelsRead.catch(() => {}); // (awaited below, unless the viewer may not see reports)
  const { school, data, view } = await withScope(viewer, input.school, async (ids) => {
    const v = reportVersions(ids);
    // The view's schools and what the page says beside the figures (rules, what is loaded, names)
    // need no versions: sent at once, they run while the versions are read rather than beside the
    // aggregates (bench: the school view's statements then finish sooner).
    const side = Promise.all([reportSchoolList(ids), qualityPageFacts(year)]);
    side.catch(() => {}); // (awaited below, unless the versions or levels read failed)
    const [levels] = await Promise.all([levelsRead, v]);
    // The summary's program tables are decided as soon as their rows are in, while the quality
    // rows' statement (the longest) still runs; the call below finds them kept.
    const programPart = Promise.all([programTables(year, ids, v), programCube([year], ids, v)]).then(([program, rows]) => {
      const cubes: Cubes = { acgr: [], dropout: [], completers: [], program: rows };
      if (ids || !input.school) programTablesOf(program, cubes, year, ids ? "school" : "district", ids?.[0]);
      return { program, cubes };
    });
    return Promise.all([qualityRows({ year, schools: ids, levels }, v), input.by === "group" ? qualityCube({ year, schools: ids, levels }, v) : null, programPart, side]);
  });
  const [read, cells, { program, cubes }, [schools, { rules, courseRules, sequence, stateTests, contracts, providers, courses }]] = data;
  const unitIds = view === "district" ? [...schools.map((s) => s.id), DISTRICT] : [school!.id];
  const base = {
    school,
    year,
    by: input.by,
    period: periodOf("program", year, today()),
    rules: rules.map((r) => ({ programType: r.programType, minDays: r.minDaysEnrolled, minActiveMinutesPerCredit: r.minActiveMinutesPerCredit })),
    courseRules,
    loaded: { sequence, stateTests, contracts: contracts.length },
  };
  const units = new Map<string, QualityInput[]>(unitIds.map((id) => [id, []]));
  for (const r of read as readonly QualityInput[]) units.get(r.schoolId ?? DISTRICT)?.push(r);
  const names = { provider: new Map(providers.map((p) => [p.id, p.name])), course: new Map(courses.map((c) => [c.id, c.title])) };
  // The summary's program table, whose rows (program × provider, total) are these rows too: kept.
  const tables = programTablesOf(program, cubes, year, view, school?.id);
  const fixed = (unit: string, r: QualityInput): Decision | undefined => {
    if (r.courseId || (r.programType == null) !== (r.providerId == null)) return undefined;
    const t = tables.get(unit)?.find((x) => x.programType === r.programType && x.providerName === (r.providerId ? names.provider.get(r.providerId) : null));
    // The summary's rows are by provider name: a row it cannot be matched to (two providers of one
    // name, or a write between the two reads) is hidden rather than decided apart from it.
    const same = t && (t.students === null || (t.students === r.students && t.started === r.started));
    if (!t || !same) return { state: "suppressed" };
    return t.suppression === "suppressed" ? { state: "suppressed" } : { state: "shown", coded: [t.coded] };
  };
  // Decided once per quality rows read and program tables (both shared while unchanged: cache.ts),
  // units and provider names (what `fixed` matches rows by).
  const byTables = qualityMemo.get(read) ?? new WeakMap<object, Map<string, DecidedUnits>>();
  qualityMemo.set(read, byTables);
  const memo = byTables.get(tables) ?? new Map<string, DecidedUnits>();
  byTables.set(tables, memo);
  const memoKey = JSON.stringify([view, [...unitIds].sort(), [...names.provider].sort(([a], [b]) => (a < b ? -1 : 1))]);
  let decided = memo.get(memoKey);
  if (!decided) memo.set(memoKey, (decided = publishQuality(units, view === "district", fixed)));
  // No enrollment started in the year: nothing to hide, and the tables say so (figures.ts noRecords).
  const total = (decided.get(school?.id ?? DISTRICT) ?? []).find((d) => !d.input.courseId && !d.input.programType && !d.input.providerId);
  if (!total || total.input.started === 0) return { ...base, rows: [], groups: [], noRecords: NO_QUALITY_RECORDS };
  if (input.by === "group") {
    const bySchool = new Map<string, QualityGroupCell[]>(unitIds.filter((id) => id !== DISTRICT).map((id) => [id, []]));
    for (const c of (cells ?? []) as readonly QualityGroupCell[]) bySchool.get(c.schoolId)?.push(c);
    const main = publication(cubes, "program", year, view, school?.id, true);
    const totals = new Map([...decided].map(([id, rows]) => [id, rows.find((d) => !d.input.courseId && !d.input.programType && !d.input.providerId)!]));
    const groups = publishQualityGroups(bySchool, main, view === "district", totals).get(school?.id ?? DISTRICT) ?? [];
    return { ...base, rows: [], groups };
  }
  // Cost per credit is the district's: its contracts over every school's credits (the district's
  // provider rows: credits awarded by the passed enrollments started in the year), shown in the
  // district view's rows only.
  const creditsBy = new Map<string, number>();
  if (view === "district") for (const r of read) if (r.schoolId === null && r.providerId && !r.courseId && !r.programType) creditsBy.set(r.providerId, r.credits);
  // Cost per credit only in the district view, for a provider whose district row and course rows
  // are all shown in full (quality.ts Costs): the credits it implies follow from those rows.
  const districtRows = view === "district" ? (decided.get(DISTRICT) ?? []) : [];
  const open = (d: (typeof districtRows)[number]) => d.main.state === "shown" && d.main.coded.every((c) => c === null);
  const shownInFull = (providerId: string) => districtRows.filter((d) => d.input.providerId === providerId && (d.input.courseId || !d.input.programType)).every(open);
  const costs: Costs = {
    byProvider: new Map(
      contracts.filter((c) => districtRows.length > 0 && shownInFull(c.providerId)).map((c) => [c.providerId, { cost: Number(c.cost), credits: creditsBy.get(c.providerId) ?? 0 }]),
    ),
    total:
      contracts.length > 0 && contracts.length === providers.length && districtRows.length > 0 && districtRows.every(open)
        ? { cost: contracts.reduce((s, c) => s + Number(c.cost), 0), credits: [...creditsBy.values()].reduce((s, n) => s + n, 0) }
        : null,
  };
  const kind = KIND_OF_BY[input.by];
  const rows = (decided.get(school?.id ?? DISTRICT) ?? [])
    .map((d) => tableRow(d, names, costs))
    .filter((r) => r.kind === "total" || r.kind === kind)
    .sort(byRowOrder);
  return { ...base, rows, groups: [] };
}

/** One enrollment behind a quality figure, with every fact the report counts of it. */
export type QualityDrillRow = {
  enrollmentId: string;
  studentId: string;
  name: string;
  sisId: string;
  gradeLevel: number;
  schoolName: string;
  course: string;
  provider: string;
  programType: ProgramType;
  status: string;
  startDate: IsoDay;
  endedOn: IsoDay | null;
  /** The day the work was finished, which the days to complete run to (Enrollment.finishedOn, else endedOn). */
  finishedOn: IsoDay | null;
  days: number | null;
  activeHours: number | null;
  tooFast: boolean;
  overrideReason: string | null;
  graduated: boolean;
  attempts: number;
  proctored: number;
  unstated: number;
  retakes: number;
  /** The next course: null = none in the sequence; else took it, passed it. */
  next: { took: boolean; passed: boolean } | null;
  /** The state test in the subject: null = no result; else proficient. */
  proficient: boolean | null;
};

export type QualityDrill = { school: ReportSchool | null; year: number; rowLabel: string; groupLabel: string; show: QualityShow; rows: QualityDrillRow[]; hidden: number };
export type QualityShow = QualityDrillParams["show"];

const SHOWN_BY: Record<QualityShow, (r: QualityEnrollmentRow) => boolean> = {
  ended: (r) => r.status !== "ACTIVE",
  passed: (r) => r.status === "COMPLETED",
  tooFast: (r) => r.tooFast === true,
  overridden: (r) => r.status === "COMPLETED" && r.overridden,
  graduated: (r) => r.graduated === true,
  timed: (r) => r.seconds != null,
  summatives: (r) => Number(r.attempts) > 0,
  retakes: (r) => Number(r.retakes) > 0,
  unstated: (r) => Number(r.unstated) > 0,
  inSequence: (r) => r.next != null && r.next >= 1,
  tookNext: (r) => r.next != null && r.next >= 2,
  passedNext: (r) => r.next === 3,
  tested: (r) => r.proficient != null,
  proficient: (r) => r.proficient === true,
};

/**
 * The enrollments behind one figure of the quality report: a row (course, provider, program type,
 * or all) and a student group of one school (or the district) and year. Lists are not suppressed:
 * they are for staff who may see these students' records; a student outside the viewer's scope
 * (studentScope) is counted in `hidden`, not listed.
 */
export async function getQualityDrill(viewer: Viewer, input: QualityDrillParams): Promise<QualityDrill> {
  const [kind, a, b] = (input.row ?? "total::").split(":");
  // A row names what it narrows to, and nothing else (a program type by its enum name).
  const isProgram = (v: string) => Object.hasOwn(PROGRAM_TYPE_LABEL, v);
  const filter: QualityRowFilter | null =
    kind === "total" && !a && !b
      ? {}
      : kind === "course" && a && !b
        ? { courseId: a }
        : kind === "provider" && !a && b
          ? { providerId: b }
          : kind === "program" && isProgram(a) && !b
            ? { programType: a as ProgramType }
            : kind === "pair" && isProgram(a) && b
              ? { programType: a as ProgramType, providerId: b }
              : null;
  if (!filter) throw new NotFoundError("Row of the report");
  const group = input.group ? groupByKey(input.group) : GROUPS[0];
  if (!group) throw new NotFoundError("Student group");
  const levels = await proficientLevels();
  // The school asked for (in scope, else NotFoundError), or the viewer's own; a district
  // administrator without one: the district. Only that school's facts are read.
  const school = input.school ? await reportSchool(viewer, input.school) : can(viewer, "students.allSchools") ? null : await reportSchool(viewer, viewer.schoolId ?? "");
  // The enrollments are read on the replica when it holds every write made before this request
  // began (lib/current-reads.ts); the audit of what was listed is written on the server.
  const reader = await currentReader();
  const data = (await reader.readSql(() => qualityEnrollments({ year: input.year, schools: school ? [school.id] : null, levels }, filter).execute())) as QualityEnrollmentRow[];
  const mine = data.filter((r) => group.test(r) && SHOWN_BY[input.show](r));
  const visible = new Set(
    (
      await reader.read((c) => c.student.findMany({ where: { AND: [studentScope(viewer), { id: { in: [...new Set(mine.map((r) => r.studentId))] } }] }, select: { id: true } }))
    ).map((s) => s.id),
  );
  const [course, provider] = await Promise.all([
    filter.courseId ? db().onlineCourse.findUnique({ where: { id: filter.courseId }, select: { title: true } }) : null,
    filter.providerId ? db().provider.findUnique({ where: { id: filter.providerId }, select: { name: true } }) : null,
  ]);
  if ((filter.courseId && !course) || (filter.providerId && !provider)) throw new NotFoundError(filter.courseId ? "Course" : "Provider");
  const rowLabel = [filter.programType ? PROGRAM_TYPE_LABEL[filter.programType] : null, provider?.name, course?.title].filter(Boolean).join(" · ") || "All online courses";
  // A drill-down lists students with their outcomes: audited with its filter and whom (issue 14).
  const ids = [...new Set(mine.filter((r) => visible.has(r.studentId)).map((r) => r.studentId))];
  await recordAudit(viewer, {
    action: "report.drill",
    entity: "Student",
    details: { filter: filterDetails({ report: "quality", year: input.year, school: school?.id, row: input.row, group: input.group, show: input.show }), students: ids.length },
    studentIds: ids,
  });
  return {
    school,
    year: input.year,
    rowLabel,
    groupLabel: group.label,
    show: input.show,
    hidden: mine.filter((r) => !visible.has(r.studentId)).length,
    rows: mine
      .filter((r) => visible.has(r.studentId))
      .map((r) => ({
        enrollmentId: r.id,
        studentId: r.studentId,
        name: `${r.lastName}, ${r.firstName}`,
        sisId: r.sisId,
        gradeLevel: r.gradeLevel,
        schoolName: r.schoolName,
        course: r.courseTitle,
        provider: r.providerName,
        programType: r.programType,
        status: r.status,
        startDate: isoDay(r.startDate),
        endedOn: r.endedOn ? isoDay(r.endedOn) : null,
        finishedOn: r.finishedOn ? isoDay(r.finishedOn) : null,
        days: r.status === "COMPLETED" ? r.days : null,
        activeHours: r.seconds == null ? null : Math.round((Number(r.seconds) / 3600) * 10) / 10,
        tooFast: r.tooFast === true,
        overrideReason: r.overridden ? r.overrideReason : null,
        graduated: r.graduated === true,
        attempts: Number(r.attempts),
        proctored: Number(r.proctored),
        unstated: Number(r.unstated),
        retakes: Number(r.retakes),
        next: r.next ? { took: r.next >= 2, passed: r.next === 3 } : null,
        proficient: r.proficient,
      })),
  };
}

/** The state test levels counted proficient (DistrictSettings, else its default), in lower case as the SQL compares them. */
async function proficientLevels(): Promise<string[]> {
  return ((await districtProficientLevels()) ?? DEFAULT_PROFICIENT_LEVELS).map((l) => l.toLowerCase());
}
