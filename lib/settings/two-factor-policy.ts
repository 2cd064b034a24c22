import "server-only";
import { db, type Tx } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { type Viewer, assertCan } from "@/lib/access";
import type { TwoFactorPolicy } from "@/lib/generated/prisma/enums";
import { DEFAULT_TWO_FACTOR_POLICY } from "./rules";
import type { TwoFactorPolicyInput } from "./schema";

/** The district's two-factor policy (ADMINISTRATORS when the district has no settings row). */
export async function getTwoFactorPolicy(tx?: Tx): Promise<TwoFactorPolicy> {
  const row = await (tx ?? db()).districtSettings.findUnique({ where: { id: 1 }, select: { twoFactorPolicy: true } });
  return row?.twoFactorPolicy ?? DEFAULT_TWO_FACTOR_POLICY;
}

/**
 * Sets who must use two-factor sign-in (district admins only), audited with the old and new
 * policy. Tightening it sends every covered password user who has not enrolled to the enrolment
 * page at their next request; nobody is signed out.
 */
export async function setTwoFactorPolicy(viewer: Viewer, input: TwoFactorPolicyInput): Promise<{ policy: TwoFactorPolicy }> {
  assertCan(viewer, "settings.manage");
  return db().$transaction(async (tx) => {
    const from = await getTwoFactorPolicy(tx);
    if (from !== input.policy) {
      await tx.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, twoFactorPolicy: input.policy }, update: { twoFactorPolicy: input.policy } });
      await recordAudit(viewer, { action: "settings.2fa-policy", entity: "DistrictSettings", entityId: "1", details: { from, to: input.policy } }, tx);
    }
    return { policy: input.policy };
  });
}
