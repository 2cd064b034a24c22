import "server-only";
import type { Viewer } from "@/lib/access";
import { exportAudit, type ExportedStudents } from "@/lib/sql/queries/export-audit";

// An export's audit event (issue 14): who, the filter, how many students and which (one
// AuditEventStudent row each), written by one statement before the first line is sent, so a
// download cut short is still on the record (lib/sql/queries/export-audit.ts).

const SCOPE = { COUNSELOR: "own caseload", SCHOOL_ADMIN: "own school", DISTRICT_ADMIN: "district" } as const;

export async function auditExport(viewer: Viewer, action: string, students: ExportedStudents, filter: Record<string, string> = {}): Promise<void> {
  await exportAudit(viewer, action, students, { scope: SCOPE[viewer.role], ...filter }).execute();
}
