import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery((v: { uid: string; sid: string; now: Date; idleFrom: Date; touchBefore: Date }) =>
  sqlDb()
    .selectFrom("Session as s")
    .innerJoin("User as u", "u.id", "s.userId")
    .select((eb) => [
      "u.id",
      "u.name",
      "u.email",
      "u.role",
      "u.schoolId",
      "u.active",
      eb("s.lastSeenAt", "<", v.touchBefore).$castTo<boolean>().as("touch"),
      // The hash itself is outside the boundary's row types (lib/sql/db.ts SafeDB); only whether there is one.
      sql<boolean>`u."passwordHash" IS NOT NULL`.as("hasPassword"),
      eb("u.totpEnabledAt", "is not", null).$castTo<boolean>().as("totpEnabled"),
      eb.selectFrom("DistrictSettings as d").select("d.twoFactorPolicy").where("d.id", "=", 1).as("policy"),
    ])
    .where("s.id", "=", v.sid)
    .where("s.userId", "=", v.uid)
    .where("s.revokedAt", "is", null)
    .where("s.expiresAt", ">", v.now)
    .where("s.lastSeenAt", ">", v.idleFrom),
);

/**
 * The user of a live session with what the district's two-factor policy asks of them (one row or
 * none): the session exists, belongs to `uid`, is not revoked, has not passed `now` (absolute
 * expiry) and was seen after `idleFrom`. `touch`: its lastSeenAt is before `touchBefore`. Every
 * request runs it (lib/auth/sessions.ts liveSessionUser): prepared, one text for every call.
 */
export async function liveSessionRow(uid: string, sid: string, at: { now: Date; idleFrom: Date; touchBefore: Date }) {
  return (await query({ uid, sid, ...at }, undefined)).rows.at(0);
}
