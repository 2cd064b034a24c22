import { describe, expect, it } from "vitest";
import { withPieces } from "./pieces";
import { keptRows, rowsFromParts, type FromParts } from "./rows-from-parts";

type School = { schoolId: string; course: string | null; n: number };
type Row = { schoolId: string | null; course: string | null; n: number };

describe("rowsFromParts", () => {
  const made: School[] = [];
  const how = (): FromParts<School, Row> => ({
    asRead: (r) => (made.push(r), { schoolId: r.schoolId, course: r.course, n: r.n }),
    key: (r) => r.course ?? "",
    total: "",
    addUp: (from) => ({ schoolId: null, course: from[0]?.course ?? null, n: from.reduce((s, r) => s + r.n, 0) }),
    kept: keptRows<Row>(),
  });
  const piece = (rows: School[]) => Object.freeze(rows.map((r) => Object.freeze(r)));
  const joined = (parts: readonly (readonly School[])[]) => withPieces(Object.freeze(parts.flat()), parts);

  it("gives the schools' rows as read, then the district's: the total first, then by key in the order first held (hand-computed)", () => {
    const a = piece([
      { schoolId: "a", course: "alg", n: 2 },
      { schoolId: "a", course: null, n: 2 },
    ]);
    const b = piece([
      { schoolId: "b", course: "bio", n: 1 },
      { schoolId: "b", course: "alg", n: 3 },
      { schoolId: "b", course: null, n: 4 },
    ]);
    const h = how();
    const out = rowsFromParts(joined([a, b]), true, h);
    expect(out).toEqual([
      { schoolId: "a", course: "alg", n: 2 },
      { schoolId: "a", course: null, n: 2 },
      { schoolId: "b", course: "bio", n: 1 },
      { schoolId: "b", course: "alg", n: 3 },
      { schoolId: "b", course: null, n: 4 },
      { schoolId: null, course: null, n: 6 },
      { schoolId: null, course: "alg", n: 5 },
      { schoolId: null, course: "bio", n: 1 },
    ]);
    // One school's rows: as read, no district rows. No rows: the district's total alone.
    expect(rowsFromParts(joined([a]), false, h)).toEqual(out.slice(0, 2));
    expect(rowsFromParts(joined([]), true, how())).toEqual([{ schoolId: null, course: null, n: 0 }]);
  });

  it("keeps a school's rows as read with its piece: after a write, only the new piece's are made, and the rows are as made fresh", () => {
    const a = piece([{ schoolId: "a", course: "alg", n: 2 }]);
    const b = piece([{ schoolId: "b", course: "alg", n: 3 }]);
    const b2 = piece([{ schoolId: "b", course: "alg", n: 5 }]);
    const h = how();
    const first = rowsFromParts(joined([a, b]), true, h);
    made.length = 0;
    const after = rowsFromParts(joined([a, b2]), true, h);
    expect(made).toEqual([b2[0]]);
    expect(after[0]).toBe(first[0]); // school a's row: the same object
    expect(after).toEqual(rowsFromParts(joined([a, b2]), true, how()));
    expect(after.at(-1)).toEqual({ schoolId: null, course: "alg", n: 7 });
    // Rows not put together from frozen pieces: each made again.
    made.length = 0;
    rowsFromParts([...a, ...b2], true, h);
    expect(made).toHaveLength(2);
  });
});
