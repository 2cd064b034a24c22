import { piecesOf } from "./pieces";

// A report's rows put together from each school's rows (quality-parts.ts, program-parts.ts): the
// schools' rows as read, then the district's, each added up from the schools' rows of its key
// (course, program, provider; or the total). After a write only the schools it touched are read
// again (cache.ts keeps a frozen piece per school, pieces.ts): a school's rows as read, and the
// district row each adds to, are kept with its piece (at the city scale, 20,000 school rows were
// made again after every write). The district's rows are added up again every time: a school has
// rows in most of them, so a write at one changes most. No I/O.

export type FromParts<S extends object, R> = {
  /** A school's row as the report gives it. */
  asRead: (r: S) => R;
  /** The district row a school row adds to. */
  key: (r: S) => string;
  /** The district's total row's key: its row is made even from no school rows. */
  total: string;
  /** The district's row of a key, added up from its school rows (in the order read). */
  addUp: (from: readonly S[]) => R;
  /** Each piece's rows as read and their keys (one per report: made with keptRows). */
  kept: KeptRows<R>;
};
export type KeptRows<R> = WeakMap<object, { asRead: R[]; keys: string[] }>;
export const keptRows = <R>(): KeptRows<R> => new WeakMap();

/**
 * Each school's rows as read, and with `district` the district's after them: the total first, then
 * by key in the order the school rows first hold them.
 */
export function rowsFromParts<S extends object, R>(rows: readonly S[], district: boolean, how: FromParts<S, R>): R[] {
  const out: R[] = [];
  const keys: string[] = [];
  const parts = piecesOf(rows);
  if (parts && parts.every((p) => Object.isFrozen(p)))
    for (const p of parts) {
      let piece = how.kept.get(p);
      if (!piece) how.kept.set(p, (piece = { asRead: p.map(how.asRead), keys: district ? p.map(how.key) : [] }));
      else if (district && piece.keys.length !== p.length) piece.keys = p.map(how.key);
      for (const r of piece.asRead) out.push(r);
      if (district) for (const k of piece.keys) keys.push(k);
    }
  else
    for (const r of rows) {
      out.push(how.asRead(r));
      if (district) keys.push(how.key(r));
    }
  if (!district) return out;
  const groups = new Map<string, S[]>([[how.total, []]]);
  rows.forEach((r, i) => {
    const g = groups.get(keys[i]);
    if (g) g.push(r);
    else groups.set(keys[i], [r]);
  });
  for (const from of groups.values()) out.push(how.addUp(from));
  return out;
}
