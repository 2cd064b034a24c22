// How a number a person reads is written, for grades and credits alike. Pure: no imports.

/**
 * At most 2 decimals, no trailing zeros: 54, 54.5, 54.25, 0.5, 16.499999 → 16.5. Grades
 * (lib/enrollments/credit.ts and the pages showing a final grade) and credits
 * (lib/students/credits.ts creditNumber) are both written so.
 */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

const DOLLARS = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" });

/** Dollars and cents as a contract states them: 125000 → "$125,000.00" (a Decimal's text as well). */
export function formatDollars(amount: number | string): string {
  return DOLLARS.format(Number(amount));
}
