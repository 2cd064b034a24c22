import "server-only";
import { type InferResult } from "kysely";
import type { ProgramType } from "@/lib/generated/kysely/enums";
import { sqlDb } from "@/lib/sql/db";
import { qualityFacts, type QualityScope } from "@/lib/sql/fragments/quality-facts";

// The enrollments behind a figure of the program quality report (lib/reports/queries.ts getQualityDrill): the
// facts each figure counts (lib/sql/fragments/quality-facts.ts), one row per enrollment, with the
// names a list shows. `row` narrows to a course, a provider and/or a program type. Not scoped here:
// the caller passes the schools the viewer may see (`scope.schools`) and lists only students in scope.

export type QualityRowFilter = { courseId?: string | null; providerId?: string | null; programType?: ProgramType | null };

export function qualityEnrollments(scope: QualityScope, row: QualityRowFilter) {
  return qualityFacts(sqlDb(), scope)
    .selectFrom("f")
    .innerJoin("Student as st", "st.id", "f.studentId")
    .innerJoin("School as sc", "sc.id", "f.schoolId")
    .innerJoin("OnlineCourse as oc", "oc.id", "f.courseId")
    .innerJoin("Provider as p", "p.id", "f.providerId")
    .innerJoin("Enrollment as en", "en.id", "f.id")
    .select([
      "f.id",
      "f.studentId",
      "f.schoolId",
      "st.firstName",
      "st.lastName",
      "st.sisId",
      "st.gradeLevel",
      "sc.name as schoolName",
      "oc.title as courseTitle",
      "p.name as providerName",
      "f.programType",
      "f.raceEthnicity",
      "f.gender",
      "f.specialEducation",
      "f.englishLearner",
      "f.lowIncome",
      "f.status",
      "f.startDate",
      "f.endedOn",
      "f.finishedOn",
      "f.days",
      "f.seconds",
      "f.tooFast",
      "f.overridden",
      "en.overrideReason",
      "f.graduated",
      "f.attempts",
      "f.proctored",
      "f.unstated",
      "f.retakes",
      "f.next",
      "f.proficient",
    ])
    .where((eb) =>
      eb.and([
        ...(row.courseId ? [eb("f.courseId", "=", row.courseId)] : []),
        ...(row.providerId ? [eb("f.providerId", "=", row.providerId)] : []),
        ...(row.programType ? [eb("f.programType", "=", row.programType)] : []),
      ]),
    )
    .orderBy("st.lastName")
    .orderBy("st.firstName")
    .orderBy("f.startDate");
}

export type QualityEnrollmentRow = InferResult<ReturnType<typeof qualityEnrollments>>[number];
