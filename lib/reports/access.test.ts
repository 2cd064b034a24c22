import { describe, expect, it } from "vitest";
import { accessPeriod, accessRows, furthestGaps, gapTrends, representationIndex } from "./access";
import { equityRows, groupTallies, type Cell, type EquityRow } from "./equity";
import { GROUPS, type Demographics } from "./groups";
import { DISTRICT, FULL_LAYOUT, MAIN_GROUPS, besideTable, publishBeside, publishUnits, unitsTable } from "./published";
import { audit, decide, disclose, type DisclosureTable } from "./disclosure";
import { accessPublication, type Cubes } from "./figures";
import type { AccessCube, DropoutCube } from "./sql";

const person = (over: Partial<Demographics> = {}): Demographics => ({
  raceEthnicity: "HISPANIC_LATINO",
  gender: "FEMALE",
  specialEducation: false,
  englishLearner: false,
  lowIncome: false,
  ...over,
});

describe("representation index (DEFINITIONS.md §7, hand-computed)", () => {
  it("is share of enrolled ÷ share of students", () => {
    // 100 students, 40 in the group; 20 enrolled, 4 of them in the group: 20% ÷ 40% = 0.50.
    expect(representationIndex({ students: 40, enrolled: 4 }, { students: 100, enrolled: 20 })).toBe(0.5);
    // In proportion: 30 of 100 students, 6 of 20 enrolled.
    expect(representationIndex({ students: 30, enrolled: 6 }, { students: 100, enrolled: 20 })).toBe(1);
    // Over-represented: 10 of 200 students, 9 of 60 enrolled: 15% ÷ 5% = 3.00.
    expect(representationIndex({ students: 10, enrolled: 9 }, { students: 200, enrolled: 60 })).toBe(3);
    // 2 decimals, from the counts: (7/33) ÷ (50/120) = 0.50909… → 0.51.
    expect(representationIndex({ students: 50, enrolled: 7 }, { students: 120, enrolled: 33 })).toBe(0.51);
    // No one enrolled, or an empty group: no index.
    expect(representationIndex({ students: 40, enrolled: 0 }, { students: 100, enrolled: 0 })).toBeNull();
    expect(representationIndex({ students: 0, enrolled: 0 }, { students: 100, enrolled: 20 })).toBeNull();
  });

  it("adds shares, index and the gap to the group with most access to the equity rows", () => {
    // 100 students: 40 Black males (4 in AP), 60 Hispanic females (16 in AP).
    const cells: Cell[] = [
      { ...person({ raceEthnicity: "BLACK_AFRICAN_AMERICAN", gender: "MALE" }), numerator: 4, denominator: 40 },
      { ...person(), numerator: 16, denominator: 60 },
    ];
    const tallies = groupTallies(cells);
    const shownAll = tallies.map(() => ({ state: "shown" as const, coded: [null] }));
    const rows = accessRows(equityRows(tallies, shownAll, GROUPS, () => true));
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.all).toMatchObject({ value: 20, n: 100, numerator: 20, index: 1, shareOfStudents: 100, shareOfEnrolled: 100 });
    const bm = byKey["raceGender:BLACK_AFRICAN_AMERICAN:MALE"];
    expect(bm).toMatchObject({ value: 10, n: 40, numerator: 4, shareOfStudents: 40, shareOfEnrolled: 20, index: 0.5, gapToAll: -10 });
    // The group with most access: 16 of 60 = 26.67 per 100 (Hispanic, female, Hispanic female, not flagged…).
    expect(bm.gapToHighest).toBe(-16.7);
    const hf = byKey["raceGender:HISPANIC_LATINO:FEMALE"];
    expect(hf).toMatchObject({ value: 26.7, index: 1.33, gapToAll: 6.7, gapToHighest: 0 });
    // A flag group's comparison is its complement: nobody is low income here.
    expect(byKey.notLowIncome).toMatchObject({ comparison: "Low income", value: 20 });
    expect(byKey.lowIncome).toMatchObject({ n: 0, comparison: "Not low income" });
  });

  it("gives a hidden or coded group no shares and no index", () => {
    const cells: Cell[] = [
      { ...person({ gender: "MALE" }), numerator: 1, denominator: 40 },
      { ...person(), numerator: 16, denominator: 60 },
    ];
    const tallies = groupTallies(cells);
    const decisions = tallies.map((t, i) =>
      GROUPS[i].key === "gender:MALE" ? { state: "shown" as const, coded: [{ op: "≤" as const, bound: 2.5 }] } : { state: "shown" as const, coded: [null] },
    );
    const male = accessRows(equityRows(tallies, decisions, GROUPS, () => true)).find((r) => r.key === "gender:MALE")!;
    expect(male).toMatchObject({ value: null, coded: { op: "≤", bound: 2.5 }, shareOfStudents: null, shareOfEnrolled: null, index: null });
  });

  it("is final once June 30 after the year has passed", () => {
    expect(accessPeriod(2024, "2025-06-30")).toEqual({ final: false, closesOn: "2025-06-30" });
    expect(accessPeriod(2024, "2025-07-01")).toEqual({ final: true, closesOn: "2025-06-30" });
  });
});

