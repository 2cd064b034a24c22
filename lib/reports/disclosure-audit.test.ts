import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attacker, fixedColumns, solvedBudget } from "./disclosure-audit";
import { coding, decide, isSmall, type Decision, type DisclosureCell, type DisclosureTable } from "./disclosure";

// The attacker keeps its answers between calls and attacks again only the components a decision
// touched (disclosure-audit.ts): after any sequence of decisions it must answer as a fresh attack of
// the same decisions does, and a tried suppression must answer as if it had been made.

/** Schools with a total and three groups that add up to it, and the district as their sum. */
function tableOf(schools: { size: number; k: number }[][]): DisclosureTable {
  const cells: DisclosureCell[] = [];
  const relations: DisclosureTable["relations"] = [];
  const units = [...schools, schools[0].map((_, g) => schools.reduce((a, s) => ({ size: a.size + s[g].size, k: a.k + s[g].k }), { size: 0, k: 0 }))];
  units.forEach((groups) => {
    const base = cells.length;
    const total = groups.reduce((a, g) => ({ size: a.size + g.size, k: a.k + g.k }), { size: 0, k: 0 });
    for (const g of [total, ...groups]) cells.push({ size: g.size, denominator: g.size, numerators: [g.k], publish: true, within: g === total ? undefined : base });
    relations.push({ parent: base, children: groups.map((_, g) => base + 1 + g) });
  });
  const width = schools[0].length + 1;
  const d = schools.length * width;
  for (let i = 0; i < width; i++) relations.push({ parent: d + i, children: schools.map((_, s) => s * width + i) });
  return { cells, relations, denominatorIsStudents: true };
}

const group = fc.integer({ min: 0, max: 12 }).chain((size) => fc.record({ size: fc.constant(size), k: fc.integer({ min: 0, max: size }) }));
const schoolsArb = fc.integer({ min: 1, max: 4 }).chain((s) => fc.array(fc.array(group, { minLength: 3, maxLength: 3 }), { minLength: s, maxLength: s }));

const shown = (c: DisclosureCell): Decision => ({ state: "shown", coded: c.numerators.map((k) => coding(k, c.denominator)) });
/** A fresh attack: its own attacker, solving every block anew (none kept from earlier attacks). */
const fresh = (t: DisclosureTable, d: Decision[]) => attacker(t, d, isSmall, { fresh: true }).leaks();

