// How report numbers read on screen. Suppressed values are null and read "—" (DEFINITIONS.md
// "Suppression": a hidden size reads "—" too, whether the group is small or protects a small one);
// a coded rate reads "≤ 10.0%" / "≥ 90.0%".
import type { Coded } from "@/lib/reports/disclosure";

export const DASH = "—";
export const fmtRate = (v: number | null | undefined, coded?: Coded | null) => (coded ? `${coded.op} ${coded.bound.toFixed(1)}%` : v == null ? DASH : `${v.toFixed(1)}%`);
export const fmtCount = (v: number | null | undefined, suppressedAs = DASH) => (v == null ? suppressedAs : v.toLocaleString("en-US"));
/** What a hidden value means, for a title or a footnote. */
export const HIDDEN_NOTE =
  "“—”: hidden to protect students’ privacy — fewer than 6 students, or a value from which a small group could be worked out. “≤”/“≥”: a rate within one student of none or all.";
export const fmtGap = (v: number | null | undefined) => (v == null ? DASH : `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toFixed(1)} pts`);

export function query(base: string, params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v != null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${base}?${s}` : base;
}
