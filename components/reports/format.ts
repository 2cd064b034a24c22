// How report numbers read on screen. Suppressed values are null and read "—" (MA DESE convention).
export const DASH = "—";
export const fmtRate = (v: number | null | undefined) => (v == null ? DASH : `${v.toFixed(1)}%`);
export const fmtCount = (v: number | null | undefined, suppressedAs = "<6") => (v == null ? suppressedAs : v.toLocaleString("en-US"));
export const fmtGap = (v: number | null | undefined) => (v == null ? DASH : `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toFixed(1)} pts`);

export function query(base: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}
