// Which schools the district summary's "Schools side by side" table shows (components/reports/
// schools-table.tsx): a district of a few dozen schools sees every one; a large one (the city scale's
// 400: 2.2 MB of HTML a view, ~1.7 KB a school) sees SCHOOLS_AT_ONCE at a time in the table's sort
// order, can page through them or ask for all, and can find a school by name. The CSV export keeps
// every school. Pure: no I/O.
import { z } from "zod";
import type { DistrictSummary } from "./queries";
import type { FigureKey } from "./figures";

export type SchoolSort = "name" | FigureKey;

/** Sort order: suppressed ("—") rates always last, whichever direction. */
export function ordered(summary: DistrictSummary, sort: SchoolSort, dir: "asc" | "desc") {
  const sign = dir === "asc" ? 1 : -1;
  return [...summary.schools].sort((a, b) => {
    if (sort === "name") return sign * a.name.localeCompare(b.name);
    const x = a.figures[sort].rate;
    const y = b.figures[sort].rate;
    if (x == null || y == null) return x == null && y == null ? a.name.localeCompare(b.name) : x == null ? 1 : -1;
    return sign * (x - y) || a.name.localeCompare(b.name);
  });
}

/** Above this many schools the table pages (a district of 30 sees all of them, as before). */
export const PAGE_ABOVE = 60;
/** Schools shown at once when the table pages. */
export const SCHOOLS_AT_ONCE = 50;

/** `show`: how many a page holds ("all": one page); `page`: 1-based; `q`: part of a school's name. */
export type SchoolsView = { q: string; show: number | "all"; page: number; asked: boolean };

const params = z.object({
  q: z.string().trim().max(100).catch(""),
  show: z
    .union([z.literal("all"), z.coerce.number().int().min(1).max(1000)])
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/**
 * The view asked for in the page's query (`q`, `show`, `page`), for a district of `total` schools.
 * Anything unreadable falls back to the default (never an error: a hand-edited link still shows
 * the table). `asked`: the query said how to page or what to find (the controls then show even
 * for a small district).
 */
export function schoolsView(raw: Record<string, string | undefined>, total: number): SchoolsView {
  const p = params.parse({ q: raw.q ?? "", show: raw.show, page: raw.page ?? 1 });
  return {
    q: p.q,
    show: p.show ?? (total > PAGE_ABOVE ? SCHOOLS_AT_ONCE : "all"),
    page: p.page,
    asked: p.q !== "" || p.show !== undefined,
  };
}

/** A name as compared when finding a school: no case, no accents ("Éire" finds "eire"). */
const folded = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/**
 * The rows of one page of `sorted` (already in the table's order) matching `v.q`: `matching` of
 * `total` match, the page shows `from`–`to` of them (1-based; 0–0 when none match), page `page`
 * of `pages` (a page past the last shows the last).
 */
export function shownSchools<T extends { name: string }>(sorted: readonly T[], v: SchoolsView) {
  const q = folded(v.q);
  const matches = q ? sorted.filter((s) => folded(s.name).includes(q)) : sorted;
  const size = v.show === "all" ? Math.max(matches.length, 1) : v.show;
  const pages = Math.max(1, Math.ceil(matches.length / size));
  const page = Math.min(v.page, pages);
  const start = (page - 1) * size;
  const rows = matches.slice(start, start + size);
  return { rows, matching: matches.length, total: sorted.length, from: rows.length ? start + 1 : 0, to: start + rows.length, page, pages };
}
