// What one viewer's view publishes of one figure (DEFINITIONS.md "Suppression"): the related
// aggregates are gathered into one disclosure table and decided together (disclosure.ts).
//   - a school view (a school administrator): the school's total and its groups, tied by
//     total = Σ race = Σ gender = flag + not flag (each flag's complement is a group too), and
//     race = Σ its race × gender groups, gender = Σ its race × gender groups;
//   - the district view (a district administrator, who sees the district and every school): the
//     same for the district and for each school, plus district group = Σ schools' groups (for
//     every group, totals and complements included). A school's suppressed total hides its table.
// The school summary, the schools table, the equity tables, the trend and the API all read their
// figures from here, so a number is shown, coded or hidden alike wherever the viewer meets it.
import { disclose, disclosureCell, type Decision, type DisclosureCell, type DisclosureRelation, type DisclosureTable } from "./disclosure";
import { GENDER_KEYS, GROUPS, RACE_KEYS, type Group } from "./groups";
import { equityRows, groupTallies, type Cell, type EquityRow, type GroupTally } from "./equity";

export const DISTRICT = "district";
/** Whose view: a school administrator's (one school) or a district administrator's (district and all schools). */
export type ViewKind = "school" | "district";

/** `tallies`, `decisions` and `rows` are in the order of the groups published (MAIN_GROUPS, or GROUPS with intersections). */
export type PublishedUnit = { tallies: GroupTally[]; decisions: Decision[]; rows: EquityRow[] };

/**
 * The summaries' groups: every group but race × gender. The intersections are decided in a second
 * table that keeps these decisions (published.ts publishUnits `intersections`): a figure reads the
 * same on the summary and on the equity page, and the summaries do not pay for 21 more cells a unit.
 */
export const MAIN_GROUPS = GROUPS.filter((g) => g.dimension !== "raceGender");

export type Layout = { groups: readonly Group[]; width: number; sums: [number, number[]][] };

/** The sums that tie a unit's groups, by their place in `groups` (those naming a group not in it are left out). */
function layoutOf(groups: readonly Group[]): Layout {
  const at = (key: string) => groups.findIndex((g) => g.key === key);
  const race = RACE_KEYS.map((r) => at(`race:${r}`));
  const gender = GENDER_KEYS.map((g) => at(`gender:${g}`));
  const rg = (r: string, g: string) => at(`raceGender:${r}:${g}`);
  const sums: [number, number[]][] = [
    [0, race],
    [0, gender],
    ...groups.flatMap((g, i): [number, number[]][] => (g.comparison && i < at(g.comparison) ? [[0, [i, at(g.comparison)]]] : [])),
  ];
  if (groups.some((g) => g.dimension === "raceGender")) {
    RACE_KEYS.forEach((r, ri) => sums.push([race[ri], GENDER_KEYS.map((g) => rg(r, g))]));
    GENDER_KEYS.forEach((g, gi) => sums.push([gender[gi], RACE_KEYS.map((r) => rg(r, g))]));
  }
  return { groups, width: groups.length, sums };
}
const MAIN = layoutOf(MAIN_GROUPS);
const FULL = layoutOf(GROUPS);
/** Every group's layout (race × gender included): the second table of publishUnits `intersections`. */
export const FULL_LAYOUT = FULL;

/** One figure's disclosure table for a set of units (see publishUnits); `totals`: each unit's "All students" cell. */
export function unitsTable(
  bySchool: ReadonlyMap<string, readonly Cell[]>,
  district: boolean,
  denominatorIsStudents: boolean,
  layout: Layout = MAIN,
): { units: [string, GroupTally[]][]; totals: number[]; table: DisclosureTable } {
  const W = layout.width;
  // Units in one order whatever order the rows came in (SQL returns groups in no set order): the
  // policy breaks ties by position, so two views of the same counts must list them alike, or each
  // could hide a different partner and the two together give a small group away.
  const ids = [...bySchool.keys()].sort();
  const units: [string, GroupTally[]][] = ids.map((id) => [id, talliesOf(bySchool.get(id)!, layout.groups)]);
  // The district's groups are the schools' added up (a tally adds each cell to its groups).
  if (district)
    units.push([
      DISTRICT,
      addedUp(
        units.map(([, ts]) => ts),
        layout.groups.length,
      ),
    ]);
  // Every unit's tallies as wide as the widest (a school with no cells has one count): a sum ties
  // only the counts all its cells have, so a narrower unit would leave the others untied across schools.
  // (A loop: spreading every tally's width into Math.max, ~30,000 arguments at the city scale, was
  // most of building a district table.)
  let width = 1;
  for (const [, ts] of units) for (const t of ts) width = Math.max(width, t.numerators.length);
  // (Padded copies: a unit's tallies may be kept for the next table: talliesOf.)
  for (const u of units)
    if (u[1].some((t) => t.numerators.length < width))
      u[1] = u[1].map((t) => (t.numerators.length < width ? { ...t, numerators: [...t.numerators, ...new Array<number>(width - t.numerators.length).fill(0)] } : t));
  const cells: DisclosureCell[] = [];
  units.forEach(([, tallies], u) => {
    const made = unitCells(tallies, u * W, layout);
    for (let i = 0; i < made.length; i++) cells.push(made[i]);
  });
  return { units, totals: units.map((_, u) => u * W), table: { cells, relations: sumsOf(layout, ids.length, district), denominatorIsStudents } };
}

