import type { CaseloadParams } from "@/lib/students/schema";

/** The caseload URL for `p` with `changes` applied; defaults are left out so links stay short. */
export function caseloadHref(p: CaseloadParams, changes: Partial<CaseloadParams> = {}): string {
  const next = { ...p, ...changes };
  const q = new URLSearchParams();
  if (next.q) q.set("q", next.q);
  if (next.school) q.set("school", next.school);
  if (next.counselor) q.set("counselor", next.counselor);
  if (next.risk) q.set("risk", next.risk);
  if (next.grade !== undefined) q.set("grade", String(next.grade));
  if (next.cohort !== undefined) q.set("cohort", String(next.cohort));
  for (const f of next.flag) q.append("flag", f);
  if (next.status !== "ENROLLED") q.set("status", next.status);
  if (next.attention) q.set("attention", "1");
  if (next.sort !== "risk") q.set("sort", next.sort);
  if (next.dir) q.set("dir", next.dir);
  if (next.page > 1) q.set("page", String(next.page));
  const s = q.toString();
  return s ? `/caseload?${s}` : "/caseload";
}

/** The caseload URL's query without the page: what a saved view names (filters and sort). */
export function caseloadViewQuery(p: CaseloadParams): string {
  const href = caseloadHref({ ...p, page: 1 });
  return href.includes("?") ? href.slice(href.indexOf("?") + 1) : "";
}
