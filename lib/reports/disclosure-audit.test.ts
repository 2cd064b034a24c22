import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { attacker } from "./disclosure-audit";
import { coding, isSmall, type Decision, type DisclosureCell, type DisclosureTable } from "./disclosure";

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
const fresh = (t: DisclosureTable, d: Decision[]) => attacker(t, d, isSmall).leaks();

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
});