/**
 * A unit's cells, kept with its tallies (talliesOf keeps a school's while its cells are the same)
 * while they are at the same place of a table of the same layout: after a write the changed
 * school's and the district's are made again (and, each read, those of a unit whose tallies are
 * padded to the table's width, or of a school with no cells). Making every cell of every table again was ~8 ms of
 * each read of the city's district summary with its trend after a write, with its garbage, and the
 * disclosure policy compares kept cells by identity first (disclosure.ts seen). Read only.
 */
function unitCells(tallies: readonly GroupTally[], base: number, layout: Layout): DisclosureCell[] {
  const kept = keptCells.get(tallies);
  if (kept && kept.base === base && kept.layout === layout) return kept.cells;
  // A race × gender row reads "—" whether hidden or empty, and no other surface lists them: the
  // viewer cannot tell a hidden one from an empty one (`unlisted`).
  const cells = tallies.map((t, i) =>
    disclosureCell({
      size: t.size,
      denominator: t.denominator,
      numerators: t.numerators,
      publish: true,
      within: i === 0 ? undefined : base,
      unlisted: layout.groups[i].dimension === "raceGender" || undefined,
    }),
  );
  keptCells.set(tallies, { base, layout, cells });
  return cells;
}
const keptCells = new WeakMap<readonly GroupTally[], { base: number; layout: Layout; cells: DisclosureCell[] }>();

/**
 * The sums of a table of `schools` units of `layout` (and the district's, added up from theirs):
 * they depend on nothing else, so they are made once and kept, frozen — the same array for every
 * figure, year and read of a view, which the disclosure policy keeps what it works out of by
 * (disclosure.ts sumLists, unitsOf; table-digest.ts), where the city's tables of 401 units made them
 * again, and their lists, for each of a read's tables.
 */
function sumsOf(layout: Layout, schools: number, district: boolean): DisclosureRelation[] {
  let byCount = layoutSums.get(layout);
  if (!byCount) layoutSums.set(layout, (byCount = new Map()));
  const key = `${schools} ${district}`;
  const kept = byCount.get(key);
  if (kept) return kept;
  const W = layout.width;
  const relations: DisclosureRelation[] = [];
  const units = schools + (district ? 1 : 0);
  for (let u = 0; u < units; u++) {
    const base = u * W;
    for (const [parent, children] of layout.sums) relations.push({ parent: base + parent, children: children.map((c) => base + c) });
  }
  if (district && schools > 0) {
    const d = schools * W;
    for (let i = 0; i < W; i++) relations.push({ parent: d + i, children: Array.from({ length: schools }, (_, u) => u * W + i) });
  }
  for (const r of relations) (Object.freeze(r.children), Object.freeze(r));
  Object.freeze(relations);
  byCount.set(key, relations);
  if (byCount.size > 16) byCount.delete(byCount.keys().next().value!); // (views of other numbers of schools)
  return relations;
}
const layoutSums = new Map<Layout, Map<string, DisclosureRelation[]>>();

/**
 * A unit's tallies (equity.ts groupTallies), kept with the cells they were made from, by its first
 * cell: a school a write did not touch has the same cell objects (figures.ts cellAt), and its
 * tallies are not made again (at the city scale, tallying every school's cells of every table a
 * write changed was ~90 ms of the district summary with its trend). Read only: never changed
 * once made.
 */
function talliesOf(cells: readonly Cell[], groups: readonly Group[]): GroupTally[] {
  if (cells.length === 0) return groupTallies(cells, groups);
  let byFirst = keptTallies.get(groups);
  if (!byFirst) keptTallies.set(groups, (byFirst = new WeakMap()));
  const kept = byFirst.get(cells[0]);
  let same = kept !== undefined && kept.cells.length === cells.length;
  for (let k = 0; same && k < cells.length; k++) same = kept!.cells[k] === cells[k];
  if (same) return kept!.tallies;
  const tallies = groupTallies(cells, groups);
  byFirst.set(cells[0], { cells: [...cells], tallies });
  return tallies;
}
const keptTallies = new WeakMap<readonly Group[], WeakMap<Cell, { cells: readonly Cell[]; tallies: GroupTally[] }>>();

