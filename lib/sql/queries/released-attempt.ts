import "server-only";
import { sqlDb } from "@/lib/sql/db";

/** Gives one sign-in attempt of `key` back, lifting a lock unless the attempts left still reach `max`. */
export async function releasedAttempt(key: string, max: number): Promise<void> {
  await sqlDb()
    .updateTable("SignInThrottle")
    .set((eb) => ({
      failures: eb.fn("greatest", [eb("failures", "-", 1), eb.lit(0)]),
      lockedUntil: eb
        .case()
        .when(eb("failures", "-", 1), ">=", max)
        .then(eb.ref("lockedUntil"))
        .else(null)
        .end(),
    }))
    .where("key", "=", key)
    .execute();
}
