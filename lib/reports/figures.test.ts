import { describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { accessPublication, publication, publishAhead, type Cubes } from "./figures";
import { publishUnits } from "./published";
import { withPieces } from "./pieces";
import type { AccessCube, AcgrCube, DropoutCube } from "./sql";
import type { Cell } from "./equity";

// Every table decided, counted: publishUnits itself, wrapped (a pure function; no I/O to stand in for).
const decided = vi.hoisted(() => ({ count: 0 }));
vi.mock("./published", async (importOriginal) => {
  const real = await importOriginal<typeof import("./published")>();
  return {
    ...real,
    publishUnits: (...a: Parameters<typeof real.publishUnits>) => {
      decided.count++;
      return real.publishUnits(...a);
    },
  };
});

// publication keeps a published table by its content (figures.ts contentKey): after a write a
// whole cube is read again, but a year whose cells did not change must publish exactly what
// deciding it anew publishes, and a year whose cells did must be decided anew.

const RACES = ["HISPANIC_LATINO", "BLACK_AFRICAN_AMERICAN", "WHITE", "ASIAN"] as const;
const GENDERS = ["FEMALE", "MALE"] as const;
const SCHOOLS = ["s1", "s2"];
const YEARS = [2022, 2023, 2024];

/** A cube row's year, school and group. */
const group = {
  year: fc.constantFrom(...YEARS),
  schoolId: fc.constantFrom(...SCHOOLS),
  raceEthnicity: fc.constantFrom(...RACES),
  gender: fc.constantFrom(...GENDERS),
  specialEducation: fc.boolean(),
  englishLearner: fc.boolean(),
  lowIncome: fc.boolean(),
};
const row = fc.record({ ...group, october1: fc.integer({ min: 0, max: 40 }), dropouts: fc.integer({ min: 0, max: 6 }) });

const cubesOf = (dropout: DropoutCube[]): Cubes => ({ acgr: [], dropout: dropout.map((r) => ({ ...r })), completers: [], program: [] });

/** What publication decides, worked out anew (figures.ts rowsOf, byUnit). */
function fresh(dropout: readonly DropoutCube[], year: number, district: boolean, schoolId?: string, intersections = true) {
  const by = new Map<string, Cell[]>();
  if (!district && schoolId) by.set(schoolId, []);
  for (const r of dropout) {
    if (r.year !== year || (!district && r.schoolId !== schoolId)) continue;
    const cell: Cell = {
      raceEthnicity: r.raceEthnicity,
      gender: r.gender,
      specialEducation: r.specialEducation,
      englishLearner: r.englishLearner,
      lowIncome: r.lowIncome,
      numerator: r.dropouts,
      denominator: r.october1,
    };
    by.set(r.schoolId, [...(by.get(r.schoolId) ?? []), cell]);
  }
  return publishUnits(by, district, true, intersections);
}

describe("publication kept by its table's content", () => {
  it("publishes a table again read (a new cube of the same rows) as before: the same object", () => {
    const rows: DropoutCube[] = [
      { year: 2024, schoolId: "s1", raceEthnicity: "WHITE", gender: "MALE", specialEducation: false, englishLearner: false, lowIncome: true, october1: 30, dropouts: 2 },
      { year: 2024, schoolId: "s1", raceEthnicity: "ASIAN", gender: "FEMALE", specialEducation: false, englishLearner: true, lowIncome: false, october1: 12, dropouts: 0 },
    ];
    const first = publication(cubesOf(rows), "dropout", 2024, "school", "s1", true);
    const again = publication(cubesOf(rows), "dropout", 2024, "school", "s1", true);
    expect(again).toBe(first);
    expect(first).toEqual(fresh(rows, 2024, false, "s1"));
    // One count changed: decided anew.
    const changed = rows.map((r, i) => (i === 0 ? { ...r, dropouts: 3 } : r));
    const next = publication(cubesOf(changed), "dropout", 2024, "school", "s1", true);
    expect(next).not.toBe(first);
    expect(next.get("s1")!.tallies[0].numerators[0]).toBe(3);
    expect(next).toEqual(fresh(changed, 2024, false, "s1"));
  });

  it("after random writes, every year and view publishes what deciding it anew publishes", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 24 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 })), { maxLength: 4 }), (rows, writes) => {
        let current = rows;
        // Each step a new cube (a write read back), one row's count changed or none.
        for (const [at, dropouts] of [[0, rows[0].dropouts] as [number, number], ...writes]) {
          current = current.map((r, i) => (i === at % current.length ? { ...r, dropouts: Math.min(dropouts, r.october1) } : r));
          const cubes = cubesOf(current);
          for (const year of YEARS) {
            expect(publication(cubes, "dropout", year, "district", undefined, true)).toEqual(fresh(current, year, true));
            for (const s of SCHOOLS) expect(publication(cubes, "dropout", year, "school", s, true)).toEqual(fresh(current, year, false, s));
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  // A city's district summary with its trend publishes ~44 tables of 401 units: read again with no
  // change, each must be the one kept, not one pushed out by the others and decided again.
  it("keeps a district view's every year at a city's number of schools: read again, each is the same object", () => {
    const years = Array.from({ length: 12 }, (_, k) => 2013 + k);
    const schools = Array.from({ length: 400 }, (_, k) => `s${String(k).padStart(3, "0")}`);
    const rows: DropoutCube[] = years.flatMap((year) =>
      schools.map((schoolId, k) => ({
        year,
        schoolId,
        raceEthnicity: RACES[k % 4],
        gender: GENDERS[k % 2],
        specialEducation: false,
        englishLearner: false,
        lowIncome: k % 3 === 0,
        october1: 20 + ((k + year) % 13),
        dropouts: (k + year) % 5,
      })),
    );
    const first = years.map((y) => publication(cubesOf(rows), "dropout", y, "district"));
    const again = years.map((y) => publication(cubesOf(rows), "dropout", y, "district"));
    again.forEach((x, k) => expect(x).toBe(first[k]));
    // One year's counts changed: that year decided anew, the others still the ones kept.
    const changed = rows.map((r) => (r.year === 2024 && r.schoolId === "s007" ? { ...r, dropouts: r.dropouts + 1 } : r));
    const next = years.map((y) => publication(cubesOf(changed), "dropout", y, "district"));
    next.forEach((x, k) => (years[k] === 2024 ? expect(x).not.toBe(first[k]) : expect(x).toBe(first[k])));
    const at = years.indexOf(2024);
    expect(next[at].get("s007")!.tallies[0].numerators[0]).toBe(first[at].get("s007")!.tallies[0].numerators[0] + 1);
  });

  it("keeps one publication a figure, year and view: the one for other counts replaces it", () => {
    // (Versions a write left behind are not kept: a view's memory is what it reads now.)
    const rows: DropoutCube[] = [
      { year: 2024, schoolId: "s1", raceEthnicity: "WHITE", gender: "MALE", specialEducation: false, englishLearner: false, lowIncome: true, october1: 30, dropouts: 2 },
    ];
    const changed = [{ ...rows[0], dropouts: 3 }];
    const first = publication(cubesOf(rows), "dropout", 2024, "school", "s1");
    expect(publication(cubesOf(rows), "dropout", 2024, "school", "s1")).toBe(first);
    expect(publication(cubesOf(changed), "dropout", 2024, "school", "s1")).not.toBe(first);
    const back = publication(cubesOf(rows), "dropout", 2024, "school", "s1");
    expect(back).not.toBe(first);
    expect(back).toEqual(first);
  });

  it("takes each figure's own counts from a row two figures read (4- and 5-year rates of one cohort)", () => {
    const demo = { raceEthnicity: "WHITE", gender: "FEMALE", specialEducation: false, englishLearner: false, lowIncome: false } as const;
    const acgr: AcgrCube[] = [
      Object.freeze({ ...demo, year: 2024, schoolId: "s1", students: 40, den4: 40, num4: 30, den5: 41, num5: 34 }),
      Object.freeze({ ...demo, year: 2024, schoolId: "s1", lowIncome: true, students: 20, den4: 20, num4: 12, den5: 20, num5: 15 }),
    ];
    const cellsFor = (n: "num4" | "num5", d: "den4" | "den5") =>
      new Map([["s1", acgr.map((r): Cell => ({ ...demo, lowIncome: r.lowIncome, numerator: r[n], denominator: r[d] }))]]);
    // The cube as one array, and as the cache puts it together from a school's piece (pieces.ts).
    for (const rows of [Object.freeze([...acgr]), withPieces(Object.freeze([...acgr]), [Object.freeze([...acgr])])]) {
      const cubes: Cubes = { acgr: rows, dropout: [], completers: [], program: [] };
      // Cohort 2024: the 4-year rate of school year 2023, the 5-year rate of 2024 (periods.ts cohortsForYear).
      expect(publication(cubes, "acgr4", 2023, "school", "s1")).toEqual(publishUnits(cellsFor("num4", "den4"), false, true, false));
      expect(publication(cubes, "acgr5", 2024, "school", "s1")).toEqual(publishUnits(cellsFor("num5", "den5"), false, true, false));
      expect(publication(cubes, "acgr5", 2024, "school", "s1").get("s1")!.tallies[0].numerators[0]).toBe(49);
    }
  });

  // A view decides each cube's figures as soon as that cube is read (publishAhead, queries.ts
  // loadCubes: the view "school" with its school, or "district"), from that cube alone: the view,
  // reading once every cube is in, must decide nothing more, and read what deciding anew gives.
  it("a cube's figures decided ahead, from that cube alone, are what the view reads and what deciding them anew gives", () => {
    const years = [2023, 2024];
    let run = 0;
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.constantFrom("school", "district") as fc.Arbitrary<"school" | "district">, (drawn, view) => {
        // Counts no earlier run drew (publication keeps the last table of each figure by content).
        run++;
        // A row of school s1 in every year and cohort read, so that each figure of each year has cells.
        const base = [2022, 2023, 2024, 2025].map((year) => ({ ...drawn[0]!, year, schoolId: "s1", october1: 20, dropouts: 1 }));
        const dropout = Object.freeze([...base, ...drawn].map((r) => Object.freeze({ ...r, october1: r.october1 + 100 * run })));
        const acgr = Object.freeze(
          [...base, ...drawn].map((r) =>
            Object.freeze({ ...r, students: r.october1, den4: r.october1 + run, num4: r.october1 - r.dropouts, den5: r.october1 + 1 + run, num5: r.october1 - r.dropouts }),
          ),
        );
        const schoolId = view === "school" ? "s1" : undefined;
        const before = decided.count;
        publishAhead("dropout", dropout, years, view, schoolId);
        publishAhead("acgr", acgr, years, view, schoolId);
        // Each figure of each year decided once ahead: the dropout rate and both graduation rates.
        expect(decided.count - before).toBe(3 * years.length);
        const ahead = decided.count;
        const cubes: Cubes = { acgr, dropout, completers: [], program: [] };
        const read = years.map((y) => (["dropout", "acgr4", "acgr5"] as const).map((key) => publication(cubes, key, y, view, schoolId)));
        expect(decided.count).toBe(ahead);
        // The dropout rate as publishUnits decides it from its cells (the summaries: no race × gender).
        years.forEach((y, i) => expect(read[i]![0]).toEqual(fresh(dropout, y, view === "district", schoolId, false)));
      }),
      { numRuns: 40 },
    );
  });

  // The report cache keeps a school's rows (the same frozen objects) until a write to that school
  // (cache.ts): a unit whose cells are the same objects keeps its digest without being read again
  // (figures.ts unitKey), and one row replaced must still be seen, even when its school's number
  // of rows or its neighbours are unchanged.
  it("after writes that replace single rows of a kept cube, every year and view publishes what deciding it anew publishes", () => {
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 24 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        (rows, writes) => {
          let current: DropoutCube[] = rows.map((r) => Object.freeze({ ...r }));
          for (const [at, dropouts, reread] of writes) {
            // A row replaced by a new object (its count changed or not); the others kept as they are,
            // or, `reread`, every row a new object of the same content (a recomputed school).
            current = current.map((r, i) => (i === at % current.length ? Object.freeze({ ...r, dropouts: Math.min(dropouts, r.october1) }) : reread ? Object.freeze({ ...r }) : r));
            const cubes: Cubes = { acgr: [], dropout: Object.freeze([...current]), completers: [], program: [] };
            for (const year of YEARS) {
              expect(publication(cubes, "dropout", year, "district", undefined, true)).toEqual(fresh(current, year, true));
              for (const s of SCHOOLS) expect(publication(cubes, "dropout", year, "school", s, true)).toEqual(fresh(current, year, false, s));
            }
          }
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  // The cache puts a cube together from per-school pieces and keeps an untouched school's piece
  // (cache.ts cachedSchoolRows, pieces.ts): what is made of a piece is kept with it (figures.ts
  // byPiece), and only a piece made again is read.
  it("from a cube put together from per-school pieces, one school's piece made again, publishes what deciding it anew publishes", () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 24 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 6 }), (rows, writes) => {
        const piece = (s: string, of: DropoutCube[]) => Object.freeze(of.filter((r) => r.schoolId === s).map((r) => Object.freeze({ ...r })));
        let pieces = new Map(SCHOOLS.map((s) => [s, piece(s, rows)] as const));
        for (const [at, dropouts] of writes) {
          // A write to one school: its piece made again (a row's count changed or none), the other kept.
          const s = SCHOOLS[at % SCHOOLS.length];
          const mine = [...pieces.get(s)!];
          if (mine.length > 0) mine[at % mine.length] = { ...mine[at % mine.length], dropouts: Math.min(dropouts, mine[at % mine.length].october1) };
          pieces = new Map(pieces).set(s, piece(s, mine));
          const parts = SCHOOLS.map((x) => pieces.get(x)!);
          const current = parts.flat();
          const cubes: Cubes = { acgr: [], dropout: withPieces(Object.freeze([...current]), parts), completers: [], program: [] };
          for (const year of YEARS) {
            expect(publication(cubes, "dropout", year, "district", undefined, true)).toEqual(fresh(current, year, true));
            for (const x of SCHOOLS) expect(publication(cubes, "dropout", year, "school", x, true)).toEqual(fresh(current, year, false, x));
          }
        }
      }),
      { numRuns: 60, seed: 11 },
    );
  });

  it("an access figure from per-school pieces, one school's piece made again, publishes what the same rows not in pieces publish", () => {
    // figures.ts accessPublication keeps each piece's cells with it (pieceYears), as the other
    // figures; rows not put together from pieces (nothing kept) are the reference.
    const accessRow = fc.record({ ...group, students: fc.integer({ min: 0, max: 40 }), advancedPlacement: fc.integer({ min: 0, max: 8 }) });
    fc.assert(
      fc.property(
        fc.array(accessRow, { minLength: 1, maxLength: 24 }),
        fc.array(row, { maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 8 })), { minLength: 1, maxLength: 6 }),
        (made, dropout, writes) => {
          const rows: AccessCube[] = made.map((r) => ({ ...r, creditRecovery: 0, originalCredit: 0, advancedPlacement: Math.min(r.advancedPlacement, r.students) }));
          const piece = (s: string, of: AccessCube[]) => Object.freeze(of.filter((r) => r.schoolId === s).map((r) => Object.freeze({ ...r })));
          let pieces = new Map(SCHOOLS.map((s) => [s, piece(s, rows)] as const));
          const cubes: Cubes = { acgr: [], dropout: Object.freeze(dropout.map((r) => Object.freeze({ ...r }))), completers: [], program: [] };
          for (const [at, ap] of writes) {
            const s = SCHOOLS[at % SCHOOLS.length];
            const mine = [...pieces.get(s)!];
            if (mine.length > 0) mine[at % mine.length] = { ...mine[at % mine.length], advancedPlacement: Math.min(ap, mine[at % mine.length].students) };
            pieces = new Map(pieces).set(s, piece(s, mine));
            const parts = SCHOOLS.map((x) => pieces.get(x)!);
            const joined = withPieces(Object.freeze(parts.flat()), parts) as readonly AccessCube[];
            const plain = parts.flat().map((r) => ({ ...r }));
            for (const year of YEARS) {
              expect(accessPublication(joined, cubes, "advancedPlacement", year, "district")).toEqual(accessPublication(plain, cubes, "advancedPlacement", year, "district"));
              for (const x of SCHOOLS)
                expect(accessPublication(joined, cubes, "advancedPlacement", year, "school", x)).toEqual(accessPublication(plain, cubes, "advancedPlacement", year, "school", x));
            }
          }
        },
      ),
      { numRuns: 40, seed: 12 },
    );
  });
});
