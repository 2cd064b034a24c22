import "server-only";
import { sql, type Expression, type SqlBool } from "kysely";
import type { Role } from "@/lib/generated/prisma/client";
import type { Kysely } from "kysely";
import type { SafeDB } from "@/lib/sql/db";

// The access policy's scopes (lib/access.ts: studentScope, readableNote — the rules, for Prisma)
// rendered as SQL for the typed boundary's queries. Each helper takes what the rule needs of a
// person — who, their role, their school — never a whole (or faked) viewer. The aliases are fixed
// identifiers of the calling query, never input; column names are checked against the schema.
// lib/access.int.test.ts holds each rendering to its Prisma rule for every kind of person.

/** What a scope needs of a person (lib/access.ts Actor). */
export type ScopeActor = { id: string; role: Role; schoolId: string | null };

const col = <T extends keyof SafeDB>(_table: T, alias: string, column: keyof SafeDB[T] & string) => sql.ref(`${alias}.${column}`);

/**
 * What of a person decides the text of a scope's SQL — the role, and whether a school
 * administrator has a school — as a prepared query's key (lib/sql/db.ts preparedQuery).
 */
export const scopeKey = (who: ScopeActor): string => (who.role !== "DISTRICT_ADMIN" && !who.schoolId ? `${who.role}:none` : who.role);

/** The values of a person a scope's SQL carries, under the names scopeSlots reads. */
export type ScopeValues = { userId: string; schoolId: string | null };
export const scopeValues = (who: ScopeActor): ScopeValues => ({ userId: who.id, schoolId: who.schoolId });

/** `who` for building a prepared query: the role (and school or none) as given, the ids from `v` (its placeholders). */
export const scopeSlots = (who: ScopeActor, v: ScopeValues): ScopeActor => ({ role: who.role, id: v.userId, schoolId: who.schoolId ? v.schoolId : null });

/** studentScope as a predicate over the student table aliased `s` (or `st`). */
export function studentInScope(who: ScopeActor, alias: "s" | "st" = "s"): Expression<SqlBool> {
  switch (who.role) {
    case "DISTRICT_ADMIN":
      return sql<SqlBool>`TRUE`;
    case "SCHOOL_ADMIN":
      return who.schoolId ? sql<SqlBool>`${col("Student", alias, "schoolId")} = ${who.schoolId}` : sql<SqlBool>`FALSE`;
    case "COUNSELOR":
      return sql<SqlBool>`${col("Student", alias, "counselorId")} = ${who.id}`;
  }
}

/**
 * schoolScope (lib/access.ts) as a predicate over the school table aliased `sc`: every school for a
 * district admin, else the person's own school — none when they have none (scopeKey tells the two
 * texts apart).
 */
export function schoolInScope(who: ScopeActor): Expression<SqlBool> {
  switch (who.role) {
    case "DISTRICT_ADMIN":
      return sql<SqlBool>`TRUE`;
    case "SCHOOL_ADMIN":
    case "COUNSELOR":
      return who.schoolId ? sql<SqlBool>`${col("School", "sc", "id")} = ${who.schoolId}` : sql<SqlBool>`FALSE`;
  }
}

/** The student `id` if `who` reaches them (a subquery of one id or none): what a record's statements read under. */
export function scopedStudent(db: Kysely<SafeDB>, id: string, who: ScopeActor) {
  return db.selectFrom("Student as s").select("s.id").where("s.id", "=", id).where(studentInScope(who));
}

/**
 * readableNote (restricted notes, issue 16) as a predicate over the note aliased `n` and its
 * student aliased `s`: an unrestricted note, or the author, the student's school's administrators,
 * district administrators and the users it is shared with (NoteShare).
 */
export function noteReadable(who: ScopeActor): Expression<SqlBool> {
  const n = (c: keyof SafeDB["Note"] & string) => col("Note", "n", c);
  const shared = sql<SqlBool>`EXISTS (SELECT 1 FROM ${sql.table("NoteShare")} ns WHERE ${col("NoteShare", "ns", "noteId")} = ${n("id")} AND ${col("NoteShare", "ns", "userId")} = ${who.id})`;
  switch (who.role) {
    case "DISTRICT_ADMIN":
      return sql<SqlBool>`TRUE`;
    case "SCHOOL_ADMIN":
      return who.schoolId
        ? sql<SqlBool>`(NOT ${n("restricted")} OR ${n("authorId")} = ${who.id} OR ${col("Student", "s", "schoolId")} = ${who.schoolId} OR ${shared})`
        : sql<SqlBool>`(NOT ${n("restricted")} OR ${n("authorId")} = ${who.id} OR ${shared})`;
    case "COUNSELOR":
      return sql<SqlBool>`(NOT ${n("restricted")} OR ${n("authorId")} = ${who.id} OR ${shared})`;
  }
}

/** The notes a job (no person) counts as a student's latest: unrestricted ones only. */
export function noteUnrestricted(): Expression<SqlBool> {
  return sql<SqlBool>`NOT ${col("Note", "n", "restricted")}`;
}
