import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameCell, sameDecision, structureDigest, tableDigest } from "./table-digest";
import type { Decision, DisclosureCell, DisclosureRelation, DisclosureTable } from "./disclosure";

// The digests key kept decisions (disclosure.ts) and kept equations (disclosure-audit.ts): two
// tables that differ anywhere a decision reads must never share one.

const full: DisclosureCell = {
  size: 12,
  denominator: 11,
  numerators: [3, 5, 2],
  publish: true,
  within: 0,
  parts: [[0, 1, 2]],
  together: [[0, 1]],
  sums: [{ of: 1, parts: [0, 2] }],
  derived: [2],
  unlisted: false,
};
const shownCoded: Decision = { state: "shown", coded: [{ op: "≤", bound: 9.1 }, null, null], hidden: [false, true, false] };
const base: DisclosureTable = {
  cells: [{ size: 40, denominator: 40, numerators: [9, 20, 11], publish: true }, full, { ...full, size: 28, denominator: 29, numerators: [6, 15, 8] }],
  relations: [
    { parent: 0, children: [1, 2] },
    { parent: 1, children: [2], sizeAdditive: false, numerators: 0 },
  ],
  denominatorIsStudents: true,
  fixed: [undefined, shownCoded, undefined],
};

const withCell = (i: number, c: Partial<DisclosureCell> & object, drop?: keyof DisclosureCell): DisclosureTable => {
  const next = { ...base.cells[i], ...c };
  if (drop) delete next[drop];
  return { ...base, cells: base.cells.map((x, k) => (k === i ? next : x)) };
};
const withRelation = (r: Partial<DisclosureRelation> & object, drop?: keyof DisclosureRelation): DisclosureTable => {
  const next = { ...base.relations[1], ...r };
  if (drop) delete next[drop];
  return { ...base, relations: [base.relations[0], next] };
};
const withFixed = (x: Decision | undefined): DisclosureTable => ({ ...base, fixed: [undefined, x, undefined] });

/** Each a single change to `base` that a decision can read. */
const variants: [string, DisclosureTable][] = [
  ["size", withCell(1, { size: 13 })],
  ["denominator", withCell(1, { denominator: 12 })],
  ["a count", withCell(1, { numerators: [3, 5, 3] })],
  ["one more count", withCell(1, { numerators: [3, 5, 2, 0] })],
  ["publish", withCell(1, { publish: false })],
  ["within", withCell(1, { within: 2 })],
  ["within absent", withCell(1, {}, "within")],
  ["parts", withCell(1, { parts: [[0, 1]] })],
  ["parts empty", withCell(1, { parts: [] })],
  ["parts absent", withCell(1, {}, "parts")],
  ["together", withCell(1, { together: [[1, 2]] })],
  ["together absent", withCell(1, {}, "together")],
  ["sums' total", withCell(1, { sums: [{ of: 2, parts: [0, 2] }] })],
  ["sums' parts", withCell(1, { sums: [{ of: 1, parts: [0] }] })],
  ["sums absent", withCell(1, {}, "sums")],
  ["derived", withCell(1, { derived: [1] })],
  ["derived absent", withCell(1, {}, "derived")],
  ["unlisted", withCell(1, { unlisted: true })],
  ["unlisted absent", withCell(1, {}, "unlisted")],
  ["one more cell", { ...base, cells: [...base.cells, { size: 0, denominator: 0, numerators: [0, 0, 0], publish: true }], fixed: [...base.fixed!, undefined] }],
  ["relation's parent", withRelation({ parent: 0 })],
  ["relation's children", withRelation({ children: [0] })],
  ["relation's children, order", { ...base, relations: [{ parent: 0, children: [2, 1] }, base.relations[1]] }],
  ["sizeAdditive", withRelation({ sizeAdditive: true })],
  ["sizeAdditive absent", withRelation({}, "sizeAdditive")],
  ["relation's numerators", withRelation({ numerators: 1 })],
  ["relation's numerators absent", withRelation({}, "numerators")],
  ["relations' order", { ...base, relations: [...base.relations].reverse() }],
  ["denominatorIsStudents", { ...base, denominatorIsStudents: false }],
  ["fixed absent", { ...base, fixed: undefined }],
  ["a fixed decision hidden", withFixed({ state: "suppressed" })],
  ["a fixed decision absent", withFixed(undefined)],
  ["a fixed coding's direction", withFixed({ ...shownCoded, coded: [{ op: "≥", bound: 9.1 }, null, null] })],
  ["a fixed coding's bound", withFixed({ ...shownCoded, coded: [{ op: "≤", bound: 9.2 }, null, null] })],
  ["a fixed coding gone", withFixed({ ...shownCoded, coded: [null, null, null] })],
  ["a fixed count hidden", withFixed({ ...shownCoded, hidden: [true, true, false] })],
  ["fixed hidden counts absent", withFixed({ state: "shown", coded: shownCoded.coded })],
];