/** Tallies of the same groups added up, as wide as the widest. */
function addedUp(lists: GroupTally[][], groups: number): GroupTally[] {
  const width = Math.max(1, ...lists.map((ts) => ts[0]?.numerators.length ?? 1));
  const out: GroupTally[] = Array.from({ length: groups }, () => ({ size: 0, denominator: 0, numerators: new Array<number>(width).fill(0) }));
  for (const ts of lists)
    ts.forEach((t, g) => {
      const o = out[g];
      o.size += t.size;
      o.denominator += t.denominator;
      t.numerators.forEach((k, j) => (o.numerators[j] += k));
    });
  return out;
}

/**
 * Decides one figure for a set of units: each school's cells (by school id) and, when `district`,
 * the district as their sum. Returns each unit's rows (DISTRICT for the district): the summaries'
 * groups (MAIN_GROUPS), or with `intersections` every group — race × gender decided in a second
 * table over the same units that keeps the first table's decisions (`fixed`), so the intersections
 * can only hide more of themselves and the groups read as the summaries show them. The second table
 * holds every cell and sum of the first, so its attack (disclosure-audit.ts) sees all the viewer sees.
 * `highestAmong` (equity.ts equityRows): which groups the "gap to highest group" looks at.
 */
export function publishUnits(
  bySchool: ReadonlyMap<string, readonly Cell[]>,
  district: boolean,
  denominatorIsStudents: boolean,
  intersections = false,
  highestAmong?: (g: Group) => boolean,
): Map<string, PublishedUnit> {
  const main = unitsTable(bySchool, district, denominatorIsStudents, MAIN);
  const mainDecisions = disclose(main.table);
  if (!intersections) return unitsOf(main.units, mainDecisions, MAIN, highestAmong);
  const full = unitsTable(bySchool, district, denominatorIsStudents, FULL);
  const toMain = FULL.groups.map((g) => MAIN.groups.indexOf(g));
  const fixed = full.table.cells.map((_, c) => {
    const m = toMain[c % FULL.width];
    return m < 0 ? undefined : mainDecisions[Math.floor(c / FULL.width) * MAIN.width + m];
  });
  return unitsOf(full.units, disclose({ ...full.table, fixed }), FULL, highestAmong);
}

function unitsOf(units: [string, GroupTally[]][], decisions: Decision[], layout: Layout, highestAmong?: (g: Group) => boolean): Map<string, PublishedUnit> {
  const W = layout.width;
  return new Map(
    units.map(([id, tallies], u) => {
      const mine = decisions.slice(u * W, (u + 1) * W);
      return [id, { tallies, decisions: mine, rows: unitRows(tallies, mine, layout.groups, highestAmong) }];
    }),
  );
}

/**
 * A unit's rows (equity.ts equityRows), kept with its tallies: a school a write did not touch has
 * the same tallies (talliesOf) and, unless the whole table hid more of it, the same decision
 * objects (disclosure.ts keeps a unit's decisions), and its rows are not made again (~40 ms of the
 * city's district summary with its trend after a write). Read only, as every published row is.
 */
function unitRows(tallies: GroupTally[], decisions: Decision[], groups: readonly Group[], highestAmong?: (g: Group) => boolean): EquityRow[] {
  const kept = keptRows.get(tallies);
  if (kept && kept.groups === groups && kept.highestAmong === highestAmong && kept.decisions.length === decisions.length && kept.decisions.every((d, i) => d === decisions[i]))
    return kept.rows;
  const rows = equityRows(tallies, decisions, groups, highestAmong);
  keptRows.set(tallies, { decisions, groups, highestAmong, rows });
  return rows;
}
const keptRows = new WeakMap<GroupTally[], { decisions: Decision[]; groups: readonly Group[]; highestAmong?: (g: Group) => boolean; rows: EquityRow[] }>();

/**
 * Decides a figure whose groups are the same students as another figure already published: access
 * to a program (access.ts) and the dropout rate both count the October 1 roll in grades 9–12 with
 * that year's flags, so a group's size is the same in both. Decided apart, they could hide different
 * partners beside a small group, and the two together would give its size away. So the table holds
 * the published figure whole — every cell, sum and decision of `base` (kept: `fixed`) — and this
 * figure's cells, each tied to the same group of `base` by size and denominator (`numerators: 0`),
 * and a group `base` hides is hidden here too. What the two show together is what the attack checked.
 * Every group, race × gender included (FULL_LAYOUT); `base.decided`: the base figure's units as its
 * view shows them (with intersections).
 */
