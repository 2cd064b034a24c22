// Column lists for the tables the seed fills (order = the order of values passed to `add`).
import { TableWriter, type Column, type Sql } from "./bulk";

const now: Column = ["updatedAt", "sql", "now()"];

export function writers(sql: Sql) {
  const w = (table: string, cols: Column[], chunk?: number) => new TableWriter(sql, table, cols, chunk);
  return {
    school: w("School", [["id", "text"], ["name", "text"], ["stateCode", "text"], ["lowestGrade", "int"], ["highestGrade", "int"], now]),
    user: w("User", [["id", "text"], ["name", "text"], ["email", "text"], ["role", "Role"], ["schoolId", "text"], ["passwordHash", "text"], ["active", "boolean"], now]),
    student: w("Student", [
      ["id", "text"], ["sisId", "text"], ["stateId", "text"], ["firstName", "text"], ["middleName", "text"], ["lastName", "text"],
      ["birthDate", "date"], ["schoolId", "text"], ["gradeLevel", "int"], ["cohortYear", "int"], ["firstNinthGradeYear", "int"],
      ["raceEthnicity", "RaceEthnicity"], ["gender", "Gender"], ["englishLearner", "boolean"], ["specialEducation", "boolean"],
      ["lowIncome", "boolean"], ["counselorId", "text"], ["status", "StudentStatus"], ["statusDate", "date"],
      ["attendanceRate", "numeric"], ["suspensions", "int"], ["coursesFailedThisYear", "int"], now,
    ]),
    studentYear: w("StudentYear", [["studentId", "text"], ["schoolYear", "int"], ["schoolId", "text"], ["gradeLevel", "int"], ["enrolledOct1", "boolean"]]),
    statusEvent: w("StatusEvent", [
      ["id", "text"], ["studentId", "text"], ["kind", "StatusEventKind"], ["effectiveDate", "date"], ["schoolId", "text"], ["gradeLevel", "int"],
      ["transferIn", "boolean"], ["documented", "boolean"], ["credential", "Credential"], ["reason", "text"], ["recordedById", "text"], ["sourceKey", "text"],
      // Explicit, in each student's history order: the recorded order (effectiveDate, sequence).
      ["sequence", "int"],
    ]),
    transcript: w("TranscriptCourse", [
      ["id", "text"], ["studentId", "text"], ["courseCode", "text"], ["courseTitle", "text"], ["subjectArea", "SubjectArea"], ["schoolYear", "int"],
      ["term", "text"], ["grade", "text"], ["creditsAttempted", "numeric"], ["creditsEarned", "numeric"], ["enrollmentId", "text"], ["sourceKey", "text"],
    ]),
    provider: w("Provider", [["id", "text"], ["code", "text"], ["name", "text"]]),
    course: w("OnlineCourse", [
      ["id", "text"], ["providerId", "text"], ["providerCourseCode", "text"], ["title", "text"], ["subjectArea", "SubjectArea"],
      ["programType", "ProgramType"], ["credits", "numeric"], ["masteryThreshold", "int"], ["expectedWeeks", "int"],
    ]),
    assessment: w("CourseAssessment", [["id", "text"], ["courseId", "text"], ["position", "int"], ["title", "text"], ["kind", "AssessmentKind"], ["weight", "numeric"], ["maxScore", "numeric"]]),
    enrollment: w("Enrollment", [
      ["id", "text"], ["studentId", "text"], ["courseId", "text"], ["replacesId", "text"], ["enrolledById", "text"], ["startDate", "date"],
      ["targetDate", "date"], ["status", "EnrollmentStatus"], ["progress", "int"], ["finalGrade", "numeric"], ["creditAwarded", "numeric"],
      ["endedOn", "date"], ["endReason", "text"], ["lastActivityOn", "date"], ["sourceKey", "text"], ["createdAt", "timestamp"], now,
    ]),
    result: w("AssessmentResult", [
      ["id", "text"], ["enrollmentId", "text"], ["assessmentId", "text"], ["score", "numeric"], ["attempt", "int"], ["takenOn", "date"],
      ["recordedById", "text"], ["source", "ResultSource"], ["createdAt", "timestamp"],
    ], 20_000),
    note: w("Note", [["id", "text"], ["studentId", "text"], ["authorId", "text"], ["kind", "NoteKind"], ["body", "text"], ["createdAt", "timestamp"], now]),
  };
}
export type Writers = ReturnType<typeof writers>;
