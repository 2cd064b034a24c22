// The geometry of the report charts (issue #18), drawn as SVG on the server
// (components/reports/trend-chart.tsx, bar-chart.tsx): no chart library in the browser, and no style
// attributes, so the CSP needs no 'unsafe-inline' for styles. Pure: no I/O, no DOM.
//
// Conventions every chart follows: straight segments between points (never smoothed: a curve
// would draw values between school years that no one measured); axis ticks at round values (1, 2,
// 2.5 or 5 × a power of ten); a rate axis from 0 to at least the largest value, at most 100%.

/**
 * Round tick values covering [0, max] with about `count` steps (max ≤ 0 → 0..10; a top below 1 is
 * drawn to 1, so a rate axis never ticks finer than the rates' own tenths).
 */
export function niceTicks(max: number, count = 5, cap = Infinity): number[] {
  const top = Math.min(cap, max > 0 ? Math.max(max, 1) : 10);
  const rough = top / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const last = Math.min(Math.ceil(top / step - 1e-9) * step, cap);
  const out: number[] = [];
  for (let v = 0; v <= last + step / 1e6; v += step) out.push(Math.round(v * 1e6) / 1e6);
  return out;
}

/** A linear scale from [0, domainMax] onto [from, to] (to < from for a y axis drawn downwards). */
export function scale(domainMax: number, from: number, to: number): (v: number) => number {
  const k = domainMax > 0 ? (to - from) / domainMax : 0;
  return (v) => Math.round((from + v * k) * 10) / 10;
}

export type Pt = { x: number; y: number };

/** Straight segments through the points; a null breaks the line ("M x y L x y …", one "M" per run). */
export function linePath(points: (Pt | null)[]): string {
  let d = "";
  let drawing = false;
  for (const p of points) {
    if (!p) {
      drawing = false;
      continue;
    }
    d += `${drawing ? " L" : d ? " M" : "M"} ${p.x} ${p.y}`;
    drawing = true;
  }
  return d;
}

/**
 * A trend line split for the "not final" styling (lib/reports/periods.ts): the solid part joins
 * consecutive final values; the dashed part joins each value that is not final to the value before
 * it (so the dashes start where the solid line ends). Open years are the latest.
 */
export function splitFinal(values: (number | null)[], final: boolean[]): { solid: (number | null)[]; dashed: (number | null)[] } {
  const solid = values.map((v, i) => (final[i] ? v : null));
  const dashed = values.map((v, i) => (!final[i] || (i + 1 < values.length && !final[i + 1]) ? v : null));
  return { solid, dashed };
}

/**
 * What a chart with nothing to draw says instead. A value can be missing four ways: coded (a bound
 * within one student of none or all), hidden to protect students' privacy, without records, or
 * with records but no rate yet (0 of 0 counted). Coded values are named and sent to the table
 * view; hidden ones are named as hidden; only a chart without a single record says "No data".
 */
export function nothingToDraw(cells: { value: number | null; coded: unknown; hidden?: boolean; noRecords?: boolean }[]): string {
  const missing = cells.filter((c) => c.value == null);
  if (missing.some((c) => c.coded != null))
    return "No exact values to draw: each is a bound (within one student of none or all) or hidden to protect students’ privacy. The table view gives the bounds.";
  const hidden = missing.filter((c) => c.hidden).length;
  if (hidden > 0 && hidden === cells.length)
    return "No values to draw: every one is hidden to protect students’ privacy (fewer than 6 students, or a value from which a small group could be worked out).";
  if (hidden > 0) return "No values to draw: each is hidden to protect students’ privacy, has no records, or has no rate yet. The table view says which.";
  if (cells.every((c) => c.noRecords !== false)) return "No data for these school years.";
  return "No values to draw: no rate yet in these school years (nothing counted so far), or no records. The table view says which.";
}
