import "server-only";
import fs from "node:fs";
import { canonicalHeader, readCsv, readHeader } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { ErrorList, ImportFileError, type Progress, type RowError } from "@/lib/imports/report";
import type { Source } from "@/lib/imports/source";
import { raceEthnicityFromFlags, genderFromSex, highSchoolGrade } from "@/lib/imports/rules";
import { lookAlike } from "@/lib/imports/oneroster/look-alike";
import { IdSet } from "@/lib/imports/id-set";
import type { Gender, RaceEthnicity } from "@/lib/generated/prisma/enums";
import type { z } from "zod";
import * as S from "@/lib/imports/oneroster/schema";

// Reads a OneRoster CSV set into the few facts CreditTrack keeps (schools, users with their roles
// and orgs, demographics, counseling-section enrollments), checking every reference on the way.
// Whole enrollment and class files are streamed, never held: only counseling sections are kept.
//
// What is stored is validated strictly: schools, high-school students (with their demographics),
// counselors, and counseling-section enrollments — a problem there is an error. Every other row is
// only read for its sourcedId (sessions, courses, classes, other enrollments, other orgs) or
// skipped (teachers, students outside grades 9–12; guardians: ./agents.ts): a problem there is a warning,
// counted once per kind of problem, and never blocks the roster (lib/imports/FORMATS.md).

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
  /** Candidate orgs, best first (roles.csv adds to them). */
  orgs: string[];
  /** The users.csv column the orgs came from (orgSourcedIds in 1.1, primaryOrgSourcedId or primaryOrg in 1.2). */
  orgColumn: string;
  isStudent: boolean;
  isCounselor: boolean;
  /** agentSourcedIds: a student's guardians, or a guardian's students (both sides may carry the link). */
  agents: readonly string[];
  /** phone, else sms (a guardian's number). */
  phone: string;
  /** roles named for the user (users.csv role in 1.1, roles.csv in 1.2), lower case, each once */
  roles: string[];
  /** Problems with the row, held until the user's roles tell whether CreditTrack stores them. */
  issues: readonly RowError[];
};
export type DemoRec = { line: number; status: Status; birthDate: Date | null; sex: string; gender: Gender | null; race: RaceEthnicity | null };
export type RosterSet = {
  version: "1.1" | "1.2";
  orgs: Map<string, OrgRec>;
  users: Map<string, UserRec>;
  demographics: Map<string, DemoRec>;
  /** student sourcedId → counselor user sourcedId, from counseling sections (lib/imports/FORMATS.md). */
  counselorOf: Map<string, string>;
  /** Students whose demographics row was rejected: the plan does not report them again as "missing". */
  rejectedDemographics: Map<string, number>;
  rows: number;
};
export type Known = { schools: Set<string>; users: Set<string>; students: Set<string> };

/** A class is a counseling section when its classCode starts with "COUNSEL" (documented convention). */
export const isCounselingSection = (classCode: string) => /^counsel/i.test(classCode);

/** A user CreditTrack stores: a counselor, or a student in grades 9–12 (the plan's own test). */
export const isStoredUser = (u: Pick<UserRec, "isStudent" | "isCounselor" | "grades">) => (u.isStudent ? highSchoolGrade(u.grades) !== null : u.isCounselor);
const GUARDIAN_ROLES = new Set(["guardian", "parent", "relative"]);
/** A guardian, parent or relative (OneRoster 1.2 roles; 1.1's users.csv role): never a staff account. */
export const isGuardianUser = (u: Pick<UserRec, "roles" | "isStudent" | "isCounselor">) => u.roles.some((r) => GUARDIAN_ROLES.has(r)) && !u.isStudent && !u.isCounselor;
/** An empty list, one for every user without any (never added to: the lists it stands for are read only). */
const NONE: readonly never[] = Object.freeze([]);
const listOrNone = <T>(xs: T[]): readonly T[] => (xs.length ? xs.slice() : NONE);
/** Files whose rows are never stored (enrollments: except in counseling sections). */
const REFERENCE_ONLY = new Set(["academicSessions.csv", "courses.csv", "classes.csv", "enrollments.csv"]);