describe("tableDigest", () => {
  it("differs for every single change a decision reads, and between any two of them", () => {
    const digests = [tableDigest(base), ...variants.map(([, t]) => tableDigest(t))];
    const names = ["base", ...variants.map(([n]) => n)];
    const seen = new Map<string, string>();
    for (const [k, d] of digests.entries()) {
      expect(seen.get(d), `${names[k]} shares its digest`).toBeUndefined();
      seen.set(d, names[k]);
    }
  });

  it("is the same for the same content in other objects", () => {
    const copy: DisclosureTable = {
      ...structuredClone({ ...base, fixed: undefined }),
      fixed: base.fixed!.map((x) => (x ? structuredClone(x) : undefined)),
    };
    expect(tableDigest(copy)).toBe(tableDigest(base));
  });

  // A unit's digest is written from the district's table without building the unit's own table
  // (disclosure.ts unitDecisions): it must be that table's digest.
  it("of a unit, written from the whole table, is the digest of the unit's table built alone", () => {
    const cell = fc.record({
      size: fc.integer({ min: 0, max: 30 }),
      numerators: fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 3 }),
      publish: fc.boolean(),
      unlisted: fc.option(fc.boolean(), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 6 }),
        fc.boolean(),
        (units, extra, withFixed) => {
          // Units laid out one after another, each a total (its first cell) with the rest within it.
          const cells: DisclosureCell[] = [];
          const parts: number[][] = [];
          for (const u of units) {
            const first = cells.length;
            parts.push(u.map((_, k) => first + k));
            u.forEach((c, k) => cells.push({ ...c, denominator: c.size, ...(k > 0 ? { within: first } : {}) }));
          }
          const relations: DisclosureRelation[] = parts.map((cs) => ({ parent: cs[0], children: cs.slice(1).length ? cs.slice(1) : [cs[0]] }));
          // Sums inside one unit and across two (the latter belong to no unit).
          for (const [a, b, c] of extra) {
            const pa = parts[a % parts.length];
            const pb = parts[b % parts.length];
            relations.push({ parent: pa[c % pa.length], children: [pb[(c + 1) % pb.length]], ...(c % 2 ? { sizeAdditive: false } : {}) });
          }
          const fixed = withFixed ? cells.map((_, i): Decision | undefined => (i % 3 === 1 ? { state: "suppressed" } : undefined)) : undefined;
          const t: DisclosureTable = { cells, relations, denominatorIsStudents: true, ...(fixed ? { fixed } : {}) };
          const at = new Int32Array(cells.length);
          const partOf = new Int32Array(cells.length);
          parts.forEach((cs, p) => cs.forEach((c, k) => ((at[c] = k), (partOf[c] = p))));
          parts.forEach((cs, p) => {
            const rs = relations.flatMap((r, ri) => (partOf[r.parent] === p && r.children.every((c) => partOf[c] === p) ? [ri] : []));
            const alone: DisclosureTable = {
              cells: cs.map((c) => (cells[c].within === undefined ? cells[c] : { ...cells[c], within: at[cells[c].within!] })),
              relations: rs.map((ri) => ({ ...relations[ri], parent: at[relations[ri].parent], children: relations[ri].children.map((c) => at[c]) })),
              denominatorIsStudents: true,
              ...(fixed ? { fixed: cs.map((c) => fixed[c]) } : {}),
            };
            expect(tableDigest(t, cs, rs, at)).toBe(tableDigest(alone));
          });
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });
});

