import "server-only";
import { sql, type Expression, type SqlBool } from "kysely";
import { Prisma, type Role } from "@/lib/generated/prisma/client";
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

// ---------------------------------------------------------------------------------------------
// Temporary: the same rules as Prisma.sql fragments, for the paths still on lib/db.ts sqlRows
// (lib/plans/report.ts, lib/today/queries.ts, lib/exports/students.ts, lib/exports/enrollments.ts,
// lib/enrollments/credit-review.ts until they move to lib/sql/queries/). Delete with sqlRows.

/** @deprecated studentInScope on the boundary; this is for sqlRows callers until they move. */
export function studentScopeSql(who: ScopeActor, alias: "s" | "st" = "s"): Prisma.Sql {
  const t = Prisma.raw(alias);
  switch (who.role) {
    case "DISTRICT_ADMIN":
      return Prisma.sql`TRUE`;
    case "SCHOOL_ADMIN":
      return who.schoolId ? Prisma.sql`${t}."schoolId" = ${who.schoolId}` : Prisma.sql`FALSE`;
    case "COUNSELOR":
      return Prisma.sql`${t}."counselorId" = ${who.id}`;
  }
}

/** @deprecated noteReadable on the boundary; this is for sqlRows callers until they move. */
export function readableNoteSql(who: ScopeActor): Prisma.Sql {
  const shared = Prisma.sql`EXISTS (SELECT 1 FROM "NoteShare" ns WHERE ns."noteId" = n.id AND ns."userId" = ${who.id})`;
  switch (who.role) {
    case "DISTRICT_ADMIN":
      return Prisma.sql`TRUE`;
    case "SCHOOL_ADMIN":
      return who.schoolId
        ? Prisma.sql`(NOT n.restricted OR n."authorId" = ${who.id} OR s."schoolId" = ${who.schoolId} OR ${shared})`
        : Prisma.sql`(NOT n.restricted OR n."authorId" = ${who.id} OR ${shared})`;
    case "COUNSELOR":
      return Prisma.sql`(NOT n.restricted OR n."authorId" = ${who.id} OR ${shared})`;
  }
}
