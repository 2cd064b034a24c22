import "server-only";
import { sql } from "kysely";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { auditRow } from "@/lib/audit";
import { caseloadFilterKey, caseloadFilterValues, caseloadWhere, type CaseloadFilter, type CaseloadFilterValues } from "@/lib/sql/fragments/caseload-filter";
import { noteReadable, noteUnrestricted, scopeSlots } from "@/lib/sql/fragments/scope";
import { earnedBySubject } from "@/lib/sql/fragments/credits-earned";
import type { SubjectArea } from "@/lib/students/credits";

type Values = CaseloadFilterValues & { at: Date; auditUserId: string | null; auditAction: string | null; auditFilter: string | null };

const query = preparedQuery(
  (v: Values, { filter, audited }: { filter: CaseloadFilter; audited: boolean }) => {
    const listed = sqlDb().with("listed", (db) =>
      db
        .selectFrom("Student as s")
        .select((eb) => [
          "s.id",
          "s.sisId",
          "s.firstName",
          "s.lastName",
          "s.gradeLevel",
          "s.cohortYear",
          "s.status",
          "s.englishLearner",
          "s.specialEducation",
          "s.lowIncome",
          sql<number | null>`${eb.ref("s.attendanceRate")}::float8`.as("attendanceRate"),
          "s.suspensions",
          "s.coursesFailedThisYear",
          earnedBySubject().as("earnedBySubject"),
          eb
            .selectFrom("Note as n")
            .select((n) => n.fn.max("n.createdAt").as("m"))
            .whereRef("n.studentId", "=", "s.id")
            .where(filter.who ? noteReadable(scopeSlots(filter.who, v)) : noteUnrestricted())
            .as("lastNote"),
          eb
            .selectFrom("Contact as c")
            .select((c) => c.fn.max("c.occurredOn").as("m"))
            .whereRef("c.studentId", "=", "s.id")
            .as("lastContactDay"),
          eb
            .selectFrom("DistrictSettings as d")
            .select(sql<number>`d."totalCreditsRequired"::float8`.as("r"))
            .where("d.id", "=", 1)
            .as("required"),
          eb
            .selectFrom("GraduationRequirement as g")
            .select(
              sql<
                { subjectArea: SubjectArea; credits: number }[]
              >`coalesce(json_agg(json_build_object('subjectArea', g."subjectArea", 'credits', g.credits::float8)), '[]'::json)`.as("r"),
            )
            .$asScalar()
            .as("requirements"),
          "s.counselorId",
          eb.selectFrom("User as u").select("u.name").whereRef("u.id", "=", "s.counselorId").as("counselorName"),
          "s.schoolId",
          "s.version",
        ])
        .where(caseloadWhere(filter, v)),
    );
    if (!audited) return listed.selectFrom("listed").selectAll();
    return listed
      .with("audited", (db) =>
        db.insertInto("AuditEvent").values({
          ...auditRow({ id: v.auditUserId! }, { action: v.auditAction!, entity: "Student" }, v.at),
          details: sql`jsonb_build_object('filter', ${v.auditFilter}::jsonb, 'students', (SELECT count(*) FROM listed))`,
        }),
      )
      .selectFrom("listed")
      .selectAll();
  },
  ({ filter, audited }) => `${caseloadFilterKey(filter)}|${audited ? "audited" : ""}`,
);

/**
 * The caseload's students (lib/students/caseload.ts, statement 1 of 2): every student matching
 * `filter`, each with credits earned by subject area (lib/sql/fragments/credits-earned.ts), the
 * latest note the filter's person may read (lib/sql/fragments/scope.ts noteReadable over `n` and
 * `s`; for a job's read, with no person, the latest unrestricted note),
 * the latest family contact, the diploma's credits and the area requirements. `audit`: the list's
 * event, inserted by the same statement (a data-modifying WITH runs whether or not it is read),
 * counting the students the list read (`at`: the event's time). Every request runs it: prepared.
 */
export async function caseloadStudents(filter: CaseloadFilter, audit: { userId: string; action: string; filter: unknown } | null, at = new Date()) {
  const v: Values = {
    ...caseloadFilterValues(filter),
    at,
    auditUserId: audit?.userId ?? null,
    auditAction: audit?.action ?? null,
    auditFilter: audit ? JSON.stringify(audit.filter) : null,
  };
  return (await query(v, { filter, audited: audit !== null })).rows;
}