describe("gap trends (DEFINITIONS.md §7)", () => {
  const row = (key: string, gapToAll: number | null): EquityRow =>
    ({
      key,
      label: key,
      dimension: "race",
      gapToAll,
      n: null,
      denominator: null,
      numerator: null,
      value: null,
      coded: null,
      gapToHighest: null,
      gapToComparison: null,
      comparison: null,
      suppression: "none",
    }) as EquityRow;
  const years = (...gaps: (number | null)[][]) => gaps[0].map((_, y) => [row("all", null), ...gaps.map((g, i) => row(`g${i}`, g[y]))]);

  it("calls a gap closing, widening or about the same from the first and last year shown", () => {
    const t = gapTrends(
      years(
        [-12.0, -10.5, null, -9.0, -11.0], // size 12 → 11: 1 point smaller, closing
        [-3.0, -3.5, -4.0, -3.9, -3.9], // 3 → 3.9: about the same
        [2.0, null, null, null, -3.5], // size 2 → 3.5: widening (the sign does not matter)
        [null, null, null, null, 5.0], // one year: too few
        [8.0, 7.5, 7.2, 7.1, 7.01], // 8 → 7.01: −0.99, which reads −1.0: the verdict follows the change as shown
      ),
    );
    expect(t.map((x) => [x.key, x.change, x.verdict])).toEqual([
      ["g0", -1, "closing"],
      ["g1", 0.9, "about the same"],
      ["g2", 1.5, "widening"],
      ["g3", null, "too few years"],
      ["g4", -1, "closing"],
    ]);
    // A year that is not final is shown but does not decide: g1's last final year is −3.9 (2024), g2 has one.
    const open = gapTrends(years([-12.0, -10.5, null, -9.0, -11.0], [-3.0, -3.5, -4.0, -3.9, -1.0], [2.0, null, null, null, -3.5]), [true, true, true, true, false]);
    expect(open.map((x) => [x.key, x.change, x.verdict])).toEqual([
      ["g0", -3, "closing"],
      ["g1", 0.9, "about the same"],
      ["g2", null, "too few years"],
    ]);
    expect(open[1].gaps).toEqual([-3.0, -3.5, -4.0, -3.9, -1.0]);
    // The chart's groups: furthest from all students in their latest year shown (g0 11.0, g4 7.01, g1 3.9; g2 3.5 left out).
    expect(furthestGaps(t, 3).map((x) => x.key)).toEqual(["g0", "g4", "g1"]);
  });
});

