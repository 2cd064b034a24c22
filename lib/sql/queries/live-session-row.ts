import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * The user of a live session with what the district's two-factor policy asks of them (one row or
 * none): the session exists, belongs to `uid`, is not revoked, has not passed `now` (absolute
 * expiry) and was seen after `idleFrom`. `touch`: its lastSeenAt is before `touchBefore`. Every
 * request runs it (lib/auth/sessions.ts liveSessionUser): prepared, one text for every call.
 */
export async function liveSessionRow(uid: string, sid: string, at: { now: Date; idleFrom: Date; touchBefore: Date }) {
  return sqlDb({ prepared: true })
    .selectFrom("Session as s")
    .innerJoin("User as u", "u.id", "s.userId")
    .select((eb) => [
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.schoolId",
      "u.active",
      eb("s.lastSeenAt", "<", at.touchBefore).$castTo<boolean>().as("touch"),
      // The hash itself is outside the boundary's row types (lib/sql/db.ts SafeDB); only whether there is one.
      sql<boolean>`u."passwordHash" IS NOT NULL`.as("hasPassword"),
      eb("u.totpEnabledAt", "is not", null).$castTo<boolean>().as("totpEnabled"),
      eb.selectFrom("DistrictSettings as d").select("d.twoFactorPolicy").where("d.id", "=", 1).as("policy"),
    ])
    .where("s.id", "=", sid)
    .where("s.userId", "=", uid)
    .where("s.revokedAt", "is", null)
    .where("s.expiresAt", ">", at.now)
    .where("s.lastSeenAt", ">", at.idleFrom)
    .executeTakeFirst();
}