// A whole table's cells are written 64 at a time, each chunk's digest kept by its first cell while
// it holds the same cells and fixed decisions (table-digest.ts chunkHash): after a write, a table
// that keeps most cell objects and changes some must get the digest of its content, as a copy of it
// in new objects does, and never the digest of the table before.
describe("tableDigest of a table that keeps most of another's cells", () => {
  it("is its content's: every single change in any chunk seen, the same content the same digest", () => {
    const cellArb = fc.record({ size: fc.integer({ min: 0, max: 30 }), numerators: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: 2 }) });
    fc.assert(
      fc.property(
        fc.array(cellArb, { minLength: 65, maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (drawn, changes, withFixed) => {
          const cells: DisclosureCell[] = drawn.map((c, i) => ({ ...c, denominator: c.size, publish: true, ...(i % 50 ? { within: i - (i % 50) } : {}) }));
          const relations: DisclosureRelation[] = [{ parent: 0, children: cells.slice(1, 50).map((_, k) => k + 1) }];
          const fixed = withFixed ? cells.map((_, i): Decision | undefined => (i % 7 === 3 ? { state: "suppressed" } : undefined)) : undefined;
          let t: DisclosureTable = { cells, relations, denominatorIsStudents: true, ...(fixed ? { fixed } : {}) };
          tableDigest(t); // its chunks kept
          for (const [at, kind] of changes) {
            const i = at % t.cells.length;
            const before = tableDigest(t);
            const c = t.cells[i];
            // A cell or a fixed decision in another object, with other content (kinds 0–3) or the same (4).
            const next: DisclosureTable =
              kind === 0
                ? { ...t, cells: t.cells.map((x, k) => (k === i ? { ...c, size: c.size + 1 } : x)) }
                : kind === 1
                  ? { ...t, cells: t.cells.map((x, k) => (k === i ? { ...c, numerators: [...c.numerators, 1] } : x)) }
                  : kind === 2
                    ? { ...t, cells: t.cells.map((x, k) => (k === i ? { ...c, unlisted: !c.unlisted } : x)) }
                    : kind === 3 && t.fixed
                      ? { ...t, fixed: t.fixed.map((x, k) => (k === i ? (x ? undefined : { state: "suppressed" }) : x)) }
                      : { ...t, cells: t.cells.map((x, k) => (k === i ? structuredClone(x) : x)), ...(t.fixed ? { fixed: t.fixed.map((x) => (x ? structuredClone(x) : x)) } : {}) };
            const alike = kind === 4 || (kind === 3 && !t.fixed);
            const digest = tableDigest(next);
            expect(digest).toBe(tableDigest(structuredClone(next)));
            if (alike) expect(digest).toBe(before);
            else expect(digest).not.toBe(before);
            t = next;
          }
        },
      ),
      { numRuns: 150, seed: 23 },
    );
  });
});

// A table met again is found by comparing its cells and fixed decisions before its digest is
// written (disclosure.ts `seen`): every change the digest sees in them must be a change there too.
describe("sameCell, sameDecision", () => {
  const cellOrFixedChanged = variants.filter(([, t]) => t.cells.length === base.cells.length && t.relations === base.relations && t.fixed && t.denominatorIsStudents);
  it("differ for every single change to a cell or a fixed decision that the digest sees", () => {
    expect(cellOrFixedChanged.length).toBe(26);
    for (const [name, t] of cellOrFixedChanged) {
      const same = t.cells.every((c, k) => sameCell(c, base.cells[k]) && sameDecision(t.fixed![k], base.fixed![k]));
      expect(same, name).toBe(false);
    }
  });
  it("are the same for the same content in other objects", () => {
    for (const c of base.cells) expect(sameCell(structuredClone(c), c)).toBe(true);
    const more: Decision[] = [{ state: "suppressed" }, { state: "shown", coded: [null] }];
    for (const x of [...base.fixed!, ...more]) expect(sameDecision(structuredClone(x), x)).toBe(true);
  });
});