export function publishBeside(
  bySchool: ReadonlyMap<string, readonly Cell[]>,
  base: { bySchool: ReadonlyMap<string, readonly Cell[]>; decided: Map<string, PublishedUnit> },
  district: boolean,
  highestAmong?: (g: Group) => boolean,
): Map<string, PublishedUnit> {
  const { table, units, offset } = besideTable(bySchool, base, district);
  // The tie is an equation: it must be true. The two figures' rows are two statements, cached
  // apart; a roll written between them gives two sizes for one group. Then nothing of this figure
  // is shown (the next request after the write reads both again).
  const agree = table.cells.slice(offset).every((c, i) => c.size === table.cells[i].size && c.denominator === table.cells[i].denominator);
  const decisions = agree ? disclose(table).slice(offset) : table.cells.slice(offset).map((): Decision => ({ state: "suppressed" }));
  return unitsOf(units, decisions, FULL, highestAmong);
}

/** publishBeside's table: the base figure's cells (decided, `fixed`) then this figure's from `offset`, and the units of this figure. */
export function besideTable(
  bySchool: ReadonlyMap<string, readonly Cell[]>,
  base: { bySchool: ReadonlyMap<string, readonly Cell[]>; decided: Map<string, PublishedUnit> },
  district: boolean,
): { table: DisclosureTable; units: [string, GroupTally[]][]; offset: number } {
  const ids = [...new Set([...base.bySchool.keys(), ...bySchool.keys()])];
  const align = (m: ReadonlyMap<string, readonly Cell[]>) => new Map(ids.map((id) => [id, m.get(id) ?? []]));
  const b = unitsTable(align(base.bySchool), district, true, FULL);
  const a = unitsTable(align(bySchool), district, true, FULL);
  const N = b.table.cells.length;
  const hidden: Decision = { state: "suppressed" };
  const kept = b.units.flatMap(([id]) => base.decided.get(id)?.decisions ?? FULL.groups.map(() => hidden));
  const cells = [...b.table.cells, ...a.table.cells.map((c) => shifted(c, N))];
  const relations = besideSums(b.table.relations, a.table.relations, N, a.table.cells.length);
  const fixed = [...kept, ...a.table.cells.map((_, i) => (kept[i].state === "suppressed" ? hidden : undefined))];
  return { table: { cells, relations, denominatorIsStudents: true, fixed }, units: a.units, offset: N };
}

/**
 * besideTable's sums: the base figure's, this figure's moved by `offset`, and each of this figure's
 * cells tied to the base's (`numerators: 0`). They follow from the two tables' sums (sumsOf's, kept
 * and frozen: one array for both) and the offset alone, so they are made once and kept, frozen, as
 * sumsOf's: the disclosure policy keeps what it works out of a table (its units, lists and
 * digests, and the tables it decided last) by its frozen sums. Made for each of a read's tables,
 * the city's equity page worked all of that out again for every table after a write.
 */
function besideSums(base: readonly DisclosureRelation[], mine: readonly DisclosureRelation[], offset: number, cells: number): DisclosureRelation[] {
  const kept = keptBeside.get(base);
  if (kept && kept.mine === mine && kept.offset === offset && kept.cells === cells) return kept.relations;
  const relations: DisclosureRelation[] = [
    ...base,
    ...mine.map((r) => ({ ...r, parent: r.parent + offset, children: r.children.map((c) => c + offset) })),
    ...Array.from({ length: cells }, (_, i) => ({ parent: offset + i, children: [i], numerators: 0 })),
  ];
  // (Only frozen sums give kept ones: a caller's own array may change.)
  if (!Object.isFrozen(base) || !Object.isFrozen(mine)) return relations;
  for (const r of relations) {
    Object.freeze(r.children);
    Object.freeze(r);
  }
  Object.freeze(relations);
  keptBeside.set(base, { mine, offset, cells, relations });
  return relations;
}
const keptBeside = new WeakMap<readonly DisclosureRelation[], { mine: readonly DisclosureRelation[]; offset: number; cells: number; relations: DisclosureRelation[] }>();

/** A cell moved by `offset` in besideTable (its total's place), kept with the cell: the same object for a kept cell (unitCells). */
function shifted(c: DisclosureCell, offset: number): DisclosureCell {
  if (c.within === undefined) return c;
  const kept = keptShifted.get(c);
  if (kept?.offset === offset) return kept.cell;
  const cell = disclosureCell({ ...c, within: c.within + offset });
  keptShifted.set(c, { offset, cell });
  return cell;
}
const keptShifted = new WeakMap<DisclosureCell, { offset: number; cell: DisclosureCell }>();
