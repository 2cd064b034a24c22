import { piecesOf } from "./pieces";

// A report's rows put together from each school's rows (quality-parts.ts, program-parts.ts): the
// schools' rows as read, then the district's, each added up from the schools' rows of its key
// (course, program, provider; or the total). After a write only the schools it touched are read
// again (cache.ts keeps a frozen piece per school, pieces.ts): a school's rows as read, and the
// district row each adds to, are kept with its piece (at the city scale, 20,000 school rows were
// made again after every write). A district row is added up again only when one of the school rows
// it adds up is not the one it was added up from last time: a school has rows in a few of the
// district's (~50 of the quality report's ~300 at the city scale), and adding up all of them again,
// their percentiles selected from 400 schools' values, was ~40 ms of the district quality view
// after every write. No I/O.

export type FromParts<S extends object, R> = {
  /** A school's row as the report gives it. */
  asRead: (r: S) => R;
  /** The district row a school row adds to. */
  key: (r: S) => string;
  /** The district's total row's key: its row is made even from no school rows. */
  total: string;
  /**
   * The district's row of a key, added up from its school rows (in the order read); `since`, when
   * given, is the row last added up for the key and which school rows it had that `from` has not
   * (`removed`) and which `from` has that it had not (`added`), to add up from there. `frozen`:
   * the school rows come from frozen pieces (cache.ts freezes each row and the lists it holds), so
   * what is kept by them (kept percentiles: program-parts.ts percentilesKept) may be trusted.
   */
  addUp: (from: readonly S[], since?: Since<S, R>, frozen?: boolean) => R;
  /** Each piece's rows as read and their keys, and the district rows last added up (one per report: made with keptRows). */
  kept: KeptRows<R>;
};
/**
 * A district row's school rows since the row last added up for its key: `from` is that row's
 * school rows with `removed` (those after the first `start` and before the last `end`) replaced by `added`.
 */
export type Since<S, R> = { row: R; removed: readonly S[]; added: readonly S[]; start: number; end: number };
/** `last` (one item a school row of `since.row`) with the items of the rows replaced made again: one item a row of `from`. */
export const spliced = <S, T>(last: readonly T[], since: Since<S, unknown>, item: (r: S) => T): T[] => [
  ...last.slice(0, since.start),
  ...since.added.map(item),
  ...last.slice(last.length - since.end),
];
export type KeptRows<R> = {
  pieces: WeakMap<object, { asRead: R[]; keys: string[] }>;
  /** By key, the district rows last added up and the school rows each was added up from, the latest first. */
  sums: Map<string, { from: readonly object[]; row: R }[]>;
};
export const keptRows = <R>(): KeptRows<R> => ({ pieces: new WeakMap(), sums: new Map() });
/**
 * District rows kept a key: the years a report reads in turn (the summary's trend: five) each find
 * theirs. A row is kept by the very school rows it was added up from, so it never outlives them
 * for long: at most this many sets of school rows a key.
 */
const SUMS_PER_KEY = 6;

/**
 * Each school's rows as read, and with `district` the district's after them: the total first, then
 * by key in the order the school rows first hold them.
 */
export function rowsFromParts<S extends object, R extends object>(rows: readonly S[], district: boolean, how: FromParts<S, R>): R[] {
  const out: R[] = [];
  const keys: string[] = [];
  const parts = piecesOf(rows);
  // Pieces frozen by cache.ts hold rows frozen with them: only those rows are kept by.
  const frozen = !!parts && parts.every((p) => Object.isFrozen(p));
  if (parts && frozen)
    for (const p of parts) {
      let piece = how.kept.pieces.get(p);
      if (!piece) how.kept.pieces.set(p, (piece = { asRead: p.map((r) => Object.freeze(how.asRead(r))), keys: district ? p.map(how.key) : [] }));
      else if (district && piece.keys.length !== p.length) piece.keys = p.map(how.key);
      for (const r of piece.asRead) out.push(r);
      if (district) for (const k of piece.keys) keys.push(k);
    }
  else
    for (const r of rows) {
      out.push(Object.freeze(how.asRead(r)));
      if (district) keys.push(how.key(r));
    }
  if (!district) return out;
  const groups = new Map<string, S[]>([[how.total, []]]);
  rows.forEach((r, i) => {
    const g = groups.get(keys[i]);
    if (g) g.push(r);
    else groups.set(keys[i], [r]);
  });
  for (const [key, from] of groups) out.push(addedUp(how, key, from, frozen));
  return out;
}

/**
 * The district row of `key` added up from `from` (frozen): the one kept when it was added up from
 * the same school rows (the same frozen objects, in the same order), else added up from the kept
 * row of the key that shares most of them (Since), or from all of them.
 * The school rows carry the year they were read for, so the same rows are the same year's; none (a
 * district total over no rows) is added up every time, as are rows not from frozen pieces.
 */
function addedUp<S extends object, R extends object>(how: FromParts<S, R>, key: string, from: readonly S[], frozen: boolean): R {
  if (!frozen || from.length === 0) return Object.freeze(how.addUp(from));
  const list = how.kept.sums.get(key) ?? [];
  const at = list.findIndex((x) => sameRows(x.from, from));
  if (at >= 0) {
    const hit = list[at];
    if (at > 0) (list.splice(at, 1), list.unshift(hit));
    return hit.row;
  }
  // From the kept row whose school rows `from` shares most of at its start and end (another
  // year's, the summary's trend reads five in turn, shares none).
  let nearest: (typeof list)[number] | undefined;
  let most = 0;
  for (const x of list) {
    const [start, end] = unchanged(x.from, from);
    if (start + end > most) ((nearest = x), (most = start + end));
  }
  const row = Object.freeze(how.addUp(from, nearest && since(nearest, from), true));
  list.unshift({ from, row });
  if (list.length > SUMS_PER_KEY) list.pop();
  how.kept.sums.set(key, list);
  return row;
}
/**
 * What changed from `last`'s school rows to `from`: the rows between the two lists' longest common
 * start and end (a write at one school replaces that school's rows, in place: the schools keep their
 * order). Undefined when no fewer than `from` holds changed.
 */
function since<S extends object, R>(last: { from: readonly object[]; row: R }, from: readonly S[]): Since<S, R> | undefined {
  const [start, end] = unchanged(last.from, from);
  const removed = last.from.slice(start, last.from.length - end) as S[];
  const added = from.slice(start, from.length - end);
  return removed.length + added.length < from.length ? { row: last.row, removed, added, start, end } : undefined;
}
/** How many items `a` and `b` share at their start, and then at their end (the same objects). */
export function unchanged(a: readonly unknown[], b: readonly unknown[]): [number, number] {
  const most = Math.min(a.length, b.length);
  let start = 0;
  while (start < most && a[start] === b[start]) start++;
  let end = 0;
  while (end < most - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return [start, end];
}
const sameRows = (a: readonly object[], b: readonly object[]) => {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
};
