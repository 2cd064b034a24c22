// Shared by the import run page, the revert panel and lib/imports/revert.ts (no server code here).

/** What an administrator calls a table's rows (the run page, a refusal's message). */
export const TABLE_LABELS: Record<string, string> = {
  School: "schools",
  User: "staff accounts",
  Student: "students",
  StudentYear: "school-year records",
  CourseSequence: "course sequence pairs",
  StateTestResult: "state test results",
  StatusEvent: "status events",
  TranscriptCourse: "transcript courses",
  Provider: "providers",
  OnlineCourse: "online courses",
  CourseAssessment: "course assessments",
  Enrollment: "online enrollments",
  AssessmentResult: "assessment results",
  ActivitySession: "time-on-task sessions",
  Guardian: "guardians",
  Contact: "family contacts",
  InterventionPlan: "intervention plans",
  PlanCheckIn: "plan check-ins",
  TodayDismissal: "Today list dismissals",
  NoteShare: "note shares",
  Note: "notes",
  AuditEvent: "audit records (a user's actions)",
  Session: "sign-in sessions",
};

/**
 * What the import report's count rows are called (the keys are each format's `emptyCounts`): the run
 * page's table and the Imports list's summary say these words, never the code's keys.
 */
export const COUNT_LABELS: Record<string, string> = {
  schools: "Schools",
  counselors: "Counselors",
  students: "Students",
  guardians: "Guardians",
  otherUsers: "Other users (teachers, aides, proctors: not loaded)",
  otherOrgs: "Other organizations (not loaded)",
  providers: "Providers",
  courses: "Online courses",
  versions: "Course versions",
  assessments: "Course assessments",
  results: "Assessment results",
  enrollments: "Online enrollments",
  completions: "Completions",
  sessions: "Time-on-task sessions",
  statusEvents: "Status events",
  transcript: "Transcript courses",
  roll: "School-year records",
  sequence: "Course sequence pairs",
  stateTests: "State test results",
};
export const countLabel = (key: string): string => COUNT_LABELS[key] ?? key;
