import "server-only";
import fs from "node:fs";
import { readCsv } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { ErrorList, ImportFileError, type Progress } from "@/lib/imports/report";
import type { Source } from "@/lib/imports/source";
import { raceEthnicityFromFlags, genderFromSex } from "@/lib/imports/rules";
import type { Gender, RaceEthnicity } from "@/lib/generated/prisma/enums";
import * as S from "@/lib/imports/oneroster/schema";

// Reads a OneRoster CSV set into the few facts CreditTrack keeps (schools, users with their roles
// and orgs, demographics, counseling-section enrollments), checking every reference on the way.
// Whole enrollment and class files are streamed, never held: only counseling sections are kept.

type Status = "active" | "tobedeleted";
export type OrgRec = { line: number; status: Status; name: string; type: string; identifier: string };
export type UserRec = {
  line: number;
  status: Status;
  givenName: string;
  familyName: string;
  middleName: string;
  identifier: string;
  email: string;
  grades: string;
  /** Candidate orgs, best first. */
  orgs: string[];
  isStudent: boolean;
  isCounselor: boolean;
};
export type DemoRec = { line: number; status: Status; birthDate: Date | null; sex: string; gender: Gender | null; race: RaceEthnicity | null };
export type RosterSet = {
  version: "1.1" | "1.2";
  orgs: Map<string, OrgRec>;
  users: Map<string, UserRec>;
  demographics: Map<string, DemoRec>;
  /** student sourcedId → counselor user sourcedId, from counseling sections (lib/imports/FORMATS.md). */
  counselorOf: Map<string, string>;
  rows: number;
};
export type Known = { schools: Set<string>; users: Set<string> };

/** A class is a counseling section when its classCode starts with "COUNSEL" (documented convention). */
export const isCounselingSection = (classCode: string) => /^counsel/i.test(classCode);

