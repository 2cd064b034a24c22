import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  attacker,
  equationsOf,
  fixedColumns,
  keepEquationsFrom,
  keepSystemsFrom,
  keepWholesFrom,
  keptEquations,
  nearLooked,
  peels,
  nearParts,
  poolBytes,
  pooledWorking,
  solvedBudget,
  systemsTaken,
  warmStarts,
  warmStartsFrom,
  wholesTaken,
} from "./disclosure-audit";
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

/**
 * One attacker asked about every cell after each of `picks`' suppressions — leaksIf, leaksIfAll of
 * two cells hidden at once, leaksAt, then the suppression made — answers as fresh attacks do.
 */
function triedAnswersAreFresh(schools: { size: number; k: number }[][], picks: number[], many: number) {
  const t = tableOf(schools);
  const n = t.cells.length;
  const d: Decision[] = t.cells.map((c) => (c.size === 0 || isSmall(c) ? { state: "suppressed" } : shown(c)));
  const att = attacker(t, d, isSmall);
  att.leaks();
  for (const p of picks) {
    const j = p % n;
    const tried = [...d];
    tried[j] = { state: "suppressed" };
    const want = fresh(t, tried);
    for (let i = 0; i < n; i++) expect(att.leaksIf(i, j, { state: "suppressed" })).toBe(want.includes(i));
    // Several cells hidden at once, asked about the first numerator of each cell.
    const js = [j, (j + 1 + (many % n)) % n];
    const all = [...d];
    for (const x of js) all[x] = { state: "suppressed" };
    const wantAll = attacker(t, all, isSmall, { fresh: true });
    wantAll.leaks();
    // (leakingCount names the size first: whether the count leaks too, a fresh attacker's own answer.)
    const countLeaks = (i: number) => (wantAll.leakingCount(i) === "size" ? attacker(t, all, isSmall, { fresh: true }).leaksIfAll(i, 0, []) : wantAll.leakingCount(i) === 0);
    for (let i = 0; i < n; i++)
      expect(
        att.leaksIfAll(
          i,
          0,
          js.map((x) => [x, { state: "suppressed" }]),
        ),
      ).toBe(countLeaks(i));
    for (let i = 0; i < n; i++) expect(att.leaksAt(i)).toBe(fresh(t, d).includes(i));
    d[j] = { state: "suppressed" };
    att.decide(j, d[j]);
    expect(att.leaks()).toEqual(fresh(t, d));
  }
}

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

  it("answer a tried decision as a fresh attack does for every cell, leaking or not", () => {
    // leaksIf, leaksIfAll and leaksAt asked about every cell — those that do not leak now, and
    // those whose quantities lie in several components — after other answers: what one attack
    // leaves in the working bounds must not carry over into the next.
    fc.assert(fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), triedAnswersAreFresh), { numRuns: 200, seed: 29 });
  });

  it("a leak proved in a part near the cell is one the whole component gives away (nearLeak)", () => {
    // Looking near every cell, a step wider each time up to its whole component: a part may answer
    // "still leaks" only where a fresh attack of everything does.
    const last = nearParts(0, 1);
    try {
      fc.assert(fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), triedAnswersAreFresh), { numRuns: 200, seed: 31 });
    } finally {
      nearParts(...last);
    }
  });

  it("a whole component's linear algebra kept by its set of unknowns gives the fresh answers", () => {
    // (The city's components are kept from 2,000 unknowns; here every one is, through tries,
    // decisions made and tables of the same shape one after another.)
    const last = keepWholesFrom(1);
    try {
      const before = wholesTaken();
      fc.assert(fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), triedAnswersAreFresh), { numRuns: 150, seed: 47 });
      fc.assert(
        fc.property(schoolsArb, (schools) => {
          const t = tableOf(schools);
          expect(decide(t, { search: "doubling" })).toEqual(decide(t, { search: "doubling", fresh: true }));
        }),
        { numRuns: 150, seed: 53 },
      );
      expect(wholesTaken() - before).toBeGreaterThan(100); // the kept answers were taken
    } finally {
      keepWholesFrom(last);
    }
  });

  it("a block's columns kept by its system (a count's and its complement's are one system): the fresh answers", () => {
    // (The city's systems are kept from 2,000 numbers; here every one is. A fresh attack solves
    // every block itself.)
    const last = keepSystemsFrom(0);
    try {
      const before = systemsTaken();
      fc.assert(fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), triedAnswersAreFresh), { numRuns: 150, seed: 48 });
      fc.assert(
        fc.property(schoolsArb, (schools) => {
          const t = tableOf(schools);
          expect(decide(t, { search: "doubling" })).toEqual(decide(t, { search: "doubling", fresh: true }));
        }),
        { numRuns: 150, seed: 54 },
      );
      expect(systemsTaken() - before).toBeGreaterThan(100); // the kept systems' columns were taken
    } finally {
      keepSystemsFrom(last);
    }
  });

  it("a kept answer that fixes a quantity only the linear algebra works out: taken for the same unknowns, other values", () => {
    // Three totals shown, each the sum of two of three groups (x + y, x + z, y + z): the bounds fix
    // none of the groups, the sums fix each (x = (T1 + T2 − T3) / 2). Tables of this one shape with
    // other counts and other cells hidden, one after another: the fresh answers, and those with all
    // three groups hidden take the answer kept by the first (the groups leak: fewer than 6).
    const triangle = (x: number, y: number, z: number): DisclosureTable => {
      const g = [x, y, z];
      const cell = (size: number): DisclosureCell => ({ size, denominator: size, numerators: [Math.floor(size / 2)], publish: true });
      return {
        cells: [cell(x + y), cell(x + z), cell(y + z), ...g.map(cell)],
        relations: [
          { parent: 0, children: [3, 4] },
          { parent: 1, children: [3, 5] },
          { parent: 2, children: [4, 5] },
        ],
        denominatorIsStudents: true,
      };
    };
    const last = keepWholesFrom(1);
    try {
      const before = wholesTaken();
      let allHidden = 0;
      fc.assert(
        fc.property(
          fc.integer({ min: 3, max: 5 }),
          fc.integer({ min: 3, max: 5 }),
          fc.integer({ min: 3, max: 5 }),
          fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          (x, y, z, hide) => {
            const t = triangle(x, y, z);
            const d = t.cells.map((c, i): Decision => (hide[i] || i >= 3 ? { state: "suppressed" } : shown(c)));
            const att = attacker(t, d, isSmall);
            const leaks = att.leaks();
            att.release();
            expect(leaks).toEqual(fresh(t, d));
            if (d.slice(0, 3).every((x) => x.state === "shown")) {
              allHidden++;
              expect(leaks).toEqual([3, 4, 5]);
            }
          },
        ),
        { numRuns: 200, seed: 59 },
      );
      expect(allHidden).toBeGreaterThan(5);
      expect(wholesTaken() - before).toBeGreaterThan(5);
    } finally {
      keepWholesFrom(last);
    }
  });

  it("a try that stopped its leak before, in a table of the same shape, is attacked whole at once: the same answers", () => {
    // Looking near a leak first only ever proves that it still leaks; a tried hiding that stopped
    // it last time is attacked whole without looking (disclosure-audit.ts stoppedLast). Asked again
    // of the same attacker and of a new one of the same table: the fresh answers, and no looking
    // near for a try that stops it (with the near parts looked for in every component).
    const last = nearParts(0, 1);
    try {
      let stoppedTries = 0;
      fc.assert(
        fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (schools, picks) => {
          const t = tableOf(schools);
          const n = t.cells.length;
          const d: Decision[] = t.cells.map((c) => (c.size === 0 || isSmall(c) ? { state: "suppressed" } : shown(c)));
          const leaks = fresh(t, d);
          for (const att of [attacker(t, d, isSmall), attacker(t, d, isSmall), attacker(t, d, isSmall)]) {
            expect(att.leaks()).toEqual(leaks);
            for (const i of leaks)
              for (const p of picks) {
                const j = p % n;
                const tried = [...d];
                tried[j] = { state: "suppressed" };
                const want = fresh(t, tried).includes(i);
                expect(att.leaksIf(i, j, { state: "suppressed" })).toBe(want);
                const again = nearLooked();
                expect(att.leaksIf(i, j, { state: "suppressed" })).toBe(want);
                if (!want) {
                  expect(nearLooked()).toBe(again);
                  stoppedTries++;
                }
                const run: [number, Decision][] = [[j, { state: "suppressed" }]];
                const wantRun = attacker(t, tried, isSmall, { fresh: true }).leaksIfAll(i, 0, []);
                expect(att.leaksIfAll(i, 0, run)).toBe(wantRun);
                const before = nearLooked();
                expect(att.leaksIfAll(i, 0, run)).toBe(wantRun);
                if (!wantRun) expect(nearLooked()).toBe(before);
              }
            att.release();
          }
        }),
        { numRuns: 200, seed: 43 },
      );
      expect(stoppedTries).toBeGreaterThan(20); // the case asked about was met
    } finally {
      nearParts(...last);
    }
  });

  it("after a tried run of hidings, the next leaks() answers as a fresh attack, whichever decisions were made", () => {
    // leaksIfAll keeps what it attacked for the next leaks() when the run stopped the leak and
    // exactly its decisions are made next (in any order); a run that did not stop it leaves the
    // last that did. Made in part, in full and then one more, or others: the fresh answers. (A
    // coded count hidden leaves its quantities unknown, as they were: only the decisions made tell
    // such a run's components from the tried one's.)
    const hide = (d: Decision): Decision => (d.state === "shown" && d.coded[0] ? { ...d, hidden: [true] } : { state: "suppressed" });
    fc.assert(
      fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.nat(4), (schools, runs, more, made) => {
        const t = tableOf(schools);
        const n = t.cells.length;
        const d: Decision[] = t.cells.map((c) => (c.size === 0 || isSmall(c) ? { state: "suppressed" } : shown(c)));
        const att = attacker(t, d, isSmall);
        const leaks = att.leaks();
        if (leaks.length === 0) return;
        const i = leaks[0];
        const count = att.leakingCount(i);
        const k = count === "size" || count === undefined ? 0 : count;
        const run: [number, Decision][] = [...new Set(runs.map((r) => r % n))].filter((j) => j !== i).map((j) => [j, hide(d[j])]);
        // The whole run tried, then shorter ones, which may not stop it.
        for (let len = run.length; len >= 0; len--) att.leaksIfAll(i, k, run.slice(0, len));
        const others = more.map((m): [number, Decision] => [m % n, hide(d[m % n])]);
        const picked = [run, [...run].reverse(), run.slice(1), [...run, ...others.slice(0, 1)], others][made];
        for (const [j, x] of picked) ((d[j] = x), att.decide(j, x));
        expect(att.leaks()).toEqual(fresh(t, d));
      }),
      // (The example: a run of two coded counts, the second made alone — found by a version that
      // took the run for made at its first decision.)
      {
        numRuns: 400,
        seed: 37,
        examples: [
          [
            [
              [
                { size: 0, k: 0 },
                { size: 12, k: 12 },
                { size: 12, k: 1 },
              ],
            ],
            [1317460339, 8775199],
            [0],
            2,
          ],
        ],
      },
    );
  });

  it("decisions looking near every leak first equal those of attackers that never do", () => {
    const last = nearParts(0, 1);
    try {
      fc.assert(
        fc.property(schoolsArb, (schools) => {
          const t = tableOf(schools);
          expect(decide(t, { search: "doubling" })).toEqual(decide(t, { search: "doubling", fresh: true }));
        }),
        { numRuns: 300, seed: 41 },
      );
    } finally {
      nearParts(...last);
    }
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

describe("warm starts: an attack started from the last answer", () => {
  // A whole component's attack starts from the last one's answer, of the same attacker or of an
  // earlier table of the same shape, where what that answer rested on still holds
  // (disclosure-audit.ts warmStart). Every component is warm-started here (the city's from 2,000
  // equations): the answers must be the fresh ones.
  it("a bound worked out through a cell hidden since is worked out again, not kept", () => {
    // A total of 10 shown over a group of 8 shown and two hidden groups of at least one student
    // each: each is 1 (a leak). Once the total is hidden too, nothing is worked out; the kept
    // answer's 1s rested on it.
    const cell = (size: number, k: number, within?: number): DisclosureCell => ({ size, denominator: size, numerators: [k], publish: true, within });
    const t: DisclosureTable = { cells: [cell(10, 5), cell(8, 4, 0), cell(1, 1, 0), cell(1, 0, 0)], relations: [{ parent: 0, children: [1, 2, 3] }], denominatorIsStudents: true };
    const last = warmStartsFrom(0);
    try {
      const before = warmStarts().own;
      const d: Decision[] = [shown(t.cells[0]), shown(t.cells[1]), { state: "suppressed" }, { state: "suppressed" }];
      const att = attacker(t, d, isSmall);
      expect(att.leaks()).toEqual([2, 3]);
      d[0] = { state: "suppressed" };
      att.decide(0, d[0]);
      expect(att.leaks()).toEqual(fresh(t, d));
      expect(att.leaks()).toEqual([]);
      att.release();
      expect(warmStarts().own).toBeGreaterThan(before);
    } finally {
      warmStartsFrom(last);
    }
  });

  it("after each further suppression and each tried one, the fresh answers", () => {
    // (The component attacked is found again from the last one kept and what changed since, too.)
    const last = warmStartsFrom(0);
    try {
      const before = warmStarts();
      fc.assert(fc.property(schoolsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), triedAnswersAreFresh), { numRuns: 200, seed: 61 });
      fc.assert(
        fc.property(schoolsArb, (schools) => {
          const t = tableOf(schools);
          expect(decide(t, { search: "doubling" })).toEqual(decide(t, { search: "doubling", fresh: true }));
        }),
        { numRuns: 150, seed: 67 },
      );
      expect(warmStarts().own - before.own).toBeGreaterThan(500);
      expect(warmStarts().grown - before.grown).toBeGreaterThan(500); // components found again from the last
    } finally {
      warmStartsFrom(last);
    }
  });

  it("tables of one shape with other counts, one after another: started from each other's answers, the fresh decisions", () => {
    // The same schools and groups with counts changed (a write): the kept answer is moved by the
    // change in each count, and what rested on a count whose bounds widened is worked out again.
    const last = warmStartsFrom(0);
    try {
      const before = warmStarts();
      // Each table one group's counts from the last (a write), now and then another district.
      const edit = fc.record({ school: fc.nat(), group: fc.nat(2), to: group });
      fc.assert(
        fc.property(fc.array(fc.tuple(schoolsArb, fc.array(edit, { minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 3 }), (runs) => {
          for (const [first, edits] of runs) {
            const schools = first.map((s) => [...s]);
            for (const x of [undefined, ...edits]) {
              if (x) schools[x.school % schools.length][x.group] = x.to;
              const t = tableOf(schools);
              expect(decide(t, { search: "doubling" })).toEqual(decide(t, { search: "doubling", fresh: true }));
            }
          }
        }),
        { numRuns: 200, seed: 71 },
      );
      expect(warmStarts().carried - before.carried).toBeGreaterThan(500);
      expect(warmStarts().carriedComponents - before.carriedComponents).toBeGreaterThan(500); // components found again from an earlier table's
    } finally {
      warmStartsFrom(last);
    }
  });
  it("a cell decided before the first leaks(): the first peel still goes through every equation", () => {
    // The attacker is built without listing its cells as touched; the policy may decide a cell (a
    // partner hidden beside a small one) before it asks for the first time. Peeling only from that
    // cell, with nothing peeled yet, would leave every quantity unknown, shown ones too.
    const cell = (size: number, k: number, within?: number): DisclosureCell => ({ size, denominator: size, numerators: [k], publish: true, within });
    const t: DisclosureTable = { cells: [cell(20, 10), cell(3, 1, 0), cell(17, 9, 0)], relations: [{ parent: 0, children: [1, 2] }], denominatorIsStudents: true };
    const d: Decision[] = [shown(t.cells[0]), { state: "suppressed" }, shown(t.cells[2])];
    const att = attacker(t, d, isSmall);
    try {
      const before = peels();
      d[2] = { state: "suppressed" };
      att.decide(2, d[2]);
      expect(att.leaks()).toEqual(fresh(t, d));
      expect(peels().full - before.full).toBe(2); // this attacker's and the fresh one's
      expect(peels().since - before.since).toBe(0);
      // Hidden more after it: from the cells decided since.
      d[0] = { state: "suppressed" };
      att.decide(0, d[0]);
      expect(att.leaks()).toEqual(fresh(t, d));
      expect(peels().since - before.since).toBe(1);
    } finally {
      att.release();
    }
  });

  it("counts that do not add up, after a table of the same shape whose counts did: not started from its answer", () => {
    // A kept answer is started from only where the counts satisfy every equation (warmStart's
    // consistent), which adds up again only the equations holding a count that differs from the
    // counts the answer was kept for, when those added up. Eight schools, each with two small groups
    // (hidden; the district's rows of them shown): one component, warm-started from 0 equations.
    const last = warmStartsFrom(0);
    try {
      const schools = Array.from({ length: 8 }, (_, s) => [
        { size: 3, k: 1 + (s % 2) },
        { size: 4, k: 2 },
        { size: 15, k: 7 },
      ]);
      const run = (t: DisclosureTable) => {
        const d: Decision[] = t.cells.map((c) => (c.size === 0 || isSmall(c) ? { state: "suppressed" } : shown(c)));
        const att = attacker(t, d, isSmall);
        try {
          return { leaks: att.leaks(), fresh: fresh(t, d) };
        } finally {
          att.release();
        }
      };
      const warmed = () => warmStarts().own + warmStarts().carried;
      const first = run(tableOf(schools));
      expect(first.leaks).toEqual(first.fresh);
      // A group's count edited alone, its school's total and the district's row as they were.
      const t = tableOf(schools);
      t.cells[3] = { ...t.cells[3], size: 16, denominator: 16 };
      let before = warmed();
      const taken = warmStarts().carriedComponents;
      run(t);
      expect(warmStarts().carriedComponents).toBeGreaterThan(taken); // an answer was taken (its component carried)…
      expect(warmed()).toBe(before); // …and not started from
      // The same edit with the totals (a write): started from a kept answer, the fresh answers.
      schools[0][2] = { size: 16, k: 7 };
      before = warmed();
      const next = run(tableOf(schools));
      expect(warmed()).toBeGreaterThan(before);
      expect(next.leaks).toEqual(next.fresh);
    } finally {
      warmStartsFrom(last);
    }
  });
});

describe("attackers' working arrays, given back and taken again", () => {
  // An attacker gives its arrays back once its table is decided (release); the next attacker of the
  // same sizes takes them. Its marks and stamps count from 0 again: what the last one left in them
  // must not reach its answers.
  const sameShape = (schools: { size: number; k: number }[][]) => fc.tuple(...schools.map((g) => fc.tuple(...g.map(() => group))));

  it("answer as new arrays do, after an attacker of the same shape used them through every call", () => {
    fc.assert(
      fc.property(
        schoolsArb.chain((s) => fc.tuple(fc.constant(s), sameShape(s))),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        ([schools, before], picks, many) => {
          // The one before: every kind of call, then its arrays given back.
          const t0 = tableOf(before);
          const d0: Decision[] = t0.cells.map((c) => (c.size === 0 || isSmall(c) ? { state: "suppressed" } : shown(c)));
          const used = attacker(t0, d0, isSmall);
          for (const i of used.leaks()) {
            used.leaksIf(i, (i + 1) % t0.cells.length, { state: "suppressed" });
            used.leaksIfAll(i, 0, [[(i + 2) % t0.cells.length, { state: "suppressed" }]]);
          }
          for (let i = 0; i < t0.cells.length; i++) used.leaksAt(i);
          used.release();
          expect(pooledWorking().arrays).toBeGreaterThan(0);
          expect(() => used.leaks()).toThrow(/release/);
          triedAnswersAreFresh(schools as { size: number; k: number }[][], picks, many);
        },
      ),
      { numRuns: 200, seed: 37 },
    );
  });

  it("keep at most the pool's limit, the least recently given back first out", () => {
    const last = poolBytes(0); // (empty, then as before)
    poolBytes(last);
    try {
      const t = tableOf([
        [
          { size: 8, k: 1 },
          { size: 9, k: 4 },
          { size: 3, k: 0 },
        ],
      ]);
      const d: Decision[] = t.cells.map((c) => (isSmall(c) ? { state: "suppressed" } : shown(c)));
      const att = attacker(t, d, isSmall);
      att.leaks();
      att.release();
      const all = pooledWorking();
      att.release(); // (once only)
      expect(pooledWorking()).toEqual(all);
      expect(all.arrays).toBeGreaterThan(20);
      // Over a limit, whole sizes go, the least recently given back first, until what is kept fits.
      poolBytes(all.bytes - 1);
      expect(pooledWorking().bytes).toBeGreaterThan(0);
      expect(pooledWorking().bytes).toBeLessThan(all.bytes);
      poolBytes(all.bytes / 3);
      expect(pooledWorking().bytes).toBeLessThanOrEqual(all.bytes / 3);
      poolBytes(0);
      expect(pooledWorking()).toEqual({ arrays: 0, bytes: 0 });
      // A table decided gives its attackers' arrays back; decided again with nothing kept, the same.
      poolBytes(last);
      const bigger = tableOf([
        [
          { size: 8, k: 1 },
          { size: 9, k: 4 },
          { size: 3, k: 0 },
        ],
        [
          { size: 7, k: 6 },
          { size: 2, k: 1 },
          { size: 12, k: 0 },
        ],
      ]);
      const kept = decide(bigger);
      expect(pooledWorking().arrays).toBeGreaterThan(0);
      poolBytes(0);
      expect(decide(bigger, { search: "doubling" })).toEqual(kept);
      expect(pooledWorking()).toEqual({ arrays: 0, bytes: 0 });
      // Nothing kept: every attacker makes its own, and answers all the same.
      expect(attacker(t, d, isSmall).leaks()).toEqual(fresh(t, d));
    } finally {
      poolBytes(last);
    }
  });
});

describe("equations kept by table structure", () => {
  // keptEquations hands a table the equations of an earlier table with the same structure key: the
  // key must hold everything the equations are built from. Each table is decided beside variants
  // that differ from it in one structural field only (counts are not in the equations); every
  // table, whatever came before it, must get exactly the equations built from itself.
  const structure = fc.record({
    cells: fc.array(fc.record({ numerators: fc.integer({ min: 0, max: 3 }), size: fc.integer({ min: 0, max: 20 }) }), { minLength: 3, maxLength: 6 }),
    relations: fc.array(
      fc.record({
        parent: fc.nat(),
        children: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
        sizeAdditive: fc.constantFrom(undefined, false, true),
        numerators: fc.constantFrom(undefined, 0, 1, 2),
      }),
      { maxLength: 3 },
    ),
    parts: fc.array(fc.array(fc.nat(), { maxLength: 3 }), { maxLength: 2 }),
    sums: fc.array(fc.record({ of: fc.nat(), parts: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }), { maxLength: 2 }),
    at: fc.nat(),
  });
  type S = typeof structure extends fc.Arbitrary<infer T> ? T : never;
  const tableOf = (s: S): DisclosureTable => {
    const n = s.cells.length;
    const cells: DisclosureCell[] = s.cells.map((c) => ({ size: c.size, denominator: c.size, numerators: Array.from({ length: c.numerators }, () => 0), publish: true }));
    // Partitions and sums on one cell, over counts it has.
    const i = s.at % n;
    // At least two counts there, so a variant can change what a partition or sum holds.
    if (cells[i].numerators.length < 2) cells[i].numerators = [0, 0];
    const k = cells[i].numerators.length;
    if (k > 0) {
      cells[i].parts = s.parts.map((p) => p.map((x) => x % k));
      cells[i].sums = s.sums.map((x) => ({ of: x.of % k, parts: x.parts.map((y) => y % k) }));
    }
    const relations = s.relations.map((r) => ({
      parent: r.parent % n,
      children: r.children.map((c) => c % n),
      ...(r.sizeAdditive === undefined ? {} : { sizeAdditive: r.sizeAdditive }),
      ...(r.numerators === undefined ? {} : { numerators: r.numerators }),
    }));
    return { cells, relations, denominatorIsStudents: true };
  };
  /** Variants of `t` each one structural field apart. */
  const variants = (t: DisclosureTable): DisclosureTable[] => {
    const out: DisclosureTable[] = [];
    const cells = (f: (c: DisclosureCell, i: number) => DisclosureCell) => out.push({ ...t, cells: t.cells.map(f) });
    const rel = (f: (r: DisclosureTable["relations"][number]) => DisclosureTable["relations"][number]) =>
      t.relations.length > 0 && out.push({ ...t, relations: [f(t.relations[0]), ...t.relations.slice(1)] });
    cells((c, i) => (i === 0 ? { ...c, numerators: [...c.numerators, 0] } : c));
    cells((c) => (c.parts ? { ...c, parts: [...c.parts, [0]] } : c));
    cells((c) => (c.parts?.length ? { ...c, parts: c.parts.slice(1) } : c));
    cells((c) => (c.sums ? { ...c, sums: c.sums.map((x) => ({ ...x, of: x.of === 0 ? 1 : 0 })) } : c));
    cells((c) => (c.sums?.length ? { ...c, sums: [{ ...c.sums[0], parts: [...c.sums[0].parts, 0] }] } : c));
    // The same lengths, other contents.
    const next = (c: DisclosureCell, x: number) => (x + 1) % c.numerators.length;
    cells((c) => (c.parts?.[0]?.length ? { ...c, parts: [[next(c, c.parts[0][0]), ...c.parts[0].slice(1)], ...c.parts.slice(1)] } : c));
    cells((c) => (c.sums?.length ? { ...c, sums: [{ ...c.sums[0], parts: [next(c, c.sums[0].parts[0]), ...c.sums[0].parts.slice(1)] }, ...c.sums.slice(1)] } : c));
    rel((r) => ({ ...r, sizeAdditive: r.sizeAdditive === false ? undefined : false }));
    rel((r) => ({ ...r, numerators: r.numerators === 1 ? undefined : 1 }));
    rel((r) => ({ ...r, children: [...r.children].reverse() }));
    rel((r) => ({ ...r, children: [...r.children, r.parent] }));
    rel((r) => ({ ...r, parent: (r.parent + 1) % t.cells.length }));
    out.push({ ...t, relations: [...t.relations].reverse() });
    out.push({ ...t, cells: [...t.cells, { size: 1, denominator: 1, numerators: [], publish: true }] });
    return out;
  };
  const mOf = (t: DisclosureTable) => Math.max(0, ...t.cells.map((c) => c.numerators.length));
  // (Tables of a few cells are built again rather than kept: these are kept here.)
  let keptFrom = 0;
  beforeAll(() => void (keptFrom = keepEquationsFrom(0)));
  afterAll(() => void keepEquationsFrom(keptFrom));
  it("give every table the equations built from it, after tables a field apart", () => {
    fc.assert(
      fc.property(structure, fc.array(fc.nat(), { maxLength: 12 }), (s, order) => {
        const t = tableOf(s);
        const all = [t, ...variants(t)];
        for (const o of [...order, ...all.keys()]) {
          const x = all[o % all.length];
          expect(keptEquations(x, mOf(x))).toEqual(equationsOf(x, mOf(x)));
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });
  it("share one build between tables of one structure and other counts", () => {
    const t = tableOf({
      cells: [
        { numerators: 1, size: 3 },
        { numerators: 1, size: 4 },
        { numerators: 1, size: 7 },
      ],
      relations: [{ parent: 2, children: [0, 1], sizeAdditive: undefined, numerators: undefined }],
      parts: [],
      sums: [],
      at: 0,
    });
    const other = { ...t, cells: t.cells.map((c) => ({ ...c, size: c.size + 10, denominator: c.denominator + 10, numerators: c.numerators.map(() => 5) })) };
    expect(keptEquations(other, mOf(other))).toBe(keptEquations(t, mOf(t)));
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

  it("equals the rank test on wider systems (40 columns, 60 rows of up to 12 terms)", () => {
    const system = fc.record({
      w: fc.constant(40),
      rows: fc.array(fc.array(fc.record({ k: fc.integer({ min: 0, max: 39 }), v: fc.constantFrom(1, -1, 1, -1, 2, -3) }), { minLength: 1, maxLength: 12 }), {
        minLength: 20,
        maxLength: 60,
      }),
    });
    fc.assert(
      fc.property(system, ({ w, rows }) => {
        const sparse = rows.map((r) => ({ cols: r.map((x) => x.k), vals: r.map((x) => x.v) }));
        expect(fixedColumns(w, sparse).sort((a, b) => a - b)).toEqual(fixedByRank(w, denseOf(w, sparse)));
      }),
      { numRuns: 60, seed: 37 },
    );
  });

  it("clears a row of the pivot rows in the order they were taken (an earlier one may hold a later pivot)", () => {
    // x0 + x1 takes x0, its row holding x1; 10·x1 + 0.5·x3 takes x1 (x3 is under a tenth of 10);
    // x0 + x1 + x2 less the first row is x2: fixed. Cleared of x1's row first, the first row would
    // then bring x1 back, and x2's row would keep x3.
    const rows = [
      { cols: [0, 1], vals: [1, 1] },
      { cols: [1, 3], vals: [10, 0.5] },
      { cols: [0, 1, 2], vals: [1, 1, 1] },
    ];
    expect(fixedColumns(4, rows)).toEqual([2]);
    expect(fixedByRank(4, denseOf(4, rows))).toEqual([2]);
  });

  it("takes a pivot row's rounding for 0 (3·x1 + 5·x2 + 7·x0 and 10·x1 + 5·x2 + 7·x0 fix x1)", () => {
    // Their difference is 7·x1: x1 is fixed; x0 and x2 are not. In floating point x1's draw comes
    // out a rounding away from 0, and read as exactly non-zero it would be missed (a review's case).
    const rows = [
      { cols: [1, 2, 0], vals: [3, 5, 7] },
      { cols: [1, 2, 0], vals: [10, 5, 7] },
    ];
    expect(fixedColumns(3, rows)).toEqual([1]);
    expect(fixedByRank(3, denseOf(3, rows))).toEqual([1]);
  });

  it("fixes every link of a long chain tied to one known end, and none of a chain left loose", () => {
    // x0 − x1, x1 − x2, …, x(L−1) − xL known, and xL known: each fixed through the next (the back
    // substitution works them out from each other, the rounding of one not carried to the next).
    // The second chain, y0 … yL, has no known end: none of it is fixed.
    const L = 300;
    const rows: { cols: number[]; vals: number[] }[] = [];
    for (let i = 0; i < L; i++) rows.push({ cols: [i, i + 1], vals: [1, -1] });
    rows.push({ cols: [L], vals: [3] });
    for (let i = 0; i < L; i++) rows.push({ cols: [L + 1 + i, L + 2 + i], vals: [2, -2] });
    expect(fixedColumns(2 * L + 2, rows).sort((a, b) => a - b)).toEqual(Array.from({ length: L + 1 }, (_, i) => i));
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
