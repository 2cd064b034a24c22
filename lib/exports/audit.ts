import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db";
import type { Viewer } from "@/lib/access";

// An export's audit event (issue 14): who, the filter, how many students and which (one
// AuditEventStudent row each), written by one statement before the first line is sent, so a
// download cut short is still on the record. `students` selects the exported students' ids as
// column `id`.

const SCOPE = { COUNSELOR: "own caseload", SCHOOL_ADMIN: "own school", DISTRICT_ADMIN: "district" } as const;

export async function auditExport(viewer: Viewer, action: string, students: Prisma.Sql, filter: Record<string, string> = {}): Promise<void> {
  const details = JSON.stringify({ scope: SCOPE[viewer.role], ...filter });
  await sqlRows(Prisma.sql`
    WITH x AS (SELECT DISTINCT id FROM (${students}) s),
    ev AS (
      INSERT INTO "AuditEvent" ("at", "userId", "action", "entity", "details")
      SELECT ${new Date()}, ${viewer.id}, ${action}, 'Student', jsonb_build_object('filter', ${details}::jsonb, 'students', (SELECT count(*) FROM x))
      RETURNING id
    )
    INSERT INTO "AuditEventStudent" ("eventId", "studentId") SELECT ev.id, x.id FROM ev CROSS JOIN x`);
}
