import { describe, expect, it } from "vitest";
import { withPieces } from "./pieces";
import { keptRows, rowsFromParts, type FromParts, type Since } from "./rows-from-parts";

type School = { schoolId: string; course: string | null; n: number };
type Row = { schoolId: string | null; course: string | null; n: number };

describe("rowsFromParts", () => {
  const made: School[] = [];
  const added: string[] = []; // the district rows added up, by key
  const sinces: { key: string; since?: Since<School, Row> }[] = []; // and what each was given to add up from
  const how = (): FromParts<School, Row> => ({
    asRead: (r) => (made.push(r), { schoolId: r.schoolId, course: r.course, n: r.n }),
    key: (r) => r.course ?? "",
    total: "",
    addUp: (from, since) => {
      added.push(from[0]?.course ?? "");
      sinces.push({ key: from[0]?.course ?? "", since });
      // From the last row where given: its count less the rows gone, plus those come.
      const n = since ? since.row.n - since.removed.reduce((s, r) => s + r.n, 0) + since.added.reduce((s, r) => s + r.n, 0) : from.reduce((s, r) => s + r.n, 0);
      return { schoolId: null, course: from[0]?.course ?? null, n };
    },
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

  it("adds up again only the district rows a school row of which changed; the rest are the ones kept, and all are as made fresh", () => {
    const a = piece([
      { schoolId: "a", course: "alg", n: 2 },
      { schoolId: "a", course: "bio", n: 1 },
      { schoolId: "a", course: null, n: 3 },
    ]);
    const b = piece([
      { schoolId: "b", course: "alg", n: 3 },
      { schoolId: "b", course: null, n: 3 },
    ]);
    const b2 = piece([
      { schoolId: "b", course: "alg", n: 4 },
      { schoolId: "b", course: null, n: 4 },
    ]);
    const c = piece([
      { schoolId: "c", course: "alg", n: 5 },
      { schoolId: "c", course: null, n: 5 },
    ]);
    const h = how();
    const first = rowsFromParts(joined([a, b, c]), true, h);
    added.length = 0;
    sinces.length = 0;
    const after = rowsFromParts(joined([a, b2, c]), true, h);
    // b holds the total and algebra: those two added up again, each from the row before less b's
    // row plus b2's; biology (a's alone) is the same object.
    expect(added.sort()).toEqual(["", "alg"]);
    const alg = sinces.find((x) => x.key === "alg")!.since!;
    expect(alg.row).toBe(first.find((r) => r.schoolId === null && r.course === "alg"));
    expect(alg.removed).toEqual([b[0]]);
    expect(alg.removed[0]).toBe(b[0]);
    expect(alg.added[0]).toBe(b2[0]);
    expect(alg.added).toHaveLength(1);
    expect(after.find((r) => r.schoolId === null && r.course === "bio")).toBe(first.find((r) => r.schoolId === null && r.course === "bio"));
    expect(after).toEqual(rowsFromParts(joined([a, b2, c]), true, how()));
    expect(after.filter((r) => r.schoolId === null)).toEqual([
      { schoolId: null, course: null, n: 12 },
      { schoolId: null, course: "alg", n: 11 },
      { schoolId: null, course: "bio", n: 1 },
    ]);
    // Back to b's first rows: their district rows are the ones kept from the first time.
    added.length = 0;
    const back = rowsFromParts(joined([a, b, c]), true, h);
    expect(added).toEqual([]);
    expect(back.slice(-3)).toEqual(first.slice(-3));
    back.slice(-3).forEach((r, k) => expect(r).toBe(first.at(k - 3)));
    // Rows not frozen are added up every time, from all their rows; none (a total over no rows) too.
    added.length = 0;
    sinces.length = 0;
    rowsFromParts(
      [...a, ...b2, ...c].map((r) => ({ ...r })),
      true,
      h,
    );
    expect(added.sort()).toEqual(["", "alg", "bio"]);
    expect(sinces.map((x) => x.since)).toEqual([undefined, undefined, undefined]);
    // As many of a key's rows new as it holds (both schools' of two): added up from all of them.
    const a2 = piece([
      { schoolId: "a", course: "alg", n: 1 },
      { schoolId: "a", course: null, n: 1 },
    ]);
    const b3 = piece([
      { schoolId: "b", course: "alg", n: 1 },
      { schoolId: "b", course: null, n: 1 },
    ]);
    sinces.length = 0;
    const fresh = rowsFromParts(joined([a2, b3]), true, h);
    expect(sinces.find((x) => x.key === "alg")!.since).toBeUndefined();
    expect(fresh.slice(-2)).toEqual([
      { schoolId: null, course: null, n: 2 },
      { schoolId: null, course: "alg", n: 2 },
    ]);
  });

  it("adds up a year's district rows from that year's kept rows, when the years are read in turn", () => {
    // Two years' pieces (other row objects), read one after the other, each after a write to school b.
    const year = (n: number) => [piece([{ schoolId: "a", course: "alg", n }]), piece([{ schoolId: "b", course: "alg", n }]), piece([{ schoolId: "c", course: "alg", n }])];
    const h = how();
    const [y1, y2] = [year(1), year(10)];
    const first1 = rowsFromParts(joined(y1), true, h);
    const first2 = rowsFromParts(joined(y2), true, h);
    const b1 = piece([{ schoolId: "b", course: "alg", n: 2 }]);
    const b2 = piece([{ schoolId: "b", course: "alg", n: 20 }]);
    sinces.length = 0;
    const after1 = rowsFromParts(joined([y1[0], b1, y1[2]]), true, h);
    const after2 = rowsFromParts(joined([y2[0], b2, y2[2]]), true, h);
    const algs = sinces.filter((x) => x.key === "alg").map((x) => x.since!);
    expect(algs).toHaveLength(2);
    expect(algs[0].row).toBe(first1.at(-1));
    expect(algs[1].row).toBe(first2.at(-1));
    expect(algs.map((x) => [x.removed.length, x.added.length])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(after1.at(-1)).toEqual({ schoolId: null, course: "alg", n: 4 });
    expect(after2.at(-1)).toEqual({ schoolId: null, course: "alg", n: 40 });
  });
});
