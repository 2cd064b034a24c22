import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { sqlRows } from "@/lib/db";
import type { Viewer } from "@/lib/access";

// An export's audit event (issue 14): who, the filter, how many students and which (their ids, in
// details.ids), written by one INSERT … SELECT before the first line is sent, so a download cut
// short is still on the record. `students` selects the exported students' ids as column `id`.

const SCOPE = { COUNSELOR: "own caseload", SCHOOL_ADMIN: "own school", DISTRICT_ADMIN: "district" } as const;

export async function auditExport(viewer: Viewer, action: string, students: Prisma.Sql, filter: Record<string, string> = {}): Promise<void> {
  const details = JSON.stringify({ scope: SCOPE[viewer.role], ...filter });
  await sqlRows(Prisma.sql`
    INSERT INTO "AuditEvent" ("at", "userId", "action", "entity", "details")
    SELECT ${new Date()}, ${viewer.id}, ${action}, 'Student',
           jsonb_build_object('filter', ${details}::jsonb, 'students', count(*), 'ids', coalesce(jsonb_agg(x.id ORDER BY x.id), '[]'::jsonb))
    FROM (${students}) x`);
}
