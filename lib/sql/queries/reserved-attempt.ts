import "server-only";
import { sql } from "kysely";
import { sqlDb } from "@/lib/sql/db";

/**
 * Reserves one sign-in attempt for `key` in ONE statement (INSERT … ON CONFLICT DO UPDATE …
 * RETURNING, serialized on the row): the counter starts again when the window (since `windowStart`)
 * has passed and no lock is in force; the attempt that reaches `max` sets the lock until
 * `lockUntil`. Returns the key's attempts after this one and its lock (lib/auth/throttle.ts).
 */
export async function reservedAttempt(key: string, max: number, at: { now: Date; windowStart: Date; lockUntil: Date }) {
  const { now, windowStart, lockUntil } = at;
  return sqlDb()
    .insertInto("SignInThrottle")
    .values({
      key,
      failures: 1,
      firstFailureAt: now,
      lockedUntil: sql<Date | null>`CASE WHEN 1 >= ${max}::int THEN ${lockUntil}::timestamp END`,
    })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet((eb) => {
        const restart = eb.and([
          eb("SignInThrottle.firstFailureAt", "<", windowStart),
          eb.or([eb("SignInThrottle.lockedUntil", "is", null), eb("SignInThrottle.lockedUntil", "<=", now)]),
        ]);
        return {
          failures: eb
            .case()
            .when(restart)
            .then(1)
            .else(eb("SignInThrottle.failures", "+", 1))
            .end(),
          firstFailureAt: eb.case().when(restart).then(now).else(eb.ref("SignInThrottle.firstFailureAt")).end(),
          lockedUntil: eb
            .case()
            .when("SignInThrottle.lockedUntil", ">", now)
            .then(eb.ref("SignInThrottle.lockedUntil"))
            .when(sql`CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart}::timestamp THEN 1 ELSE "SignInThrottle".failures + 1 END`, ">=", max)
            .then(lockUntil)
            .else(null)
            .end(),
        };
      }),
    )
    .returning(["failures", "lockedUntil"])
    .executeTakeFirstOrThrow();
}
