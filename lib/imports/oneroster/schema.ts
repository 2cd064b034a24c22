import { z } from "zod";
import { date, flag, list, optionalDate, required, rosterStatus, sourcedId, text } from "@/lib/imports/validate";

// Row schemas of the OneRoster 1.1 and 1.2 CSV binding (1EdTech "OneRoster CSV Tables"): the
// columns CreditTrack reads; others are ignored. `required` lists the header columns a file must
// have (the spec's mandatory fields we depend on).

const base = { sourcedId, status: rosterStatus };

export const ORG_TYPES = ["department", "school", "district", "local", "state", "national"] as const;
export const orgRow = z.object({
  ...base,
  name: required("name"),
  type: z.enum(ORG_TYPES, { error: `type must be one of ${ORG_TYPES.join(", ")}` }),
  identifier: text,
  parentSourcedId: text,
});

export const academicSessionRow = z.object({
  ...base,
  title: required("title"),
  type: z.enum(["gradingPeriod", "semester", "schoolYear", "term"], { error: "type must be gradingPeriod, semester, schoolYear or term" }),
  startDate: date,
  endDate: date,
  parentSourcedId: text,
  schoolYear: z.string().regex(/^\d{4}$/, "schoolYear must be a 4-digit year"),
});

export const courseRow = z.object({ ...base, title: required("title"), courseCode: text, orgSourcedId: required("orgSourcedId"), schoolYearSourcedId: text });

export const classRow = z.object({
  ...base,
  title: required("title"),
  classCode: text,
  classType: z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(["homeroom", "scheduled"], { error: "classType must be homeroom or scheduled" })),
  courseSourcedId: required("courseSourcedId"),
  schoolSourcedId: required("schoolSourcedId"),
  termSourcedIds: list,
});

const userCommon = {
  ...base,
  enabledUser: flag,
  givenName: required("givenName"),
  familyName: required("familyName"),
  middleName: text,
  identifier: text,
  email: text,
  grades: text,
  /** 1.2 (and 1.1): the user's agents — a student's parents/guardians, a parent's students (lib/imports/oneroster/agents.ts). */
  agentSourcedIds: list,
  phone: text,
  sms: text,
  /** Extension (documented): the CreditTrack role of a 1.1 administrator/teacher account. */
  "metadata.credittrack.role": text,
};
export const user11Row = z.object({ ...userCommon, role: required("role"), orgSourcedIds: list });
/** 1.2 names the column primaryOrgSourcedId (CSV binding); some writers use primaryOrg. */
export const user12Row = z.object({ ...userCommon, primaryOrgSourcedId: text, primaryOrg: text });

export const role12Row = z.object({
  ...base,
  userSourcedId: required("userSourcedId"),
  roleType: z.enum(["primary", "secondary"], { error: "roleType must be primary or secondary" }),
  role: required("role"),
  orgSourcedId: required("orgSourcedId"),
});

export const demographicRow = z.object({
  ...base,
  birthDate: optionalDate,
  sex: text,
  americanIndianOrAlaskaNative: flag,
  asian: flag,
  blackOrAfricanAmerican: flag,
  nativeHawaiianOrOtherPacificIslander: flag,
  white: flag,
  demographicRaceTwoOrMoreRaces: flag,
  hispanicOrLatinoEthnicity: flag,
});

export const enrollmentRow = z.object({
  ...base,
  classSourcedId: required("classSourcedId"),
  schoolSourcedId: required("schoolSourcedId"),
  userSourcedId: required("userSourcedId"),
  role: required("role"),
  primary: flag,
  beginDate: optionalDate,
  endDate: optionalDate,
});

export const REQUIRED_COLUMNS = {
  "orgs.csv": ["sourcedId", "name", "type"],
  "academicSessions.csv": ["sourcedId", "title", "type", "startDate", "endDate", "schoolYear"],
  "courses.csv": ["sourcedId", "title", "orgSourcedId"],
  "classes.csv": ["sourcedId", "title", "classType", "courseSourcedId", "schoolSourcedId"],
  "users.csv@1.1": ["sourcedId", "enabledUser", "orgSourcedIds", "role", "givenName", "familyName"],
  "users.csv@1.2": ["sourcedId", "enabledUser", "givenName", "familyName"],
  "roles.csv": ["sourcedId", "userSourcedId", "roleType", "role", "orgSourcedId"],
  "demographics.csv": ["sourcedId"],
  "enrollments.csv": ["sourcedId", "classSourcedId", "schoolSourcedId", "userSourcedId", "role"],
} as const;

/** Every column read from each file (headers are matched to these without regard to case). */
export const COLUMNS: Record<string, readonly string[]> = {
  "manifest.csv": ["propertyName", "value"],
  "orgs.csv": Object.keys(orgRow.shape),
  "academicSessions.csv": Object.keys(academicSessionRow.shape),
  "courses.csv": Object.keys(courseRow.shape),
  "classes.csv": Object.keys(classRow.shape),
  "users.csv@1.1": [...Object.keys(user11Row.shape), "grades", "role"],
  "users.csv@1.2": Object.keys(user12Row.shape),
  "roles.csv": Object.keys(role12Row.shape),
  "demographics.csv": Object.keys(demographicRow.shape),
  "enrollments.csv": Object.keys(enrollmentRow.shape),
};

/** The OneRoster CSV files CreditTrack reads, by their spelling in the binding (a file named in another case is read too). */
export const FILE_NAMES = [
  "manifest.csv",
  "orgs.csv",
  "academicSessions.csv",
  "courses.csv",
  "classes.csv",
  "users.csv",
  "roles.csv",
  "demographics.csv",
  "enrollments.csv",
] as const;