describe("attacker: incremental answers equal a fresh attack", () => {
  it("after each further suppression, and for a tried one", () => {
    fc.assert(
      fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (schools, picks) => {
        const t = tableOf(schools);
        const d: Decision[] = t.cells.map((c) => (c.size === 0 || isSmall(c) ? { state: "suppressed" } : shown(c)));
        const att = attacker(t, d, isSmall);
        expect(att.leaks()).toEqual(fresh(t, d));
        for (const p of picks) {
          const j = p % t.cells.length;
          for (const i of att.leaks()) {
            const tried = [...d];
            tried[j] = { state: "suppressed" };
            expect(att.leaksIf(i, j, { state: "suppressed" })).toBe(fresh(t, tried).includes(i));
          }
          d[j] = { state: "suppressed" };
          att.decide(j, d[j]);
          expect(att.leaks()).toEqual(fresh(t, d));
        }
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it("blocks solved for earlier tables of the same shape, kept or evicted, give the fresh answers", () => {
    // Tables decided one after another share the blocks solved for tables of their shape (the same
    // schools and groups, other counts: disclosure-audit.ts solvedFor), and never another shape's;
    // with a limit small enough that shapes and blocks are dropped between and during decisions,
    // the decisions stay those of attackers that keep nothing.
    const last = solvedBudget(300);
    try {
      fc.assert(
        fc.property(fc.array(schoolsArb, { minLength: 2, maxLength: 5 }), (districts) => {
          for (const schools of [...districts, ...districts.map((s) => s.map((g) => [...g].reverse()))]) {
            const t = tableOf(schools);
            expect(decide(t, { search: "doubling" })).toEqual(decide(t, { search: "doubling", fresh: true }));
          }
        }),
        { numRuns: 200, seed: 14 },
      );
    } finally {
      solvedBudget(last);
    }
  });
});

// fixedColumns against the definition: column k is fixed when e_k is in the rows' span, that is
// when dropping column k lowers the matrix's rank (by one). Rank by dense elimination.
function rank(rows: number[][]): number {
  const m = rows.map((r) => [...r]);
  let r0 = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r0 < m.length; c++) {
    let p = r0;
    for (let r = r0; r < m.length; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    if (Math.abs(m[p][c]) < 1e-9) continue;
    [m[p], m[r0]] = [m[r0], m[p]];
    for (let r = 0; r < m.length; r++) {
      if (r === r0) continue;
      const f = m[r][c] / m[r0][c];
      for (let k = c; k < m[r].length; k++) m[r][k] -= f * m[r0][k];
    }
    r0++;
  }
  return r0;
}
const fixedByRank = (w: number, dense: number[][]): number[] => {
  const all = rank(dense);
  return Array.from({ length: w }, (_, k) => k).filter((k) => all - rank(dense.map((r) => r.filter((_, x) => x !== k))) === 1);
};
const denseOf = (w: number, rows: { cols: number[]; vals: number[] }[]) =>
  rows.map((r) => {
    const out = new Array<number>(w).fill(0);
    r.cols.forEach((k, j) => (out[k] += r.vals[j]));
    return out;
  });

describe("fixedColumns: the columns whose unit vector the rows span", () => {
  it("equals the rank test on sparse systems with small whole coefficients, empty rows included", () => {
    const system = fc.integer({ min: 1, max: 14 }).chain((w) =>
      fc.record({
        w: fc.constant(w),
        rows: fc.array(
          fc.array(fc.record({ k: fc.integer({ min: 0, max: w - 1 }), v: fc.constantFrom(1, -1, 1, -1, 2, -2, 3, -3) }), { minLength: 0, maxLength: Math.min(w, 6) }),
          {
            minLength: 0,
            maxLength: 16,
          },
        ),
      }),
    );
    fc.assert(
      fc.property(system, ({ w, rows }) => {
        const sparse = rows.map((r) => ({ cols: r.map((x) => x.k), vals: r.map((x) => x.v) }));
        expect(fixedColumns(w, sparse).sort((a, b) => a - b)).toEqual(fixedByRank(w, denseOf(w, sparse)));
      }),
      { numRuns: 400, seed: 29 },
    );
  });

  it("equals the rank test on schools' sums tied by the district's (long rows taken last)", () => {
    // Each school: 4 unknowns and a total row over some of them; each district row ties the same
    // unknown of every school.
    const schools = fc.array(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), { minLength: 2, maxLength: 9 });
    fc.assert(
      fc.property(schools, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 4 }), (inTotal, coupled) => {
        const w = 4 * inTotal.length;
        const rows: { cols: number[]; vals: number[] }[] = [];
        inTotal.forEach((flags, s) => {
          const cols = flags.flatMap((f, g) => (f ? [4 * s + g] : []));
          if (cols.length > 0) rows.push({ cols, vals: cols.map(() => 1) });
        });
        for (const g of coupled) rows.push({ cols: inTotal.map((_, s) => 4 * s + g), vals: inTotal.map(() => -1) });
        expect(fixedColumns(w, rows).sort((a, b) => a - b)).toEqual(fixedByRank(w, denseOf(w, rows)));
      }),
      { numRuns: 300, seed: 31 },
    );
  });

  it("fixes a school's unknown that the district's row isolates, and not one it does not", () => {
    // x0 + x1 = a (school 1), x2 + x3 = b (school 2), x0 + x2 = c (district), x2 = d (school 2's own, shown elsewhere)
    const rows = [
      { cols: [0, 1], vals: [1, 1] },
      { cols: [2, 3], vals: [1, 1] },
      { cols: [0, 2], vals: [1, 1] },
      { cols: [2], vals: [1] },
    ];
    expect(fixedColumns(4, rows).sort()).toEqual([0, 1, 2, 3]);
    expect(fixedColumns(4, rows.slice(0, 3))).toEqual([]);
  });
});
