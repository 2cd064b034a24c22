// Small-group suppression, following MA DESE's public-reporting practice (DESE "Data
// Suppression" rules for school and district profiles): a figure about fewer than 6 students is not
// shown ("—"), and — complementary suppression — a figure that would let a suppressed one be
// recomputed by subtraction from the total is hidden too.
//
// Our rule, applied to every exhaustive partition of a total (the 7 race/ethnicity groups, the
// gender groups, the schools of the district):
//  1. primary: a cell with n < 6 shows "—" for its rate and "<6" for its size;
//  2. complementary: if exactly one cell with students (n ≥ 1) is primary-suppressed, its counts
//     could be recovered as total − the other cells, so the smallest remaining shown cell (ties: the
//     first listed) is suppressed as well. Two or more suppressed cells only reveal their sum.
// Empty cells (n = 0) are suppressed but protect nothing (everyone can tell they are empty).
// Single groups shown without their complement (students with disabilities, English learners, low
// income: "not EL" is never shown) need only rule 1.

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
