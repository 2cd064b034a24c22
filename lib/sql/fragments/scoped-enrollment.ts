import "server-only";
import type { Kysely } from "kysely";
import type { SafeDB } from "@/lib/sql/db";
import { studentInScope, type ScopeActor } from "./scope";

/**
 * The enrollment `id` if `who` reaches its student (lib/access.ts studentScope; a subquery of one
 * id or none): what an enrollment action's statements read under (lib/enrollments/scoped.ts), so
 * out of scope and nonexistent both come back empty.
 */
export function scopedEnrollment(db: Kysely<SafeDB>, id: string, who: ScopeActor) {
  return db.selectFrom("Enrollment as se").innerJoin("Student as s", "s.id", "se.studentId").select("se.id").where("se.id", "=", id).where(studentInScope(who));
}
