import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Viewer } from "@/lib/access";
import { db, type Tx } from "@/lib/db";

// Audit trail: who read or changed which student record, when, what. Writes pass their
// transaction so the event commits (or rolls back) with the change it describes.

export type AuditInput = {
  action: string; // "student.read", "enrollment.create", "result.record", …
  studentId?: string | null;
  entity?: string;
  entityId?: string;
  details?: Prisma.InputJsonValue;
};

export async function recordAudit(viewer: Viewer | null, input: AuditInput, tx?: Tx): Promise<void> {
  await (tx ?? db()).auditEvent.create({
    data: {
      userId: viewer?.id ?? null,
      action: input.action,
      studentId: input.studentId ?? null,
      entity: input.entity ?? null,
      entityId: input.entityId ?? null,
      ...(input.details === undefined ? {} : { details: input.details }),
    },
  });
}