describe("race × gender suppression (published.ts, hand-built)", () => {
  // One school: 30 Hispanic females, 30 Hispanic males, 3 Hispanic non-binary students; 20 Black
  // males and 20 Black females. The non-binary group is small: its race's row then needs one more
  // hidden intersection (Hispanic = F + M + NB), and the attack finds nothing left to work out.
  const cells: Cell[] = [
    { ...person(), numerator: 10, denominator: 30 },
    { ...person({ gender: "MALE" }), numerator: 12, denominator: 30 },
    { ...person({ gender: "NON_BINARY" }), numerator: 1, denominator: 3 },
    { ...person({ raceEthnicity: "BLACK_AFRICAN_AMERICAN", gender: "MALE" }), numerator: 5, denominator: 20 },
    { ...person({ raceEthnicity: "BLACK_AFRICAN_AMERICAN" }), numerator: 8, denominator: 20 },
  ];

  it("hides the small intersection and one beside it, shows the rest, and leaves the summaries' groups as they were", () => {
    const main = publishUnits(new Map([["s", cells]]), false, true).get("s")!;
    const full = publishUnits(new Map([["s", cells]]), false, true, true).get("s")!;
    expect(main.rows.map((r) => r.key)).toEqual(MAIN_GROUPS.map((g) => g.key));
    expect(full.rows.map((r) => r.key)).toEqual(GROUPS.map((g) => g.key));
    const shown = (rows: EquityRow[]) => Object.fromEntries(rows.map((r) => [r.key, r.suppression === "suppressed" ? "—" : r.value]));
    const m = shown(main.rows);
    const f = shown(full.rows);
    // The summaries' groups read the same on both.
    for (const g of MAIN_GROUPS) expect({ g: g.key, v: f[g.key] }).toEqual({ g: g.key, v: m[g.key] });
    expect(f["raceGender:HISPANIC_LATINO:NON_BINARY"]).toBe("—");
    const hispanic = ["FEMALE", "MALE"].map((g) => f[`raceGender:HISPANIC_LATINO:${g}`]);
    expect(hispanic.filter((v) => v === "—")).toHaveLength(1);
    // Black: no small intersection, both shown (an empty non-binary group protects nothing).
    expect(f["raceGender:BLACK_AFRICAN_AMERICAN:MALE"]).toBe(25);
    expect(f["raceGender:BLACK_AFRICAN_AMERICAN:FEMALE"]).toBe(40);
  });

  it("leaves nothing to work out in the district view either (the attack of disclosure-audit.ts)", () => {
    const other: Cell[] = [
      { ...person({ gender: "MALE" }), numerator: 7, denominator: 25 },
      { ...person({ raceEthnicity: "WHITE", gender: "NON_BINARY" }), numerator: 0, denominator: 2 },
      { ...person({ raceEthnicity: "WHITE" }), numerator: 3, denominator: 18 },
    ];
    const by = new Map([
      ["a", cells],
      ["b", other],
    ]);
    const published = publishUnits(by, true, true, true);
    // The viewer's whole table (every unit, every group, every sum) under the decisions made.
    const { table, units } = unitsTable(by, true, true, FULL_LAYOUT);
    const decisions = units.flatMap(([id]) => published.get(id)!.decisions);
    expect(decisions).toHaveLength(table.cells.length);
    expect(audit(table, decisions)).toEqual([]);
    // Every unit lists every group; the district's Black male row is shown (school a's 20, school b's none).
    expect(published.get("district")!.rows.find((r) => r.key === "raceGender:BLACK_AFRICAN_AMERICAN:MALE")!.value).toBe(25);
    // School b's small White non-binary group is hidden, and the White row is protected with it.
    const b = Object.fromEntries(published.get("b")!.rows.map((r) => [r.key, r.suppression]));
    expect(b["raceGender:WHITE:NON_BINARY"]).toBe("suppressed");
    expect(b["raceGender:WHITE:FEMALE"]).toBe("suppressed");
  });
});

