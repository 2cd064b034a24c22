// The figures before disclosure avoidance, from the same SQL cubes the pages use, and a check that
// a figure as shown is those counts as the policy allows them out (disclosure.ts): shown exactly,
// coded (the denominator and a bound that holds), or suppressed (nothing).
import { expect } from "vitest";
import { acgrCube, completerCube, dropoutCube, programCube } from "../sql";
import { cellsOf, total, FIGURE_KEYS, type Cubes, type Figure, type FigureKey } from "../figures";
import { cohortsForYear } from "../periods";
import { groupTallies } from "../equity";
import { GROUPS } from "../groups";

export async function cubesOf(schoolId: string | null, year: number): Promise<Cubes> {
  const ids = schoolId ? [schoolId] : null;
  const [acgr, dropout, completers, program] = await Promise.all([
    acgrCube(Object.values(cohortsForYear(year)), ids),
    dropoutCube([year], ids),
    completerCube([year], ids),
    programCube([year], ids),
  ]);
  return { acgr, dropout, completers, program };
}

/** Each figure's numerator and denominator for a school (or the district), unsuppressed. */
export async function byCube(schoolId: string | null, year: number): Promise<Record<FigureKey, { numerator: number; denominator: number }>> {
  const cubes = await cubesOf(schoolId, year);
  return Object.fromEntries(FIGURE_KEYS.map((k) => [k, total(cellsOf(cubes, k, year, schoolId ?? undefined))])) as Record<FigureKey, { numerator: number; denominator: number }>;
}

/** One group's counts, unsuppressed. */
export async function groupByCube(schoolId: string, year: number, figure: FigureKey, group: string): Promise<{ numerator: number; denominator: number }> {
  const t = groupTallies(cellsOf(await cubesOf(schoolId, year), figure, year, schoolId))[GROUPS.findIndex((g) => g.key === group)];
  return { numerator: t.numerators[0], denominator: t.denominator };
}

export function expectShownAs(f: Pick<Figure, "numerator" | "denominator" | "coded" | "suppression">, raw: { numerator: number; denominator: number }, what = ""): void {
  if (f.suppression === "suppressed") return expect({ what, numerator: f.numerator, denominator: f.denominator }).toEqual({ what, numerator: null, denominator: null });
  expect({ what, denominator: f.denominator }).toEqual({ what, denominator: raw.denominator });
  if (f.suppression === "none") return expect({ what, numerator: f.numerator }).toEqual({ what, numerator: raw.numerator });
  expect(f.coded!.op === "≤" ? raw.numerator <= 1 : raw.numerator >= raw.denominator - 1, what).toBe(true);
}
