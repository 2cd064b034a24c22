import "server-only";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { assertCan, NotFoundError, type Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { clearTwoFactor } from "@/lib/auth/two-factor";
import { revokeSessions } from "@/lib/auth/sessions";

// A district administrator's reset of someone's two-factor sign-in (a lost phone and no recovery
// codes left): the secret, the enrolment and the recovery codes go. If the district policy
// requires two-factor of that user, they must enrol again before anything else at their next
// request; their sessions end (the reset is for a lost or stolen phone). Refused for oneself: an
// administrator turns their own off on the account page, with a code.

export const resetTwoFactorSchema = z.object({
  userId: z.string().trim().min(1, "Choose a user").max(64, "Choose a user"),
  confirmed: z.literal("yes", { error: "Confirm the reset" }),
});
export type ResetTwoFactorInput = z.output<typeof resetTwoFactorSchema>;

export async function resetTwoFactor(viewer: Viewer, input: ResetTwoFactorInput): Promise<{ userId: string }> {
  assertCan(viewer, "users.manage");
  if (input.userId === viewer.id) throw new DomainError("You cannot reset your own two-factor sign-in: turn it off or make new recovery codes on your account page.", "userId");
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, totpEnabledAt: true } });
    if (!user) throw new NotFoundError("User");
    await clearTwoFactor(tx, user.id);
    // A person locked out by wrong codes is who asks for a reset: lift the account's sign-in lock too.
    await tx.signInThrottle.deleteMany({ where: { key: `email:${user.email.toLowerCase()}` } });
    await revokeSessions(user.id, "two-factor-reset", tx);
    await recordAudit(viewer, { action: "user.2fa.reset", entity: "User", entityId: user.id, details: { wasEnabled: user.totpEnabledAt !== null } }, tx);
    return { userId: user.id };
  });
}

/** Ids of the staff who have two-factor sign-in on, for the staff page (district admins only). */
export async function twoFactorEnrolledIds(viewer: Viewer): Promise<Set<string>> {
  assertCan(viewer, "users.manage");
  const rows = await db().user.findMany({ where: { totpEnabledAt: { not: null } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}
