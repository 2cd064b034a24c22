import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { schoolInScope, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery(
  (v: ScopeValues & { idOrCode: string }, who: ScopeActor) =>
    sqlDb()
      .selectFrom("School as sc")
      .select(["sc.id", "sc.name", "sc.stateCode"])
      .where((eb) => eb.or([eb("sc.id", "=", v.idOrCode), eb("sc.stateCode", "=", v.idOrCode)]))
      .where(schoolInScope(scopeSlots(who, v)))
      // An id before a state code equal to it (another school's).
      .orderBy(sql`"sc"."id" = ${v.idOrCode}`, "desc")
      .limit(1),
  scopeKey,
);

/**
 * The school a report is about, by id or state code, if `who` reaches it (lib/access.ts
 * schoolScope); undefined otherwise. Prepared: every report request (lib/reports/queries.ts
 * reportSchool), where Prisma's query compiler cost ~1 ms of CPU beside the report's own reads.
 */
export async function reportSchoolRow(idOrCode: string, who: ScopeActor) {
  return (await query({ idOrCode, ...scopeValues(who) }, who)).rows.at(0);
}
