// Completers of a year by grade at completion, and what became of them (completers.ts
// completerGrade, completerFate): the headline mixes grade 10–11 completers, who cannot graduate
// that year, with seniors. One row per grade group, counts only.
//
// The table is decided by the disclosure policy (disclosure.ts, DEFINITIONS.md "Suppression")
// together with the completers figure the same viewer sees, whose decisions it keeps: a unit's
// grade rows add up to its completers and to the figure's counts (graduated by the end of the year;
// by now = by the end of the year + later); in the district view each district row is the sum of
// the schools' rows; and a row's outcomes add up to its completers. A row of fewer than 6 completers
// shows nothing, an outcome within one student of none or all reads "≤ 1" or "≥ n − 1", and more
// rows or outcomes are hidden while any of them can be worked out. A unit whose figure is hidden
// shows no table at all (its rows would give the figure back).
import type { CompleterCube } from "./sql";
import { FATES, GRADE_LABEL, type CompleterFate } from "./completers";
import { disclose, disclosureCell, type Decision, type Disclosure, type DisclosureCell, type DisclosureRelation, type DisclosureTable } from "./disclosure";
import { DISTRICT } from "./published";

/** A count shown as a bound: "≤ 1" (none or one) or "≥ 24" (all or all but one of 25). */
export type CountBound = { op: "≤" | "≥"; count: number };

/** A hidden count is null; a coded one is null with its bound in `bounds`. */
export type CompleterGradeRow = {
  group: string;
  grade: number;
  completers: number | null;
  bounds: Partial<Record<CompleterFate, CountBound>>;
  suppression: Disclosure;
} & Record<CompleterFate, number | null>;

export const GRADES = [9, 10, 11, 12, 13];
/** A row's counts over its completers: 0 by year end, 1 by now (never shown by itself), 2 later, 3 still enrolled, 4 dropped out, 5 other exit. */
const INDEX: Record<CompleterFate, number> = { graduatedByYearEnd: 0, graduatedLater: 2, stillEnrolled: 3, droppedOut: 4, exited: 5 };
const BY_NOW = 1;
const PARTS = [
  [0, 2, 3, 4, 5],
  [BY_NOW, 3, 4, 5],
];

function countsOf(rows: CompleterCube[], grade: number): { completers: number; numerators: number[] } {
  const at = rows.filter((r) => r.grade === grade);
  const sum = (f: (r: CompleterCube) => number) => at.reduce((s, r) => s + f(r), 0);
  return {
    completers: sum((r) => r.completers),
    numerators: [sum((r) => r.byYearEnd), sum((r) => r.byNow), sum((r) => r.byNow - r.byYearEnd), sum((r) => r.stillEnrolled), sum((r) => r.droppedOut), sum((r) => r.exited)],
  };
}

/** The completers figure of a view as decided (published.ts unitsTable + its decisions): units in order, each with its total's cell. */
export type DecidedFigure = { table: DisclosureTable; decisions: Decision[]; units: string[]; totals: number[] };

/**
 * Each unit's by-grade table (DISTRICT for the district), decided with the figure: `rows` holds each
 * school's cube rows of the year (all of them for DISTRICT); `district`: the district view.
 */
export function publishGrades(figure: DecidedFigure, rows: Map<string, CompleterCube[]>, district: boolean): Map<string, CompleterGradeRow[]> {
  const cells: DisclosureCell[] = [...figure.table.cells];
  const relations: DisclosureRelation[] = [...figure.table.relations];
  const at = new Map<string, number>(); // unit + grade → cell
  figure.units.forEach((id, u) => {
    const total = figure.totals[u];
    const hidden = figure.decisions[total].state === "suppressed";
    const mine = rows.get(id) ?? [];
    for (const g of GRADES) {
      const c = countsOf(mine, g);
      at.set(`${id}:${g}`, cells.length);
      // A hidden unit lists no rows: the viewer cannot tell which grades are empty.
      cells.push(
        disclosureCell({
          size: c.completers,
          denominator: c.completers,
          numerators: c.numerators,
          publish: true,
          within: total,
          parts: PARTS,
          sums: [{ of: BY_NOW, parts: [0, 2] }],
          derived: [BY_NOW],
          unlisted: hidden,
        }),
      );
    }
    relations.push({ parent: total, children: GRADES.map((g) => at.get(`${id}:${g}`)!), numerators: 2 });
  });
  if (district) {
    const schools = figure.units.filter((id) => id !== DISTRICT);
    for (const g of GRADES) relations.push({ parent: at.get(`${DISTRICT}:${g}`)!, children: schools.map((id) => at.get(`${id}:${g}`)!) });
  }
  const fixed = cells.map((_, i) => (i < figure.decisions.length ? figure.decisions[i] : undefined));
  const decisions = disclose({ cells, relations, denominatorIsStudents: true, fixed });
  return new Map(
    figure.units.map((id, u) => {
      if (figure.decisions[figure.totals[u]].state === "suppressed") return [id, []];
      const shown = GRADES.filter((g) => cells[at.get(`${id}:${g}`)!].size > 0);
      return [id, shown.map((g) => rowOf(g, cells[at.get(`${id}:${g}`)!], decisions[at.get(`${id}:${g}`)!]))];
    }),
  );
}

function rowOf(grade: number, c: DisclosureCell, d: Decision): CompleterGradeRow {
  const group = GRADE_LABEL[grade] ?? `Grade ${grade}`;
  if (d.state === "suppressed") {
    return { group, grade, completers: null, bounds: {}, suppression: "suppressed", ...(Object.fromEntries(FATES.map((f) => [f, null])) as Record<CompleterFate, null>) };
  }
  const bounds: Partial<Record<CompleterFate, CountBound>> = {};
  const counts = {} as Record<CompleterFate, number | null>;
  for (const f of FATES) {
    const k = INDEX[f];
    const coded = d.coded[k];
    counts[f] = coded || d.hidden?.[k] ? null : c.numerators[k];
    if (coded && !d.hidden?.[k]) bounds[f] = coded.op === "≤" ? { op: "≤", count: 1 } : { op: "≥", count: c.denominator - 1 };
  }
  const coded = FATES.some((f) => counts[f] == null);
  return { group, grade, completers: c.size, bounds, suppression: coded ? "coded" : "none", ...counts };
}

/** A count as every surface shows it: the number, its bound ("≤ 1", "≥ 24"), or null ("—"). */
export function fateShown(r: CompleterGradeRow, f: CompleterFate): number | string | null {
  const b = r.bounds[f];
  return b ? `${b.op} ${b.count}` : r[f];
}
