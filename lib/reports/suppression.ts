// Superseded by the disclosure policy (disclosure.ts, DEFINITIONS.md "Suppression"), which decides
// every figure, equity table, schools table, trend and program table over all the aggregates a
// viewer sees. What remains is the old one-partition rule, still used by the completers-by-grade
// table (completer-grades.ts) until that table is routed through disclosure.ts: a cell with n < 6
// is hidden and, when exactly one cell with students is, the smallest other one too. It does not
// protect across tables, numerators, complements or near-0%/100% rates.
export const MIN_GROUP_SIZE = 6;

export type Suppression = "none" | "primary" | "complementary";

export function isSuppressed(n: number): boolean {
  return n < MIN_GROUP_SIZE;
}

/** Suppression of each cell of a partition, in input order. */
export function suppressPartition(sizes: number[], exhaustive: boolean): Suppression[] {
  const out: Suppression[] = sizes.map((n) => (isSuppressed(n) ? "primary" : "none"));
  if (!exhaustive) return out;
  const exposed = sizes.filter((n, i) => out[i] === "primary" && n > 0).length;
  if (exposed !== 1) return out;
  let pick = -1;
  sizes.forEach((n, i) => {
    if (out[i] === "none" && (pick < 0 || n < sizes[pick])) pick = i;
  });
  if (pick >= 0) out[pick] = "complementary";
  return out;
}
