import type { SafeDB } from "@/lib/sql/db";
import type { Col, TableName } from "@/lib/sql/fragments/json-recordset";

// The SQL types of the columns the importers write in bulk (json_to_recordset needs each column's
// type: lib/sql/fragments/json-recordset.ts). One home per (table, column), checked against the
// generated row types: a column that is not in the schema does not compile, and two importers
// writing the same table cannot disagree on a type. An enum is its quoted type name (read as text,
// then cast). The types are those of prisma/migrations: String → text, Int → int, BigInt → bigint,
// Decimal → numeric, Boolean → boolean, DateTime @db.Date → date, DateTime → timestamp(3).

type Types<T extends TableName> = { [C in keyof SafeDB[T] & string]?: string };
type TypeMap = { [T in TableName]?: Types<T> };

export const COLUMN_TYPES = {
  Student: {
    id: "text",
    sourcedId: "text",
    sisId: "text",
    stateId: "text",
    firstName: "text",
    middleName: "text",
    lastName: "text",
    birthDate: "date",
    schoolId: "text",
    gradeLevel: "int",
    cohortYear: "int",
    firstNinthGradeYear: "int",
    raceEthnicity: '"RaceEthnicity"',
    gender: '"Gender"',
    englishLearner: "boolean",
    specialEducation: "boolean",
    lowIncome: "boolean",
    attendanceRate: "numeric",
    suspensions: "int",
    coursesFailedThisYear: "int",
    counselorId: "text",
    counselorPinnedAt: "timestamp(3)",
    counselorPinnedById: "text",
    status: '"StudentStatus"',
    statusDate: "date",
  },
  StatusEvent: {
    id: "text",
    studentId: "text",
    kind: '"StatusEventKind"',
    effectiveDate: "date",
    schoolId: "text",
    gradeLevel: "int",
    transferIn: "boolean",
    documented: "boolean",
    credential: '"Credential"',
    reason: "text",
    sourceKey: "text",
    sequence: "bigint",
  },
  TranscriptCourse: {
    id: "text",
    studentId: "text",
    courseCode: "text",
    courseTitle: "text",
    subjectArea: '"SubjectArea"',
    schoolYear: "int",
    term: "text",
    grade: "text",
    creditsAttempted: "numeric",
    creditsEarned: "numeric",
    sourceKey: "text",
    enrollmentId: "text",
  },
  StudentYear: {
    studentId: "text",
    schoolYear: "int",
    schoolId: "text",
    gradeLevel: "int",
    enrolledOct1: "boolean",
    englishLearner: "boolean",
    specialEducation: "boolean",
    lowIncome: "boolean",
  },
  CourseSequence: {
    courseCode: "text",
    nextCode: "text",
  },
  StateTestResult: {
    id: "text",
    studentId: "text",
    test: "text",
    subjectArea: '"SubjectArea"',
    schoolYear: "int",
    scaledScore: "numeric",
    level: "text",
    proficient: "boolean",
  },
  Guardian: {
    id: "text",
    studentId: "text",
    sourcedId: "text",
    name: "text",
    relationship: '"GuardianRelationship"',
    phone: "text",
    email: "text",
  },
  ActivitySession: {
    id: "text",
    enrollmentId: "text",
    startedAt: "timestamp(3)",
    endedAt: "timestamp(3)",
    day: "date",
    seconds: "int",
    dayTotal: "boolean",
  },
  Enrollment: {
    id: "text",
    studentId: "text",
    courseId: "text",
    courseVersion: "int",
    status: '"EnrollmentStatus"',
    sourceKey: "text",
    startDate: "date",
    targetDate: "date",
    progress: "int",
    lastActivityOn: "date",
    finalGrade: "numeric",
    creditAwarded: "numeric",
    endedOn: "date",
    endReason: "text",
  },
  AssessmentResult: {
    id: "text",
    enrollmentId: "text",
    assessmentId: "text",
    score: "numeric",
    attempt: "int",
    takenOn: "date",
    recordedById: "text",
    proctored: "boolean",
    source: '"ResultSource"',
  },
} as const satisfies TypeMap;

type Known = keyof typeof COLUMN_TYPES;

/** The bulk-write columns `names` of `table`, each with its SQL type, in the order given. */
export function columns<T extends Known>(table: T, names: readonly (keyof (typeof COLUMN_TYPES)[T] & string)[]): Col[] {
  const types = COLUMN_TYPES[table] as Record<string, string>;
  return names.map((name) => ({ name, type: types[name]! }));
}

/** One bulk-write column of `table` (a key column, say). */
export function column<T extends Known>(table: T, name: keyof (typeof COLUMN_TYPES)[T] & string): Col {
  return columns(table, [name])[0]!;
}
