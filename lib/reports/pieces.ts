// The per-school pieces a cube's rows were put together from (cache.ts cachedSchoolRows), for
// readers that work school by school (figures.ts): a write makes its school's piece again and
// leaves the others the same frozen arrays, so what a reader made of a piece can be kept with it.
// No I/O: a registry by rows object.
const pieces = new WeakMap<object, readonly (readonly unknown[])[]>();

/** Records that `rows` is `parts` one after another (each frozen); returns `rows`. */
export function withPieces<T>(rows: readonly T[], parts: readonly (readonly T[])[]): readonly T[] {
  pieces.set(rows, parts);
  return rows;
}

/** The pieces `rows` was put together from, in order, if it was (withPieces). */
export function piecesOf<T>(rows: readonly T[]): readonly (readonly T[])[] | undefined {
  return pieces.get(rows) as readonly (readonly T[])[] | undefined;
}
