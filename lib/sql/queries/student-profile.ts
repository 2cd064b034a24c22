import "server-only";
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import { preparedQuery, sqlDb } from "@/lib/sql/db";
import { scopedStudent, scopeKey, scopeSlots, scopeValues, type ScopeActor, type ScopeValues } from "@/lib/sql/fragments/scope";

const query = preparedQuery((v: ScopeValues & { id: string }, who: ScopeActor) => {
  const db = sqlDb();
  return db
    .selectFrom("Student as s")
    .innerJoin("School as sc", "sc.id", "s.schoolId")
    .leftJoin("User as c", "c.id", "s.counselorId")
    .select((eb) => [
      "s.id",
      "s.sisId",
      "s.stateId",
      "s.firstName",
      "s.middleName",
      "s.lastName",
      "s.birthDate",
      "sc.name as school",
      "s.gradeLevel",
      "s.cohortYear",
      "s.firstNinthGradeYear",
      "s.raceEthnicity",
      "s.gender",
      "s.englishLearner",
      "s.specialEducation",
      "s.lowIncome",
      "s.status",
      "s.statusDate",
      "s.version",
      sql<number | null>`${eb.ref("s.attendanceRate")}::float8`.as("attendanceRate"),
      "s.suspensions",
      "s.coursesFailedThisYear",
      "c.id as counselorId",
      "c.name as counselorName",
      "c.email as counselorEmail",
      eb
        .selectFrom("Contact as ct")
        .select((x) => x.fn.max("ct.occurredOn").as("day"))
        .whereRef("ct.studentId", "=", "s.id")
        .$asScalar()
        .$castTo<Date | null>()
        .as("lastContactDay"),
      eb
        .selectFrom("DistrictSettings as d")
        .select((x) => sql<number>`${x.ref("d.totalCreditsRequired")}::float8`.as("total"))
        .where("d.id", "=", sql.lit(1))
        .$asScalar()
        .$castTo<number | null>()
        .as("totalRequired"),
      jsonArrayFrom(eb.selectFrom("GraduationRequirement as g").select((x) => ["g.subjectArea", sql<number>`${x.ref("g.credits")}::float8`.as("credits")])).as("requirements"),
    ])
    .where("s.id", "in", scopedStudent(db, v.id, scopeSlots(who, v)));
}, scopeKey);

/**
 * One student's profile for the student page (lib/students/record.ts): the student, school and
 * counselor, the day of the last family contact, and the district's graduation requirements (total
 * and by subject) the audit is computed against. Undefined for a student out of `who`'s scope (or
 * none). Numeric columns as float8 (JavaScript numbers). Prepared: every page view.
 */
export async function studentProfile(id: string, who: ScopeActor) {
  return (await query({ id, ...scopeValues(who) }, who)).rows.at(0);
}
