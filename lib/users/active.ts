import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { revokeSessions } from "@/lib/auth/sessions";
import { assertCan, NotFoundError, type Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import type { SetActiveInput } from "./schema";

/**
 * Deactivate or reactivate a staff account (district admins only). A deactivated user is shut out
 * at once: every session of theirs is revoked (lib/auth/sessions.ts), so a copied session cookie
 * stays dead even after a reactivation. A district admin cannot deactivate themself (the district must never lock itself out
 * by a slip of the hand).
 */
export async function setUserActive(viewer: Viewer, input: SetActiveInput): Promise<{ userId: string; active: boolean; name: string }> {
  assertCan(viewer, "users.manage");
  if (input.userId === viewer.id && !input.active) throw new DomainError("You cannot deactivate your own account.", "userId");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, active: true, name: true } });
    if (!user) throw new NotFoundError("User");
    if (user.active !== input.active) {
      // deactivatedAt marks an administrator's decision, which a roster import's `active` does not undo.
      await tx.user.update({ where: { id: user.id }, data: { active: input.active, deactivatedAt: input.active ? null : new Date() } });
      if (!input.active) {
        await revokeSessions(user.id, "deactivated", tx);
        // Unused set-password links die with the account: theirs (a reactivation must not revive
        // one) and those they issued to others (a departing administrator's links open nothing).
        await tx.passwordSetToken.deleteMany({ where: { usedAt: null, OR: [{ userId: user.id }, { createdById: user.id }] } });
      }
      await recordAudit(viewer, { action: input.active ? "user.reactivate" : "user.deactivate", entity: "User", entityId: user.id }, tx);
    }
    return { userId: user.id, active: input.active, name: user.name };
  });
}
