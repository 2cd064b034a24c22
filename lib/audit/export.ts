import "server-only";
import type { Viewer } from "@/lib/access";
import { filterDetails, recordAudit } from "@/lib/audit";
import { csvLine } from "@/lib/exports/csv";
import { formatMoment } from "@/lib/calendar";
import { assertCanAudit, auditEvents, countAudit, type AuditFilter } from "./search";

// The filtered audit log as CSV (district administrators only), newest first. The export is itself
// an event (`audit.export`, with the filter and how many events it holds), written before the
// first line is sent. Times in UTC (ISO 8601) and in the district's zone; the action as its code
// and in words; the details as the JSON stored.

export const AUDIT_EXPORT_COLUMNS = [
  "at_utc",
  "at_district",
  "user_name",
  "user_email",
  "action",
  "what",
  "student_sis_id",
  "student_name",
  "record",
  "summary",
  "details",
] as const;

export async function* auditCsv(viewer: Viewer, filter: AuditFilter): AsyncGenerator<string> {
  assertCanAudit(viewer);
  const events = await countAudit(viewer, filter);
  await recordAudit(viewer, { action: "audit.export", details: { filter: filterDetails({ ...filter, page: undefined }), events } });
  yield csvLine([...AUDIT_EXPORT_COLUMNS]);
  for await (const rows of auditEvents(viewer, filter)) {
    yield rows
      .map((r) =>
        csvLine([
          r.at.toISOString(),
          formatMoment(r.at),
          r.user?.name ?? null,
          r.user?.email ?? null,
          r.action,
          r.label,
          r.student?.sisId ?? null,
          r.student ? `${r.student.lastName}, ${r.student.firstName}` : null,
          r.record,
          r.summary,
          r.details === null ? null : JSON.stringify(r.details),
        ]),
      )
      .join("");
  }
}