describe("access decided beside the dropout rate (published.ts publishBeside)", () => {
  // Found by review: one school's roll of 100 — White 80, Hispanic 9, Black 8, Asian 3. Decided
  // apart, advanced placement (Hispanic 1 enrolled: coded) hid Asian and Hispanic and showed Black's
  // 8, credit recovery (Black 0: coded) hid Asian and Black and showed Hispanic's 9: together,
  // Asian = 100 − 80 − 9 − 8 = 3.
  const race = (r: Demographics["raceEthnicity"], students: number, numerator: number): Cell => ({ ...person({ raceEthnicity: r }), numerator, denominator: students });
  const roll = (n: [number, number, number, number]) => [
    race("WHITE", 80, n[0]),
    race("HISPANIC_LATINO", 9, n[1]),
    race("BLACK_AFRICAN_AMERICAN", 8, n[2]),
    race("ASIAN", 3, n[3]),
  ];
  const dropout = new Map([["s", roll([3, 2, 2, 0])]]);
  const ap = new Map([["s", roll([20, 1, 3, 1])]]);
  const cr = new Map([["s", roll([10, 3, 0, 1])]]);
  const base = { bySchool: dropout, decided: publishUnits(dropout, false, true, true) };
  const sizes = (rows: EquityRow[]) => new Set(rows.filter((r) => r.n != null).map((r) => r.key));

  it("reproduces the leak when decided apart", () => {
    const apart = [ap, cr].map((m) => sizes(publishUnits(m, false, true, true).get("s")!.rows));
    const known = new Set([...apart[0], ...apart[1]]);
    // White, Hispanic and Black sizes all shown somewhere: Asian's 3 follows from the total.
    expect(["race:WHITE", "race:HISPANIC_LATINO", "race:BLACK_AFRICAN_AMERICAN"].every((k) => known.has(k))).toBe(true);
  });

  it("shows no size the dropout rate hides, and leaves nothing to work out", () => {
    const shownByDropout = sizes(base.decided.get("s")!.rows);
    const known = new Set<string>();
    for (const m of [ap, cr]) {
      const rows = publishBeside(m, base, false, () => true).get("s")!.rows;
      for (const k of sizes(rows)) {
        expect({ k, inDropout: shownByDropout.has(k) }).toEqual({ k, inDropout: true });
        known.add(k);
      }
      const { table, offset } = besideTable(m, base, false);
      const decisions = [...table.fixed!.slice(0, offset).map((d) => d!), ...publishBeside(m, base, false).get("s")!.decisions];
      expect(audit(table, decisions)).toEqual([]);
    }
    // Asian's size is nowhere, and not all three others are either.
    expect(known.has("race:ASIAN")).toBe(false);
    expect(["race:WHITE", "race:HISPANIC_LATINO", "race:BLACK_AFRICAN_AMERICAN"].every((k) => known.has(k) || shownByDropout.has(k))).toBe(false);
  });

  it("shows nothing when the two figures' sizes disagree (rows read apart, a roll written between)", () => {
    const skewed = new Map([["s", roll([20, 1, 3, 1]).map((c, i) => (i === 1 ? { ...c, denominator: 10 } : c))]]);
    const rows = publishBeside(skewed, base, false).get("s")!.rows;
    expect(rows.every((r) => r.suppression === "suppressed")).toBe(true);
  });

  it("keeps the district table's sums and an unchanged school's cells; decides as a table made anew", () => {
    // Schools of the district; after a write to school "a" (its White students in the figure: 20
    // of 80, then 1, coded) its cells are new, the other schools' the same objects (figures.ts cellAt).
    const dropoutB = roll([3, 2, 2, 0]);
    const accessB = roll([20, 1, 3, 1]);
    const district = (a: number, more: [string, Cell[], Cell[]][] = []) => {
      const drop = new Map([["a", roll([3, 2, 2, 0])], ["b", dropoutB], ...more.map(([id, d]): [string, Cell[]] => [id, d])]);
      const access = new Map([["a", roll([a, 1, 3, 1])], ["b", accessB], ...more.map(([id, , x]): [string, Cell[]] => [id, x])]);
      return { drop, access, base: { bySchool: drop, decided: publishUnits(drop, true, true, true) } };
    };
    // The same table from cells of its own (nothing kept by them: copies of every cell).
    const anew = (x: ReturnType<typeof district>) => {
      const copy = (m: Map<string, Cell[]>) => new Map([...m].map(([id, cs]) => [id, cs.map((c) => ({ ...c }))]));
      return besideTable(copy(x.access), { bySchool: copy(x.drop), decided: x.base.decided }, true);
    };
    // Decided with nothing kept: the sums and cells copied, every block solved anew.
    const fresh = (t: DisclosureTable) =>
      decide(
        { ...t, cells: t.cells.map((c) => ({ ...c })), relations: t.relations.map((r) => ({ ...r, children: [...r.children] })), fixed: t.fixed?.slice() },
        { search: "hinted", fresh: true },
      );
    const first = district(20);
    const second = district(1);
    const t1 = besideTable(first.access, first.base, true);
    const d1 = disclose(t1.table);
    const t2 = besideTable(second.access, second.base, true);
    // One frozen array of sums for both tables: the base's, this figure's moved by the offset, and
    // each of this figure's cells tied to the base's cell at its place.
    expect(t2.table.relations).toBe(t1.table.relations);
    expect(Object.isFrozen(t1.table.relations)).toBe(true);
    const n = t1.offset;
    const ties = t1.table.relations.filter((r) => r.numerators === 0);
    expect(ties).toHaveLength(n);
    expect(ties.every((r, i) => r.parent === n + i && r.children.length === 1 && r.children[0] === i)).toBe(true);
    const own = unitsTable(first.access, true, true, FULL_LAYOUT).table.relations;
    expect(t1.table.relations).toHaveLength(2 * own.length + n);
    expect(t1.table.relations.slice(own.length, 2 * own.length)).toEqual(own.map((r) => ({ ...r, parent: r.parent + n, children: r.children.map((c) => c + n) })));
    // School "b" comes second (units in id order): its cells, base and moved, are the same objects;
    // every cell reads as the one made from copies.
    const W = FULL_LAYOUT.width;
    for (const at of [W, n + W]) for (let g = 0; g < W; g++) expect(t2.table.cells[at + g]).toBe(t1.table.cells[at + g]);
    expect(t1.table.cells[n + W + 1].within).toBe(n + W);
    expect(t2.table.cells).toEqual(anew(second).table.cells);
    // The write changed a decision, and each table is decided as with nothing kept.
    const d2 = disclose(t2.table);
    expect(d2).not.toEqual(d1);
    expect(d1).toEqual(fresh(t1.table));
    expect(d2).toEqual(fresh(t2.table));
    expect(audit(t2.table, d2)).toEqual([]);
    // A school added before "b" moves it: its kept cells are not taken at their old place.
    const third = district(1, [["a0", roll([1, 1, 0, 0]), roll([10, 2, 2, 0])]]);
    const t3 = besideTable(third.access, third.base, true);
    expect(t3.table.cells[n + W + W + 1]).not.toBe(t2.table.cells[n + W + 1]);
    expect(t3.table.cells).toEqual(anew(third).table.cells);
    expect(disclose(t3.table)).toEqual(fresh(t3.table));
  });
});

