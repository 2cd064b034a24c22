// Shared by the import run page, the revert panel and lib/imports/revert.ts (no server code here).

/** What an administrator calls a table's rows (the run page, a refusal's message). */
export const TABLE_LABELS: Record<string, string> = {
  School: "schools", User: "staff accounts", Student: "students", StudentYear: "school-year records", StatusEvent: "status events",
  TranscriptCourse: "transcript courses", Provider: "providers", OnlineCourse: "online courses", CourseAssessment: "course assessments",
  Enrollment: "online enrollments", AssessmentResult: "assessment results", ActivitySession: "time-on-task sessions",
  Guardian: "guardians", Contact: "family contacts", InterventionPlan: "intervention plans", PlanCheckIn: "plan check-ins",
  TodayDismissal: "Today list dismissals", NoteShare: "note shares",
  Note: "notes", AuditEvent: "audit records (a user's actions)", Session: "sign-in sessions",
};