/** Problems in rows CreditTrack does not store: one warning per file and kind of problem, with a count (also the gradebook's). */
export class Tally {
  private m = new Map<string, { first: RowError; count: number; what: string }>();
  add(what: string, e: RowError): void {
    const key = `${e.file}|${what}|${e.column}|${e.message.replace(/"[^"]*"/g, '""')}`; // one warning per kind, whatever the values
    const t = this.m.get(key);
    if (t) t.count++;
    else this.m.set(key, { first: e, count: 1, what });
  }
  flush(warnings: ErrorList): void {
    for (const { first: e, count, what } of this.m.values()) {
      const where = `first at line ${e.line}${e.column ? `, ${e.column}` : ""}${e.value ? ` "${e.value}"` : ""}`;
      const them = count === 1 ? "It was" : "They were";
      warnings.add({
        ...e,
        message: `${count} ${count === 1 ? "row" : "rows"} of ${what}: ${e.message} (${where}). ${them} only read for references or skipped, so this does not stop the import.`,
      });
    }
  }
}

export async function readRoster(src: Source, known: Known, errors: ErrorList, warnings: ErrorList, onProgress?: (p: Progress) => void): Promise<RosterSet> {
  // The binding's file names, matched without regard to case (Users.csv from a Windows share).
  const files = new Map<string, string>();
  const given = new Map<string, string>();
  for (const [name, p] of src.files) {
    const canonical = S.FILE_NAMES.find((f) => f.toLowerCase() === name.toLowerCase()) ?? name;
    const twin = given.get(canonical.toLowerCase());
    if (twin)
      throw new ImportFileError([
        { file: src.name, line: 0, column: null, value: null, message: `Two files are named ${twin} and ${name}: which one is the roster's? Remove one and import again.` },
      ]);
    given.set(canonical.toLowerCase(), name);
    files.set(canonical, p);
  }
  const has = (f: string) => files.has(f);
  const headers = new Map<string, string[]>();
  for (const [name, p] of files) headers.set(name, await readHeader(p));
  const other = lookAlike(headers);
  if (other) throw new ImportFileError([{ file: src.name, line: 0, column: null, value: null, message: `This looks like ${other}` }]);
  if (!has("users.csv") && !has("orgs.csv")) {
    throw new ImportFileError([{ file: src.name, line: 0, column: null, value: null, message: "Not a OneRoster set: neither users.csv nor orgs.csv is present" }]);
  }
  const manifest = has("manifest.csv") ? await readManifest(files.get("manifest.csv")!) : new Map<string, string>();
  const version = manifest.get("oneroster.version")?.startsWith("1.2") || has("roles.csv") ? "1.2" : "1.1";
  // A reference can only be checked against a file given in bulk (a delta lists changes only).
  const mode = (file: string) => manifest.get(`file.${file}`) ?? (has(`${file}.csv`) ? "bulk" : "absent");
  const columnsOf = (file: string) => S.COLUMNS[file === "users.csv" ? `users.csv@${version}` : file] ?? [];
  const requiredOf = (file: string) => (S.REQUIRED_COLUMNS as Record<string, readonly string[]>)[file === "users.csv" ? `users.csv@${version}` : file] ?? [];

  // Every file's header first: one answer with all of them, not one file per run.
  const headerErrors: RowError[] = [];
  for (const [file, h] of headers) if (file !== "manifest.csv") headerErrors.push(...canonicalHeader(h, { file, required: requiredOf(file), columns: columnsOf(file) }).errors);
  if (headerErrors.length) throw new ImportFileError(headerErrors);

  const totalBytes = [...files.values()].reduce((n, p) => n + fs.statSync(p).size, 0);
  let doneBytes = 0;
  const set: RosterSet = { version, orgs: new Map(), users: new Map(), demographics: new Map(), counselorOf: new Map(), rejectedDemographics: new Map(), rows: 0 };
  const tally = new Tally();
  const otherOrgs = new Set<string>(); // org rows read only for references
  const sessions = new Set<string>();
  const courses = new Set<string>();
  const classes = new Map<string, boolean>(); // sourcedId → is counseling section
  const selfRefs: { file: string; line: number; column: string; value: string; ok: () => boolean }[] = [];

  async function each(file: string, fn: (line: number, row: Record<string, string>) => void): Promise<void> {
    const path = files.get(file);
    if (!path) return;
    const base = doneBytes;
    const seen = new IdSet(); // a file's sourcedIds: 1.5 million enrollments in a city's roster
    const opts = {
      file,
      required: requiredOf(file),
      columns: columnsOf(file),
      warnings,
      onBytes: (b: number) => onProgress?.({ phase: "read", file, done: base + b, total: totalBytes }),
    };
    await readCsv(path, opts, ({ line, row }) => {
      set.rows++;
      const id = row.sourcedId;
      if (id && !seen.add(id)) {
        // A second row with one id: an error where rows are stored, a counted warning elsewhere.
        const e = { file, line, column: "sourcedId", value: id, message: "Duplicate sourcedId in this file" };
        if (REFERENCE_ONLY.has(file) && !(file === "enrollments.csv" && classes.get(row.classSourcedId ?? "") === true)) tally.add("rows read only for references", e);
        else errors.add(e);
        return;
      }
      fn(line, row);
    });
    doneBytes = base + fs.statSync(path).size;
  }
  /** A reference to a row of another file; an error or (for a row that is not stored) a tallied warning. */
  const refIssue = (file: string, line: number, column: string, value: string, target: string, ok: boolean): RowError | null =>
    !ok && mode(target) === "bulk" ? { file, line, column, value, message: `Unknown ${column}: no ${target}.csv row has sourcedId "${value}"` } : null;
  const ref = (file: string, line: number, column: string, value: string, target: string, ok: boolean) => {
    const e = refIssue(file, line, column, value, target, ok);
    if (e) errors.add(e);
  };
  const lenient = <T extends z.ZodType>(what: string, file: string, line: number, row: Record<string, string>, schema: T): z.output<T> | null => {
    const issues = new ErrorList();
    const r = parseRow(schema, row, { file, line }, issues);
    for (const e of issues.items) tally.add(what, e);
    return r;
  };
  const tallyRef = (what: string, ...a: Parameters<typeof refIssue>) => {
    const e = refIssue(...a);
    if (e) tally.add(what, e);
  };
  const orgKnown = (id: string) => set.orgs.has(id) || otherOrgs.has(id) || known.schools.has(id);

  await each("orgs.csv", (line, row) => {
    // Schools are stored; a district, department or state row is only referred to.
    const stored = !["district", "department", "local", "state", "national"].includes(row.type ?? "");
    const r = stored ? parseRow(S.orgRow, row, { file: "orgs.csv", line }, errors) : lenient("non-school orgs", "orgs.csv", line, row, S.orgRow);
    if (!stored && row.sourcedId) otherOrgs.add(row.sourcedId);
    if (!r) return;
    set.orgs.set(r.sourcedId, { line, status: r.status, name: r.name, type: r.type, identifier: r.identifier });
    if (r.parentSourcedId)
      selfRefs.push({ file: "orgs.csv", line, column: "parentSourcedId", value: r.parentSourcedId, ok: () => orgKnown(r.parentSourcedId) || mode("orgs") !== "bulk" });
  });
  // Sessions, courses and classes are read for their sourcedIds (and a class's counseling code).
  await each("academicSessions.csv", (line, row) => {
    if (row.sourcedId) sessions.add(row.sourcedId);
    const r = lenient("academic sessions", "academicSessions.csv", line, row, S.academicSessionRow);
    if (!r) return;
    if (r.endDate < r.startDate)
      tally.add("academic sessions", { file: "academicSessions.csv", line, column: "endDate", value: row.endDate ?? null, message: "endDate is before startDate" });
    if (r.parentSourcedId)
      selfRefs.push({
        file: "academicSessions.csv",
        line,
        column: "parentSourcedId",
        value: r.parentSourcedId,
        ok: () => sessions.has(r.parentSourcedId) || mode("academicSessions") !== "bulk",
      });
  });
  await each("courses.csv", (line, row) => {
    if (row.sourcedId) courses.add(row.sourcedId);
    const r = lenient("courses", "courses.csv", line, row, S.courseRow);
    if (!r) return;
    tallyRef("courses", "courses.csv", line, "orgSourcedId", r.orgSourcedId, "orgs", orgKnown(r.orgSourcedId));
    if (r.schoolYearSourcedId) tallyRef("courses", "courses.csv", line, "schoolYearSourcedId", r.schoolYearSourcedId, "academicSessions", sessions.has(r.schoolYearSourcedId));
  });
  await each("classes.csv", (line, row) => {
    if (row.sourcedId) classes.set(row.sourcedId, (row.status ?? "") !== "tobedeleted" && isCounselingSection(row.classCode ?? ""));
    const r = lenient("classes", "classes.csv", line, row, S.classRow);
    if (!r) return;
    tallyRef("classes", "classes.csv", line, "courseSourcedId", r.courseSourcedId, "courses", courses.has(r.courseSourcedId));
    tallyRef("classes", "classes.csv", line, "schoolSourcedId", r.schoolSourcedId, "orgs", orgKnown(r.schoolSourcedId));
    for (const t of r.termSourcedIds) tallyRef("classes", "classes.csv", line, "termSourcedIds", t, "academicSessions", sessions.has(t));
  });
  const rejectedUsers = new Map<string, number>(); // sourcedId → line: references to them are not errors again
  const userSchema = version === "1.1" ? S.user11Row : S.user12Row;
  await each("users.csv", (line, row) => {
    const issues = new ErrorList();
    const r = parseRow(userSchema, row, { file: "users.csv", line }, issues);
    // Held as read, even when the row has problems: whether they are errors depends on the roles.
    const raw = (k: string) => (r ? String((r as Record<string, unknown>)[k] ?? "") : (row[k] ?? "").trim());
    const orgColumn = version === "1.1" ? "orgSourcedIds" : raw("primaryOrgSourcedId") ? "primaryOrgSourcedId" : "primaryOrg";
    // Each user's lists are kept for the whole import (300,000 in a city's roster): copied to
    // their length (slice), as an array built by filter() keeps room for 16 more, and the
    // empty ones shared (heap snapshots of a city roster read: the lists' spare room, a Set of
    // roles and an empty issue list per user were 86 MB of its 461).
    const orgs = (
      r && "orgSourcedIds" in r
        ? r.orgSourcedIds
        : raw(orgColumn)
            .split(",")
            .map((o) => o.trim())
            .filter(Boolean)
    ).slice();
    for (const o of orgs) {
      const e = refIssue("users.csv", line, orgColumn, o, "orgs", orgKnown(o));
      if (e) issues.add(e);
    }
    const role = version === "1.1" ? raw("role").toLowerCase() : "";
    const ext = raw("metadata.credittrack.role").toLowerCase();
    const sid = raw("sourcedId");
    if (!sid) {
      // Nothing can refer to it; an error unless the row is plainly not a student or counselor.
      const plainlyOther = version === "1.1" && role !== "student" && role !== "counselor" && ext !== "counselor";
      for (const e of issues.items) plainlyOther ? tally.add("users who are neither students nor counselors", e) : errors.add(e);
      return;
    }
    set.users.set(sid, {
      line,
      status: r?.status ?? (row.status === "tobedeleted" ? "tobedeleted" : "active"),
      givenName: raw("givenName"),
      familyName: raw("familyName"),
      middleName: raw("middleName"),
      identifier: raw("identifier"),
      email: raw("email").toLowerCase(),
      grades: raw("grades"),
      orgs,
      orgColumn,
      isStudent: role === "student",
      isCounselor: role === "counselor" || ext === "counselor",
      roles: role ? [role] : [],
      // OneRoster 1.2 CSV binding: a list field is comma-separated; SIS exports also write ";"
      // ("p-3;p-4"). A sourcedId contains neither in practice (GUIDs or SIS keys), so both split.
      agents: listOrNone(
        raw("agentSourcedIds")
          .split(/[,;]/)
          .map((a) => a.trim())
          .filter(Boolean),
      ),
      phone: raw("phone") || raw("sms"),
      issues: listOrNone(issues.items),
    });
  });
  const userKnown = (id: string) => set.users.has(id) || known.users.has(id) || rejectedUsers.has(id);
  await each("roles.csv", (line, row) => {
    // A student's or counselor's role decides what is stored; other roles are only read.
    const role = (row.role ?? "").toLowerCase();
    const stored = role === "student" || role === "counselor";
    const r = stored ? parseRow(S.role12Row, row, { file: "roles.csv", line }, errors) : lenient("roles of other users", "roles.csv", line, row, S.role12Row);
    const u = row.userSourcedId ? set.users.get(row.userSourcedId) : undefined;
    if (u && !u.roles.includes(role)) u.roles.push(role);
    if (!r) return;
    if (stored) {
      ref("roles.csv", line, "userSourcedId", r.userSourcedId, "users", userKnown(r.userSourcedId));
      ref("roles.csv", line, "orgSourcedId", r.orgSourcedId, "orgs", orgKnown(r.orgSourcedId));
    } else tallyRef("roles of other users", "roles.csv", line, "userSourcedId", r.userSourcedId, "users", userKnown(r.userSourcedId));
    if (!u) return;
    // The role says what the user is, whatever its status (a tobedeleted student is still a
    // student, to be deleted); only an active role gives an org.
    if (role === "student") u.isStudent = true;
    else if (role === "counselor") u.isCounselor = true;
    else return;
    if (r.status !== "active") return;
    if (r.roleType === "primary") u.orgs.unshift(r.orgSourcedId);
    else u.orgs.push(r.orgSourcedId);
  });
  // Now each user's roles are known: a stored user's problems are errors (and the user is not
  // imported); anyone else's are counted warnings.
  let young = 0;
  let firstYoung = 0;
  for (const [sid, u] of set.users) {
    // roles.csv (1.2) pushed onto these lists, which then kept room to grow: kept at length again.
    if (has("roles.csv")) {
      u.roles = u.roles.slice();
      u.orgs = u.orgs.slice();
    }
    if (isGuardianUser(u)) {
      for (const e of u.issues) tally.add("guardians, parents or relatives", e);
      continue;
    }
    if (u.isStudent && highSchoolGrade(u.grades) === null && u.status === "active") {
      if (young++ === 0) firstYoung = u.line;
    }
    if (!u.issues.length) continue;
    if (isStoredUser(u)) {
      for (const e of u.issues) errors.add(e);
      set.users.delete(sid);
      rejectedUsers.set(sid, u.line);
    } else for (const e of u.issues) tally.add(u.isStudent ? "students outside grades 9–12" : "users who are neither students nor counselors", e);
  }
  // Guardians linked to a stored student become Guardian rows (./agents.ts, once the plan knows
  // the students); the rest are skipped there with a warning. Never a staff account.
  if (young)
    warnings.add({
      file: "users.csv",
      line: firstYoung,
      column: "grades",
      value: null,
      message: `${young} ${young === 1 ? "student is" : "students are"} not in grades 9–12 and ${young === 1 ? "was" : "were"} skipped (first at line ${firstYoung})`,
    });

  const storedStudent = (id: string) => {
    const u = set.users.get(id);
    return u ? u.isStudent && isStoredUser(u) : known.students.has(id);
  };
  await each("demographics.csv", (line, row) => {
    const sid = row.sourcedId ?? "";
    // A stored student's demographics are checked; anyone else's are not used.
    if (!storedStudent(sid)) {
      const r = lenient("demographics of people CreditTrack does not store", "demographics.csv", line, row, S.demographicRow);
      if (r && !userKnown(sid) && mode("users") === "bulk")
        tally.add("demographics of people CreditTrack does not store", {
          file: "demographics.csv",
          line,
          column: "sourcedId",
          value: sid,
          message: `Unknown sourcedId: no users.csv row has sourcedId "${sid}"`,
        });
      return;
    }
    const r = parseRow(S.demographicRow, row, { file: "demographics.csv", line }, errors);
    if (!r) {
      if (sid) set.rejectedDemographics.set(sid, line);
      return;
    }
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
  await each("enrollments.csv", (line, row) => {
    // Only counseling-section enrollments are stored (as the student's counselor).
    const counseling = classes.get(row.classSourcedId ?? "") === true;
    if (!counseling) {
      const r = lenient("enrollments outside counseling sections", "enrollments.csv", line, row, S.enrollmentRow);
      if (r) tallyRef("enrollments outside counseling sections", "enrollments.csv", line, "classSourcedId", r.classSourcedId, "classes", classes.has(r.classSourcedId));
      return;
    }
    const r = parseRow(S.enrollmentRow, row, { file: "enrollments.csv", line }, errors);
    if (!r) return;
    ref("enrollments.csv", line, "userSourcedId", r.userSourcedId, "users", userKnown(r.userSourcedId));
    ref("enrollments.csv", line, "schoolSourcedId", r.schoolSourcedId, "orgs", orgKnown(r.schoolSourcedId));
    if (r.status !== "active") return;
    if (r.role === "student") studentsInClass.push({ student: r.userSourcedId, cls: r.classSourcedId });
    else if (!counselorOfClass.has(r.classSourcedId) || r.primary) counselorOfClass.set(r.classSourcedId, r.userSourcedId);
  });
  for (const { student, cls } of studentsInClass) {
    const c = counselorOfClass.get(cls);
    if (c) set.counselorOf.set(student, c);
  }
  // A parent org or session is never stored: an unknown one is a warning.
  for (const s of selfRefs)
    if (!s.ok())
      tally.add(s.file === "orgs.csv" ? "orgs" : "academic sessions", {
        file: s.file,
        line: s.line,
        column: s.column,
        value: s.value,
        message: `Unknown ${s.column}: "${s.value}" is not in this file`,
      });
  tally.flush(warnings);
  return set;
}

async function readManifest(path: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  await readCsv(path, { file: "manifest.csv", required: ["propertyName", "value"] }, ({ row }) => m.set(row.propertyName, row.value.toLowerCase()));
  return m;
}