describe("a group with a dropout and nobody on the roll (found by review)", () => {
  // The dropout rate counts a dropout at the school where it happened, the roll at the school of
  // October 1: one school's American Indian group has nobody on its roll and 1 dropout. With White
  // (3 of 80) and Hispanic (2 of 20) shown and the total 6 of 100, the group read "—" and its
  // 1 = 6 − 3 − 2 followed. It is not empty: it is small, and one more group is hidden beside it.
  const cells: Cell[] = [
    { ...person({ raceEthnicity: "WHITE" }), numerator: 3, denominator: 80 },
    { ...person(), numerator: 2, denominator: 20 },
    { ...person({ raceEthnicity: "AMERICAN_INDIAN_ALASKA_NATIVE" }), numerator: 1, denominator: 0 },
  ];

  it("hides another race beside it, and the attack finds nothing to work out", () => {
    const by = new Map([["s", cells]]);
    const unit = publishUnits(by, false, true).get("s")!;
    const state = Object.fromEntries(unit.rows.map((r) => [r.key, r.suppression]));
    expect(state["race:AMERICAN_INDIAN_ALASKA_NATIVE"]).toBe("suppressed");
    expect([state["race:WHITE"], state["race:HISPANIC_LATINO"]]).toContain("suppressed");
    const { table } = unitsTable(by, false, true);
    expect(audit(table, unit.decisions)).toEqual([]);
  });
});

