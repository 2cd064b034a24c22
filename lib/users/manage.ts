import "server-only";
import { db, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit";
import { holdsCaseload, NotFoundError, type Viewer, assertCan } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import type { ChangeRoleInput, CreateUserInput } from "./schema";

// Adding a staff account and changing its role or school (district admins only). A new account
// has no password: the administrator sets one or issues a one-time link (./passwords.ts), unless
// the person signs in through the district's single sign-on.

async function schoolExists(tx: Tx, schoolId: string | null): Promise<void> {
  if (schoolId && !(await tx.school.findUnique({ where: { id: schoolId }, select: { id: true } }))) {
    throw new DomainError("Choose a school from the list", "schoolId");
  }
}

/** An email already used by another account, compared case-insensitively (older rows may not be in lower case). */
async function emailTaken(tx: Tx, email: string, except?: string): Promise<boolean> {
  const other = await tx.user.findFirst({ where: { email: { equals: email, mode: "insensitive" }, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  return other !== null;
}

export async function createUser(viewer: Viewer, input: CreateUserInput): Promise<{ userId: string }> {
  assertCan(viewer, "users.manage");
  const add = db().$transaction(async (tx) => {
    await schoolExists(tx, input.schoolId);
    if (await emailTaken(tx, input.email)) throw new DomainError("Another account already uses this email address", "email");
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, schoolId: input.schoolId }, select: { id: true } });
    await recordAudit(
      viewer,
      { action: "user.add", entity: "User", entityId: user.id, details: { email: input.email, name: input.name, role: input.role, schoolId: input.schoolId } },
      tx,
    );
    return { userId: user.id };
  });
  // Two administrators adding the same address at once: the unique index decides; same message.
  return add.catch((e: unknown) => {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new DomainError("Another account already uses this email address", "email");
    throw e;
  });
}

/**
 * A new role or school for someone else (never oneself: a district admin cannot demote themself by
 * a slip, and the district keeps at least the admin making the change). Refused while it would
 * leave students on the person's caseload whom they no longer serve — a counselor who moves school
 * or stops being a counselor hands their caseload over first (the reassign page). The role and
 * school are read again on every request (lib/auth/sessions.ts), so the change applies at once.
 */
export async function changeRole(viewer: Viewer, input: ChangeRoleInput): Promise<{ userId: string; changed: boolean }> {
  assertCan(viewer, "users.manage");
  if (input.userId === viewer.id) throw new DomainError("You cannot change your own role or school: ask another district administrator.", "userId");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, role: true, schoolId: true } });
    if (!user) throw new NotFoundError("User");
    if (user.role === input.role && user.schoolId === input.schoolId) return { userId: user.id, changed: false };
    await schoolExists(tx, input.schoolId);
    const stranded = await tx.student.count({
      where: { counselorId: user.id, ...(holdsCaseload(input.role) && input.schoolId ? { schoolId: { not: input.schoolId } } : {}) },
    });
    if (stranded > 0) {
      throw new DomainError(
        `${stranded.toLocaleString("en-US")} student${stranded === 1 ? " is" : "s are"} on this person's caseload at a school they would no longer serve as a counselor: reassign ${stranded === 1 ? "that student" : "those students"} first.`,
        "role",
      );
    }
    await tx.user.update({ where: { id: user.id }, data: { role: input.role, schoolId: input.schoolId } });
    await recordAudit(
      viewer,
      {
        action: "user.role",
        entity: "User",
        entityId: user.id,
        details: { before: { role: user.role, schoolId: user.schoolId }, after: { role: input.role, schoolId: input.schoolId } },
      },
      tx,
    );
    return { userId: user.id, changed: true };
  });
}
