// What one viewer's view publishes of one figure (DEFINITIONS.md "Suppression"): the related
// aggregates are gathered into one disclosure table and decided together (disclosure.ts).
//   - a school view (a school administrator): the school's total, its groups and the flag groups'
//     complements, tied by total = Σ race = Σ gender = flag + not flag;
//   - the district view (a district administrator, who sees the district and every school): the
//     same for the district and for each school, plus district group = Σ schools' groups (for
//     every group, totals and complements included). A school's suppressed total hides its table.
// The school summary, the schools table, the equity tables, the trend and the API all read their
// figures from here, so a number is shown, coded or hidden alike wherever the viewer meets it.
import { disclose, type Decision, type DisclosureCell, type DisclosureRelation, type DisclosureTable } from "./disclosure";
import { GROUPS } from "./groups";
import { FLAG_DIMENSIONS, equityRows, groupTallies, type Cell, type EquityRow, type GroupTally } from "./equity";

export const DISTRICT = "district";
/** Whose view: a school administrator's (one school) or a district administrator's (district and all schools). */
export type ViewKind = "school" | "district";

export type PublishedUnit = { tallies: GroupTally[]; decisions: Decision[]; rows: EquityRow[] };

const RACE = GROUPS.map((g, i) => (g.dimension === "race" ? i : -1)).filter((i) => i >= 0);
const GENDER = GROUPS.map((g, i) => (g.dimension === "gender" ? i : -1)).filter((i) => i >= 0);
const WIDTH = GROUPS.length + FLAG_DIMENSIONS.length;

/** One figure's disclosure table for a set of units (see publishUnits); `totals`: each unit's "All students" cell. */
export function unitsTable(
  bySchool: Map<string, Cell[]>,
  district: boolean,
  denominatorIsStudents: boolean,
): { units: [string, GroupTally[]][]; totals: number[]; table: DisclosureTable } {
  const ids = [...bySchool.keys()];
  const units: [string, GroupTally[]][] = ids.map((id) => [id, groupTallies(bySchool.get(id)!)]);
  if (district) units.push([DISTRICT, groupTallies([...bySchool.values()].flat())]);
  const cells: DisclosureCell[] = [];
  const relations: DisclosureRelation[] = [];
  units.forEach(([, tallies], u) => {
    const base = u * WIDTH;
    tallies.forEach((t, i) => cells.push({ size: t.size, denominator: t.denominator, numerators: t.numerators, publish: i < GROUPS.length, within: i === 0 ? undefined : base }));
    relations.push({ parent: base, children: RACE.map((i) => base + i) }, { parent: base, children: GENDER.map((i) => base + i) });
    FLAG_DIMENSIONS.forEach((dim, f) => {
      const g = GROUPS.findIndex((x) => x.dimension === dim);
      relations.push({ parent: base, children: [base + g, base + GROUPS.length + f] });
    });
  });
  if (district && ids.length > 0) {
    const d = ids.length * WIDTH;
    for (let i = 0; i < WIDTH; i++) relations.push({ parent: d + i, children: ids.map((_, u) => u * WIDTH + i) });
  }
  return { units, totals: units.map((_, u) => u * WIDTH), table: { cells, relations, denominatorIsStudents } };
}

/**
 * Decides one figure for a set of units: each school's cells (by school id) and, when `district`,
 * the district as their sum. Returns each unit's rows (DISTRICT for the district).
 */
export function publishUnits(bySchool: Map<string, Cell[]>, district: boolean, denominatorIsStudents: boolean): Map<string, PublishedUnit> {
  const { units, table } = unitsTable(bySchool, district, denominatorIsStudents);
  const decisions = disclose(table);
  return new Map(
    units.map(([id, tallies], u) => {
      const mine = decisions.slice(u * WIDTH, (u + 1) * WIDTH);
      return [id, { tallies, decisions: mine, rows: equityRows(tallies, mine) }];
    }),
  );
}