export async function readRoster(src: Source, known: Known, errors: ErrorList, onProgress?: (p: Progress) => void): Promise<RosterSet> {
  const has = (f: string) => src.files.has(f);
  if (!has("users.csv") && !has("orgs.csv")) {
    throw new ImportFileError([{ file: src.name, line: 0, column: null, value: null, message: "Not a OneRoster set: neither users.csv nor orgs.csv is present" }]);
  }
  const manifest = has("manifest.csv") ? await readManifest(src.files.get("manifest.csv")!) : new Map<string, string>();
  const version = manifest.get("oneroster.version")?.startsWith("1.2") || has("roles.csv") ? "1.2" : "1.1";
  // A reference can only be checked against a file given in bulk (a delta lists changes only).
  const mode = (file: string) => manifest.get(`file.${file}`) ?? (has(`${file}.csv`) ? "bulk" : "absent");

  const totalBytes = [...src.files.values()].reduce((n, p) => n + fs.statSync(p).size, 0);
  let doneBytes = 0;
  const set: RosterSet = { version, orgs: new Map(), users: new Map(), demographics: new Map(), counselorOf: new Map(), rows: 0 };
  const sessions = new Set<string>();
  const courses = new Set<string>();
  const classes = new Map<string, boolean>(); // sourcedId → is counseling section
  const selfRefs: { file: string; line: number; column: string; value: string; ok: () => boolean }[] = [];

  async function each(file: string, required: readonly string[], fn: (line: number, row: Record<string, string>) => void): Promise<void> {
    const path = src.files.get(file);
    if (!path) return;
    const base = doneBytes;
    const seen = new Set<string>();
    await readCsv(path, { file, required, onBytes: (b) => onProgress?.({ phase: "read", file, done: base + b, total: totalBytes }) }, ({ line, row }) => {
      set.rows++;
      const id = row.sourcedId;
      if (id && seen.has(id)) return errors.add({ file, line, column: "sourcedId", value: id, message: "Duplicate sourcedId in this file" });
      if (id) seen.add(id);
      fn(line, row);
    });
    doneBytes = base + fs.statSync(path).size;
  }
  const ref = (file: string, line: number, column: string, value: string, target: string, ok: boolean) => {
    if (!ok && mode(target) === "bulk") errors.add({ file, line, column, value, message: `Unknown ${column}: no ${target}.csv row has sourcedId "${value}"` });
  };
  const orgKnown = (id: string) => set.orgs.has(id) || known.schools.has(id);

  await each("orgs.csv", S.REQUIRED_COLUMNS["orgs.csv"], (line, row) => {
    const r = parseRow(S.orgRow, row, { file: "orgs.csv", line }, errors);
    if (!r) return;
    set.orgs.set(r.sourcedId, { line, status: r.status, name: r.name, type: r.type, identifier: r.identifier });
    if (r.parentSourcedId) selfRefs.push({ file: "orgs.csv", line, column: "parentSourcedId", value: r.parentSourcedId, ok: () => orgKnown(r.parentSourcedId) || mode("orgs") !== "bulk" });
  });
  await each("academicSessions.csv", S.REQUIRED_COLUMNS["academicSessions.csv"], (line, row) => {
    const r = parseRow(S.academicSessionRow, row, { file: "academicSessions.csv", line }, errors);
    if (!r) return;
    if (r.endDate < r.startDate) errors.add({ file: "academicSessions.csv", line, column: "endDate", value: row.endDate, message: "endDate is before startDate" });
    sessions.add(r.sourcedId);
    if (r.parentSourcedId) selfRefs.push({ file: "academicSessions.csv", line, column: "parentSourcedId", value: r.parentSourcedId, ok: () => sessions.has(r.parentSourcedId) || mode("academicSessions") !== "bulk" });
  });
  await each("courses.csv", S.REQUIRED_COLUMNS["courses.csv"], (line, row) => {
    const r = parseRow(S.courseRow, row, { file: "courses.csv", line }, errors);
    if (!r) return;
    courses.add(r.sourcedId);
    ref("courses.csv", line, "orgSourcedId", r.orgSourcedId, "orgs", orgKnown(r.orgSourcedId));
    if (r.schoolYearSourcedId) ref("courses.csv", line, "schoolYearSourcedId", r.schoolYearSourcedId, "academicSessions", sessions.has(r.schoolYearSourcedId));
  });
  await each("classes.csv", S.REQUIRED_COLUMNS["classes.csv"], (line, row) => {
    const r = parseRow(S.classRow, row, { file: "classes.csv", line }, errors);
    if (!r) return;
    classes.set(r.sourcedId, r.status === "active" && isCounselingSection(r.classCode));
    ref("classes.csv", line, "courseSourcedId", r.courseSourcedId, "courses", courses.has(r.courseSourcedId));
    ref("classes.csv", line, "schoolSourcedId", r.schoolSourcedId, "orgs", orgKnown(r.schoolSourcedId));
    for (const t of r.termSourcedIds) ref("classes.csv", line, "termSourcedIds", t, "academicSessions", sessions.has(t));
  });
  const rejectedUsers = new Set<string>(); // rows already reported: references to them are not errors again
  const userSchema = version === "1.1" ? S.user11Row : S.user12Row;
  await each("users.csv", S.REQUIRED_COLUMNS[`users.csv@${version}`], (line, row) => {
    const before = errors.total;
    const r = parseRow(userSchema, row, { file: "users.csv", line }, errors);
    if (row.sourcedId) rejectedUsers.add(row.sourcedId);
    if (!r) return;
    const role = "role" in r ? r.role.toLowerCase() : "";
    const orgs = "orgSourcedIds" in r ? r.orgSourcedIds : r.primaryOrg ? [r.primaryOrg] : [];
    for (const o of orgs) ref("users.csv", line, "primaryOrg" in r ? "primaryOrg" : "orgSourcedIds", o, "orgs", orgKnown(o));
    if (errors.total > before) return; // with --partial, a rejected user is not imported
    rejectedUsers.delete(r.sourcedId);
    const ext = r["metadata.credittrack.role"].toLowerCase();
    set.users.set(r.sourcedId, {
      line,
      status: r.status,
      givenName: r.givenName,
      familyName: r.familyName,
      middleName: r.middleName,
      identifier: r.identifier,
      email: r.email.toLowerCase(),
      grades: r.grades,
      orgs,
      isStudent: role === "student",
      isCounselor: role === "counselor" || ext === "counselor",
    });
  });
  const userKnown = (id: string) => set.users.has(id) || known.users.has(id) || rejectedUsers.has(id);
  await each("roles.csv", S.REQUIRED_COLUMNS["roles.csv"], (line, row) => {
    const r = parseRow(S.role12Row, row, { file: "roles.csv", line }, errors);
    if (!r) return;
    ref("roles.csv", line, "userSourcedId", r.userSourcedId, "users", userKnown(r.userSourcedId));
    ref("roles.csv", line, "orgSourcedId", r.orgSourcedId, "orgs", orgKnown(r.orgSourcedId));
    const u = set.users.get(r.userSourcedId);
    if (!u || r.status !== "active") return;
    const role = r.role.toLowerCase();
    if (role === "student") u.isStudent = true;
    else if (role === "counselor") u.isCounselor = true;
    else return;
    if (r.roleType === "primary") u.orgs.unshift(r.orgSourcedId);
    else u.orgs.push(r.orgSourcedId);
  });
  await each("demographics.csv", S.REQUIRED_COLUMNS["demographics.csv"], (line, row) => {
    const r = parseRow(S.demographicRow, row, { file: "demographics.csv", line }, errors);
    if (!r) return;
    ref("demographics.csv", line, "sourcedId", r.sourcedId, "users", userKnown(r.sourcedId));
    const race = raceEthnicityFromFlags({
      hispanicOrLatino: r.hispanicOrLatinoEthnicity,
      americanIndianOrAlaskaNative: r.americanIndianOrAlaskaNative,
      asian: r.asian,
      blackOrAfricanAmerican: r.blackOrAfricanAmerican,
      nativeHawaiianOrOtherPacificIslander: r.nativeHawaiianOrOtherPacificIslander,
      white: r.white,
      twoOrMoreRaces: r.demographicRaceTwoOrMoreRaces,
    });
    set.demographics.set(r.sourcedId, { line, status: r.status, birthDate: r.birthDate, sex: r.sex, gender: genderFromSex(r.sex), race });
  });
  const counselorOfClass = new Map<string, string>();
  const studentsInClass: { student: string; cls: string }[] = [];
  await each("enrollments.csv", S.REQUIRED_COLUMNS["enrollments.csv"], (line, row) => {
    const r = parseRow(S.enrollmentRow, row, { file: "enrollments.csv", line }, errors);
    if (!r) return;
    ref("enrollments.csv", line, "classSourcedId", r.classSourcedId, "classes", classes.has(r.classSourcedId));
    ref("enrollments.csv", line, "userSourcedId", r.userSourcedId, "users", userKnown(r.userSourcedId));
    ref("enrollments.csv", line, "schoolSourcedId", r.schoolSourcedId, "orgs", orgKnown(r.schoolSourcedId));
    if (r.status !== "active" || !classes.get(r.classSourcedId)) return;
    if (r.role === "student") studentsInClass.push({ student: r.userSourcedId, cls: r.classSourcedId });
    else if (!counselorOfClass.has(r.classSourcedId) || r.primary) counselorOfClass.set(r.classSourcedId, r.userSourcedId);
  });
  for (const { student, cls } of studentsInClass) {
    const c = counselorOfClass.get(cls);
    if (c) set.counselorOf.set(student, c);
  }
  for (const s of selfRefs) if (!s.ok()) errors.add({ file: s.file, line: s.line, column: s.column, value: s.value, message: `Unknown ${s.column}: "${s.value}" is not in this file` });
  return set;
}

async function readManifest(path: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  await readCsv(path, { file: "manifest.csv", required: ["propertyName", "value"] }, ({ row }) => m.set(row.propertyName, row.value.toLowerCase()));
  return m;
}
