import { CREDIT_FIGURES } from "@/lib/students/credits";

// The caseload's column headers, in one place: the table, the phone cards and the CSV of the view
// (lib/caseload/export.ts) all use these words, so a figure has one name across page and file.

export const CASELOAD_HEADERS = {
  student: "Student",
  counselor: "Counselor",
  grade: "Grade",
  cohort: "Cohort",
  risk: "Risk",
  credits: `${CREDIT_FIGURES.earned} / required`,
  needed: CREDIT_FIGURES.stillNeeded,
  courses: "Online courses",
  activity: "Days since activity",
  note: "Latest note",
} as const;