describe("structureDigest", () => {
  it("ignores counts and differs for what the equations are built from", () => {
    const counts = withCell(1, { size: 99, denominator: 98, numerators: [1, 1, 1] });
    expect(structureDigest(counts, 3)).toBe(structureDigest(base, 3));
    for (const t of [
      withCell(1, { numerators: [3, 5, 2, 0] }),
      withCell(1, { parts: [[0, 1]] }),
      withCell(1, { sums: [{ of: 2, parts: [0, 2] }] }),
      withRelation({ sizeAdditive: true }),
      withRelation({ numerators: 1 }),
      withRelation({ children: [0] }),
    ])
      expect(structureDigest(t, 4)).not.toBe(structureDigest(base, 4));
    expect(structureDigest(base, 4)).not.toBe(structureDigest(base, 3));
  });

  it("kept for frozen relations: the digest their copy gives, and another for other relations", () => {
    const frozen = (t: DisclosureTable): DisclosureTable => ({ ...t, relations: Object.freeze(t.relations.map((r) => Object.freeze({ ...r }))) as DisclosureRelation[] });
    const kept = frozen(base);
    expect(structureDigest(kept, 3)).toBe(structureDigest(base, 3));
    expect(structureDigest(kept, 3)).toBe(structureDigest(kept, 3));
    // The same frozen relations, other cells' shapes or more counts: another digest.
    expect(structureDigest({ ...kept, cells: withCell(1, { numerators: [3, 5, 2, 0] }).cells }, 3)).not.toBe(structureDigest(kept, 3));
    expect(structureDigest({ ...kept, cells: withCell(1, { parts: [[0, 1]] }).cells }, 3)).not.toBe(structureDigest(kept, 3));
    // Kept by the cells' shapes (structureDigest): other counts in other objects read as kept, a
    // change to what the equations are built from does not, right after the kept one is read.
    for (const t of [withCell(1, { sums: [{ of: 2, parts: [0, 2] }] }), withCell(1, { sums: [{ of: 1, parts: [0] }] }), withCell(2, {}, "sums"), withCell(1, { parts: [] })]) {
      expect(structureDigest({ ...kept, cells: withCell(1, { size: 99, numerators: [1, 1, 1] }).cells }, 3)).toBe(structureDigest(base, 3));
      expect(structureDigest({ ...kept, cells: t.cells }, 3)).toBe(structureDigest(t, 3));
      expect(structureDigest({ ...kept, cells: t.cells }, 3)).not.toBe(structureDigest(base, 3));
    }
    expect(structureDigest(kept, 4)).not.toBe(structureDigest(kept, 3));
    for (const t of [withRelation({ sizeAdditive: true }), withRelation({ children: [0] })]) expect(structureDigest(frozen(t), 3)).not.toBe(structureDigest(kept, 3));
  });

  it("kept for each width of the same frozen relations (the quality view's tables of 1, 2 and 3 counts a cell)", () => {
    const kept = { ...base, relations: Object.freeze(base.relations.map((r) => Object.freeze({ ...r }))) as DisclosureRelation[] };
    for (let round = 0; round < 3; round++) {
      expect(structureDigest(kept, 4)).toBe(structureDigest(base, 4));
      expect(structureDigest(kept, 3)).toBe(structureDigest(base, 3));
    }
    // Another shape at one width is another digest there, and leaves the other width's.
    const other = withCell(1, { numerators: [3, 5, 2, 0] }).cells;
    expect(structureDigest({ ...kept, cells: other }, 4)).toBe(structureDigest({ ...base, cells: other }, 4));
    expect(structureDigest({ ...kept, cells: other }, 4)).not.toBe(structureDigest(base, 4));
    expect(structureDigest(kept, 3)).toBe(structureDigest(base, 3));
  });
});