describe("an access figure's year kept by its content (figures.ts accessPublication)", () => {
  const key = { year: 2024, raceEthnicity: "HISPANIC_LATINO", gender: "FEMALE", specialEducation: false, englishLearner: false, lowIncome: false } as const;
  const rows = (ap: number): { access: AccessCube[]; dropout: DropoutCube[] } => ({
    access: [
      { ...key, schoolId: "a", students: 40, creditRecovery: 3, originalCredit: 2, advancedPlacement: ap },
      { ...key, schoolId: "a", raceEthnicity: "ASIAN", students: 3, creditRecovery: 0, originalCredit: 0, advancedPlacement: 1 },
      { ...key, schoolId: "b", students: 50, creditRecovery: 4, originalCredit: 1, advancedPlacement: 9 },
    ],
    dropout: [
      { ...key, schoolId: "a", october1: 40, dropouts: 2 },
      { ...key, schoolId: "a", raceEthnicity: "ASIAN", october1: 3, dropouts: 0 },
      { ...key, schoolId: "b", october1: 50, dropouts: 3 },
    ],
  });
  const cubesOf = (dropout: DropoutCube[]): Cubes => ({ acgr: [], completers: [], program: [], dropout });
  it("the same counts read again (new rows, as after a write elsewhere) publish as before; changed counts as from scratch", () => {
    const first = rows(12);
    const before = accessPublication(first.access, cubesOf(first.dropout), "advancedPlacement", 2024, "district");
    const again = rows(12);
    expect(accessPublication(again.access, cubesOf(again.dropout), "advancedPlacement", 2024, "district")).toBe(before);
    const changed = rows(13);
    const after = accessPublication(changed.access, cubesOf(changed.dropout), "advancedPlacement", 2024, "district");
    expect(after).not.toBe(before);
    const cells = (r: AccessCube[]) => {
      const m = new Map<string, Cell[]>();
      for (const x of r) m.set(x.schoolId, [...(m.get(x.schoolId) ?? []), { ...x, numerator: x.advancedPlacement, denominator: x.students }]);
      return m;
    };
    const dropoutCells = new Map<string, Cell[]>();
    for (const x of changed.dropout) dropoutCells.set(x.schoolId, [...(dropoutCells.get(x.schoolId) ?? []), { ...x, numerator: x.dropouts, denominator: x.october1 }]);
    const fresh = publishBeside(cells(changed.access), { bySchool: dropoutCells, decided: publishUnits(dropoutCells, true, true, true) }, true, () => true);
    expect(after.get(DISTRICT)!.rows).toEqual(fresh.get(DISTRICT)!.rows);
    expect(after.get("a")!.rows).toEqual(fresh.get("a")!.rows);
    // Another access figure beside the same dropout publication is its own.
    expect(accessPublication(changed.access, cubesOf(changed.dropout), "creditRecovery", 2024, "district")).not.toBe(after);
  });
});
