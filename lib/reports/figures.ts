// The figures of the summaries, assembled from the SQL cubes (sql.ts). Pure: no I/O.
// Each figure is a rate = numerator ÷ denominator for one school year; which cube rows feed it:
//   acgr4      — 4-year ACGR of the class graduating at the end of the year (cohort y + 1), acgr.ts
//   acgr5      — 5-year ACGR of the class a year earlier (cohort y), acgr.ts
//   dropout    — MA DESE annual dropout rate of year y, dropout.ts
//   completers — credit-recovery completers of year y who graduated by the end of the year, completers.ts
//   program    — online program completion rate of enrollments started in year y, program.ts
import type { AcgrCube, CompleterCube, CubeKey, DropoutCube, ProgramCube } from "./sql";
import { percent } from "./acgr";
import { missingRollText, noRollText } from "./dropout";
import { equityTable, type Cell, type EquityRow } from "./equity";
import { cohortsForYear } from "./periods";
import { isSuppressed, suppressPartition, type Suppression } from "./suppression";

export type FigureKey = "acgr4" | "acgr5" | "dropout" | "completers" | "program";
export const FIGURE_KEYS: FigureKey[] = ["acgr4", "acgr5", "dropout", "completers", "program"];

export const FIGURES: Record<FigureKey, { label: string; short: string; higherIsBetter: boolean; numerator: string; denominator: string }> = {
  acgr4: { label: "4-year graduation rate", short: "4-yr grad", higherIsBetter: true, numerator: "graduates", denominator: "adjusted cohort" },
  acgr5: { label: "5-year graduation rate", short: "5-yr grad", higherIsBetter: true, numerator: "graduates", denominator: "adjusted cohort" },
  dropout: { label: "Annual dropout rate", short: "Dropout", higherIsBetter: false, numerator: "dropouts", denominator: "Oct 1 enrollment, grades 9–12" },
  completers: { label: "Credit-recovery completers who graduated", short: "Completers grad", higherIsBetter: true, numerator: "graduated by year end", denominator: "completers" },
  program: { label: "Online course completion rate", short: "Course completion", higherIsBetter: true, numerator: "passed", denominator: "ended" },
};

export type Cubes = { acgr: AcgrCube[]; dropout: DropoutCube[]; completers: CompleterCube[]; program: ProgramCube[] };

/**
 * A figure as shown: the rate is null ("—") when fewer than 6 students are behind it. `note`: what
 * the reader must know about it, in the words every surface shows — why there is no rate (no
 * October 1 roll, shown instead of "fewer than 6") or what a district figure lacks.
 */
export type Figure = { numerator: number | null; denominator: number | null; rate: number | null; suppression: Suppression; note?: string };

/** A school in scope and the size of its records for one school year (queries.ts rollCoverage). */
export type RollCoverage = { id: string; name: string; students: number; rollRows: number };

/**
 * The dropout figure with its note when the October 1 roll is missing (dropout.ts): for one school
 * without a roll, or a district where no school with students has one, "No October 1 roll loaded
 * for 2023-24"; for a district where some have none, which ones. The figure itself is unchanged.
 */
export function withRollNote(f: Figure, year: number, coverage: RollCoverage[], schoolId?: string): Figure {
  const considered = coverage.filter((c) => (schoolId ? c.id === schoolId : c.students > 0));
  const missing = considered.filter((c) => c.rollRows === 0);
  if (missing.length === 0) return f;
  return { ...f, note: missing.length === considered.length ? noRollText(year) : missingRollText(missing.map((m) => m.name)) };
}

/** The cells (students' groups × counts) behind one figure in one school year, with their school. */
function rowsOf(cubes: Cubes, key: FigureKey, year: number): { schoolId: string; cell: Cell }[] {
  const { acgr4, acgr5 } = cohortsForYear(year);
  const at = (r: CubeKey, numerator: number, denominator: number) => ({
    schoolId: r.schoolId,
    cell: { raceEthnicity: r.raceEthnicity, gender: r.gender, specialEducation: r.specialEducation, englishLearner: r.englishLearner, lowIncome: r.lowIncome, numerator, denominator },
  });
  switch (key) {
    case "acgr4":
      return cubes.acgr.filter((r) => r.year === acgr4).map((r) => at(r, r.num4, r.den4));
    case "acgr5":
      return cubes.acgr.filter((r) => r.year === acgr5).map((r) => at(r, r.num5, r.den5));
    case "dropout":
      return cubes.dropout.filter((r) => r.year === year).map((r) => at(r, r.dropouts, r.october1));
    case "completers":
      return cubes.completers.filter((r) => r.year === year).map((r) => at(r, r.byYearEnd, r.completers));
    case "program":
      return cubes.program.filter((r) => r.year === year).map((r) => at(r, r.passed, r.ended));
  }
}

/** The cells behind one figure in one school year, for one school or all the cube holds. */
export function cellsOf(cubes: Cubes, key: FigureKey, year: number, schoolId?: string): Cell[] {
  return rowsOf(cubes, key, year)
    .filter((r) => !schoolId || r.schoolId === schoolId)
    .map((r) => r.cell);
}

export function total(cells: Cell[]): { numerator: number; denominator: number } {
  return cells.reduce((s, c) => ({ numerator: s.numerator + c.numerator, denominator: s.denominator + c.denominator }), { numerator: 0, denominator: 0 });
}

export function shown(t: { numerator: number; denominator: number }, suppression: Suppression = isSuppressed(t.denominator) ? "primary" : "none"): Figure {
  if (suppression === "none") return { ...t, rate: percent(t.numerator, t.denominator), suppression };
  return { numerator: null, denominator: suppression === "primary" ? null : t.denominator, rate: null, suppression };
}

export function figuresOf(cubes: Cubes, year: number, schoolId?: string): Record<FigureKey, Figure> {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, shown(total(cellsOf(cubes, k, year, schoolId)))])) as Record<FigureKey, Figure>;
}

export function equityOf(cubes: Cubes, year: number, schoolId?: string): Record<FigureKey, EquityRow[]> {
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, equityTable(cellsOf(cubes, k, year, schoolId))])) as Record<FigureKey, EquityRow[]>;
}

/** One figure per school, suppressed across schools: the schools partition the district total (suppression.ts). */
export function bySchool(cubes: Cubes, year: number, schoolIds: string[]): Record<string, Record<FigureKey, Figure>> {
  const out: Record<string, Record<FigureKey, Figure>> = Object.fromEntries(schoolIds.map((id) => [id, {} as Record<FigureKey, Figure>]));
  for (const k of FIGURE_KEYS) {
    const by = new Map<string, Cell[]>();
    for (const r of rowsOf(cubes, k, year)) {
      const list = by.get(r.schoolId);
      if (list) list.push(r.cell);
      else by.set(r.schoolId, [r.cell]);
    }
    const totals = schoolIds.map((id) => total(by.get(id) ?? []));
    const sup = suppressPartition(totals.map((t) => t.denominator), true);
    schoolIds.forEach((id, i) => (out[id][k] = shown(totals[i], sup[i])));
  }
  return out;
}

export type TrendPoint = { year: number } & Record<FigureKey, number | null>;

export function trendOf(cubes: Cubes, years: number[], schoolId?: string): TrendPoint[] {
  return years.map((y) => {
    const f = figuresOf(cubes, y, schoolId);
    return { year: y, acgr4: f.acgr4.rate, acgr5: f.acgr5.rate, dropout: f.dropout.rate, completers: f.completers.rate, program: f.program.rate };
  });
}
