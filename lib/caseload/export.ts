import "server-only";
import { NotFoundError, type Viewer } from "@/lib/access";
import { auditExport } from "@/lib/exports/audit";
import { isoDay } from "@/lib/calendar";
import { csvLine } from "@/lib/exports/csv";
import { caseloadView, type CaseloadRow } from "@/lib/students/caseload";
import { creditNumber } from "@/lib/students/credits";
import type { CaseloadParams } from "@/lib/students/schema";
import { CASELOAD_HEADERS as H } from "./columns";
import { rankedReasons } from "./rules";
import { PROGRAM_FLAG_LABEL, RISK_LEVEL_LABEL } from "@/lib/labels";

// The caseload as CSV (issue 16): the current view (every page of the filter, in its sort order)
// or the selected rows. The columns are the page's headers (lib/caseload/columns.ts), with the
// Student cell split into name, SIS id and programs and the risk into level and reasons, so a
// spreadsheet can sort and filter them. Formula-escaped by the export writer (lib/exports/csv.ts),
// audited as every export is (lib/exports/audit.ts): one event naming each student exported.

export const CASELOAD_CSV_COLUMNS = [
  H.student,
  "SIS id",
  "Programs",
  "Needs attention",
  H.counselor,
  H.grade,
  H.cohort,
  H.risk,
  "Risk reasons",
  H.credits,
  H.needed,
  H.courses,
  H.activity,
  H.note,
] as const;

function line(r: CaseloadRow): string {
  return csvLine([
    r.name,
    r.sisId,
    r.flags.map((f) => PROGRAM_FLAG_LABEL[f]).join(", "),
    r.needsAttention,
    r.counselorName,
    r.gradeLevel,
    r.cohortYear,
    RISK_LEVEL_LABEL[r.risk.level],
    rankedReasons(r.risk)
      .map((x) => x.brief)
      .join("; "),
    `${creditNumber(r.creditsEarned)} / ${creditNumber(r.creditsRequired)}`,
    creditNumber(r.creditsStillNeeded),
    r.courses.map((c) => `${c.title}: ${c.progress}% (${c.pace === "ON_PACE" ? "on pace" : c.pace.toLowerCase()})`).join("; "),
    r.daysSinceActivity,
    isoDay(r.latestNoteDay),
  ]);
}

/**
 * The rows to write: the view's, or only the `ids` selected, each of which must be in the view's
 * scope (one that is not refuses the download as not found, like the bulk note).
 */
export async function caseloadExportRows(viewer: Viewer, p: CaseloadParams, asOf: Date, ids: string[] | null): Promise<CaseloadRow[]> {
  // A selection is read by id across every status and filter (its sort kept): the ids name the
  // students, the viewer's scope bounds them.
  const params: CaseloadParams = ids
    ? { ...p, q: undefined, school: undefined, counselor: undefined, risk: undefined, grade: undefined, cohort: undefined, flag: [], status: "ALL", attention: false }
    : p;
  const { rows } = await caseloadView(viewer, params, asOf, null, ids ?? undefined);
  if (!ids) return rows;
  const want = new Set(ids);
  const picked = rows.filter((r) => want.has(r.id));
  if (picked.length !== want.size) {
    const seen = new Set(picked.map((r) => r.id));
    throw new NotFoundError(
      "Student",
      ids.find((id) => !seen.has(id)),
    );
  }
  return picked;
}

export async function* caseloadCsv(viewer: Viewer, rows: CaseloadRow[], filter: Record<string, string>): AsyncGenerator<string> {
  const ids = rows.map((r) => r.id);
  await auditExport(viewer, "export.caseload", { ids }, filter);
  yield csvLine([...CASELOAD_CSV_COLUMNS]);
  for (let i = 0; i < rows.length; i += 500)
    yield rows
      .slice(i, i + 500)
      .map(line)
      .join("");
}
