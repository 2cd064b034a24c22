import "server-only";
import { db } from "@/lib/db";
import { can, schoolScope, staffScope, type Viewer } from "@/lib/access";
import { filterDetails } from "@/lib/audit";
import { paceFor, type PaceStatus } from "@/lib/enrollments/rules";
import { latestFollowUp, needsAttention, onlineRiskFacts, riskFor, RISK_ORDER, type Risk, type RiskLevel } from "./rules";
import { creditsEarned, creditsStillNeeded, DIPLOMA_CREDITS_DEFAULT } from "./credits";
import { PAGE_SIZE, type CaseloadParams } from "./schema";
import { caseloadStudents } from "@/lib/sql/queries/caseload-students";
import { caseloadActiveEnrollments } from "@/lib/sql/queries/caseload-active-enrollments";
import type { CaseloadFilter } from "@/lib/sql/fragments/caseload-filter";
import { districtDay } from "@/lib/calendar";
import { programFlagCodes, type ProgramFlag } from "@/lib/labels";

// The caseload: every student in the viewer's scope matching the URL filters, with risk computed
// for all of them (risk filtering and sorting need it), then sorted and paged in memory.
// Two SQL statements whatever the caseload size (asserted in caseload.int.test.ts), run in
// parallel on the typed SQL boundary (lib/sql/queries/caseload-students.ts, caseload-active-enrollments.ts):
//   1. the students matching the SQL-expressible filters (scope, school, grade, cohort, flags,
//      status, search), each with credits earned by subject area, latest note date, the diploma's
//      credits and the area requirements, and the list's audit event inserted by the same statement;
//   2. the active online enrollments of those same students, with pace inputs and a failed-mastery flag.

export type CaseloadCourse = { id: string; title: string; progress: number; expected: number; pace: PaceStatus; targetDate: Date; daysInactive: number };
export type CaseloadRow = {
  id: string;
  name: string;
  sisId: string;
  gradeLevel: number;
  cohortYear: number;
  status: string;
  /** Program flag codes (lib/labels.ts: PROGRAM_FLAG_LABEL words, PROGRAM_FLAG_SHORT on the caseload line). */
  flags: ProgramFlag[];
  risk: Risk;
  /** Credits earned (lib/students/credits.ts), the diploma's credits, and credits still needed. */
  creditsEarned: number;
  creditsRequired: number;
  creditsStillNeeded: number;
  courses: CaseloadCourse[];
  daysSinceActivity: number | null;
  /** When the latest note was written (an instant, stored in UTC). */
  latestNoteOn: Date | null;
  /** Its calendar day in the district's zone (lib/calendar.ts), as date-only values are kept: what the row shows. */
  latestNoteDay: Date | null;
  needsAttention: boolean;
  /** The student's counselor (the admins' list shows and filters by it). */
  counselorId: string | null;
  counselorName: string | null;
  /** For the bulk forms: the school (who may own a plan) and Student.version (a move is version-checked). */
  schoolId: string;
  version: number;
};
/** One counselor's caseload risk mix within the current filter (null id: students with no counselor). */
export type CounselorMix = { counselorId: string | null; name: string; counts: Record<RiskLevel, number> };
export type CaseloadPage = {
  rows: CaseloadRow[];
  total: number;
  page: number;
  pageCount: number;
  riskCounts: Record<RiskLevel, number>;
  cohorts: number[];
  /** A district admin must pick a school (or search) first: risk for 60,000 students is no list. */
  needsSchool: boolean;
  counselorMix: CounselorMix[];
};

/** The URL filters SQL can apply, inside the viewer's scope (lib/sql/fragments/caseload-filter.ts). */
function filterFor(viewer: Viewer, p: CaseloadParams, only?: string[]): CaseloadFilter {
  return {
    who: viewer,
    only,
    school: p.school,
    counselor: p.counselor,
    status: p.status === "ALL" ? undefined : p.status,
    grade: p.grade,
    cohort: p.cohort,
    flags: p.flag,
    words: (p.q ?? "").split(/\s+/).filter(Boolean),
  };
}

/**
 * Whose list this is for the audit trail (issue 14): the caseload page's own, or another view
 * built on it (the early-warning counts) with its action and filter.
 */
export type CaseloadAudit = { action: string; filter: Record<string, unknown> };

export async function listCaseload(viewer: Viewer, p: CaseloadParams, asOf: Date, audit?: CaseloadAudit): Promise<CaseloadPage> {
  if (can(viewer, "students.allSchools") && !p.school && !p.q) {
    return { rows: [], total: 0, page: 1, pageCount: 1, riskCounts: { LOW: 0, MODERATE: 0, HIGH: 0 }, cohorts: [], needsSchool: true, counselorMix: [] };
  }
  const { rows, riskCounts, cohorts, counselorMix } = await caseloadView(viewer, p, asOf, audit);
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(p.page, pageCount);
  return { rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: rows.length, page, pageCount, riskCounts, cohorts, needsSchool: false, counselorMix };
}

/**
 * Every row of the view (all pages) with the risk and attention filters applied, sorted: the
 * caseload pages it, its CSV (lib/caseload/export.ts) writes it whole. `audit` null leaves the
 * list's audit event out (the CSV records an export event naming the students instead).
 */
export async function caseloadView(viewer: Viewer, p: CaseloadParams, asOf: Date, audit?: CaseloadAudit | null, only?: string[]) {
  const { all, cohorts } = await caseloadRows(viewer, p, asOf, audit, only);
  const riskCounts: Record<RiskLevel, number> = { LOW: 0, MODERATE: 0, HIGH: 0 };
  const filtered = all.filter((r) => !p.attention || r.needsAttention);
  for (const r of filtered) riskCounts[r.risk.level]++;
  const rows = filtered.filter((r) => !p.risk || r.risk.level === p.risk);
  rows.sort(comparator(p));
  return { rows, riskCounts, cohorts, counselorMix: counselorMixOf(filtered) };
}

/**
 * Risk mix per counselor over the current filter (before the risk-level filter, like riskCounts).
 * Not suppressed (lib/reports/disclosure.ts MIN_N does not apply): these are counts of the admin's
 * own school's students, each of whom the admin can open by name on the same page.
 */
function counselorMixOf(rows: CaseloadRow[]): CounselorMix[] {
  const by = new Map<string | null, CounselorMix>();
  for (const r of rows) {
    let m = by.get(r.counselorId);
    if (!m) by.set(r.counselorId, (m = { counselorId: r.counselorId, name: r.counselorName ?? "No counselor", counts: { LOW: 0, MODERATE: 0, HIGH: 0 } }));
    m.counts[r.risk.level]++;
  }
  return [...by.values()].sort((a, b) => (a.counselorId === null ? 1 : b.counselorId === null ? -1 : a.name.localeCompare(b.name)));
}

/**
 * Every student in the viewer's scope matching the SQL-expressible filters of `p`, with risk,
 * credits and pace computed as the caseload shows them (unsorted, unpaged; the risk and attention
 * filters not applied). The caseload pages it; the Today list (lib/today/) ranks it — one rule.
 */
export async function caseloadRows(
  viewer: Viewer,
  p: CaseloadParams,
  asOf: Date,
  audit?: CaseloadAudit | null,
  only?: string[],
): Promise<{ all: CaseloadRow[]; cohorts: number[] }> {
  // No audit: a caller that records its own event (the caseload CSV, lib/caseload/export.ts).
  if (audit === null) return rowsWhere(filterFor(viewer, p, only), asOf, null);
  const { action, filter } = audit ?? { action: "caseload.view", filter: { ...p, sort: undefined, dir: undefined, page: undefined } };
  // The list's audit event rides in statement 1 (a data-modifying WITH, run whether or not it is
  // referenced): the viewer, the URL filter and how many students the list read (those matching
  // scope and the SQL filters; a risk or needs-attention filter narrows what is shown further).
  return rowsWhere(filterFor(viewer, p), asOf, { userId: viewer.id, action, filter: filterDetails(filter) });
}

/**
 * The enrolled students of one school with the caseload's risk, credits and pace: what the daily
 * risk snapshot (lib/today/snapshot.ts) records, by the caseload's own rule. A job's read, not a
 * person's: no audit event.
 */
export async function enrolledSchoolRows(schoolId: string, asOf: Date): Promise<CaseloadRow[]> {
  return (await rowsWhere({ who: null, school: schoolId, status: "ENROLLED" }, asOf, null)).all;
}

/**
 * The latest note counts only notes the filter's person may read (lib/sql/fragments/scope.ts
 * noteReadable): a restricted note the viewer may not read is not theirs to know of, not even by
 * its date. A job's read (no person) counts unrestricted notes only.
 */
async function rowsWhere(filter: CaseloadFilter, asOf: Date, audit: Parameters<typeof caseloadStudents>[1]): Promise<{ all: CaseloadRow[]; cohorts: number[] }> {
  const [students, active] = await Promise.all([caseloadStudents(filter, audit), caseloadActiveEnrollments(filter)]);
  const required = students[0]?.required ?? DIPLOMA_CREDITS_DEFAULT;
  const activeBy = new Map<string, typeof active>();
  for (const e of active) activeBy.set(e.studentId, [...(activeBy.get(e.studentId) ?? []), e]);

  const all: CaseloadRow[] = students.map((s) => {
    // The same figures as the student page's audit, from the same inputs (credits.ts).
    const earned = creditsEarned(s.earnedBySubject);
    const mine = activeBy.get(s.id) ?? [];
    const online = mine.map((e) => onlineRiskFacts(e, asOf));
    const risk = riskFor({
      attendanceRate: s.attendanceRate,
      suspensions: s.suspensions,
      coursesFailedThisYear: s.coursesFailedThisYear,
      gradeLevel: s.gradeLevel,
      creditsEarned: earned,
      totalCreditsRequired: required,
      online,
    });
    const latestNoteOn = s.lastNote;
    return {
      id: s.id,
      name: `${s.lastName}, ${s.firstName}`,
      sisId: s.sisId,
      gradeLevel: s.gradeLevel,
      cohortYear: s.cohortYear,
      status: s.status,
      flags: programFlagCodes(s),
      risk,
      creditsEarned: earned,
      creditsRequired: required,
      creditsStillNeeded: creditsStillNeeded(s.requirements, required, s.earnedBySubject),
      courses: mine.map((e, i) => {
        const pace = paceFor(e, asOf);
        return {
          id: e.id,
          title: e.title,
          progress: e.progress,
          expected: Math.round(pace.expected),
          pace: pace.status,
          targetDate: e.targetDate,
          daysInactive: online[i].daysInactive,
        };
      }),
      daysSinceActivity: online.length ? Math.min(...online.map((o) => o.daysInactive)) : null,
      latestNoteOn,
      latestNoteDay: latestNoteOn && districtDay(latestNoteOn),
      // Followed up = a note or a family contact (issue 16: the contact log is where calls home go).
      needsAttention: needsAttention(risk.level, latestFollowUp(latestNoteOn, s.lastContactDay), asOf),
      counselorId: s.counselorId,
      counselorName: s.counselorName,
      schoolId: s.schoolId,
      version: s.version,
    };
  });

  const cohorts = [...new Set(students.map((s) => s.cohortYear))].sort();
  return { all, cohorts };
}

/** Natural direction per column (most urgent first where it matters); `dir` flips it. Ties by name. */
const SORTS: Record<CaseloadParams["sort"], { key: (r: CaseloadRow) => number | string; natural: "asc" | "desc" }> = {
  name: { key: (r) => r.name.toLowerCase(), natural: "asc" },
  grade: { key: (r) => r.gradeLevel, natural: "asc" },
  cohort: { key: (r) => r.cohortYear, natural: "asc" },
  risk: { key: (r) => RISK_ORDER[r.risk.level] * 100 + r.risk.reasons.length, natural: "desc" },
  credits: { key: (r) => r.creditsEarned, natural: "asc" },
  needed: { key: (r) => r.creditsStillNeeded, natural: "desc" },
  activity: { key: (r) => r.daysSinceActivity ?? -1, natural: "desc" },
  note: { key: (r) => r.latestNoteOn?.getTime() ?? 0, natural: "asc" },
};

export function defaultDir(sort: CaseloadParams["sort"]): "asc" | "desc" {
  return SORTS[sort].natural;
}

function comparator(p: CaseloadParams) {
  const { key } = SORTS[p.sort];
  const sign = (p.dir ?? SORTS[p.sort].natural) === "asc" ? 1 : -1;
  return (a: CaseloadRow, b: CaseloadRow) => {
    const ka = key(a),
      kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a.name.localeCompare(b.name);
  };
}

/** Counselors an admin can pick in the caseload filters: of the admin's school (district: of the chosen school). */
export async function caseloadCounselors(viewer: Viewer, school: string | undefined): Promise<{ id: string; name: string }[]> {
  if (!can(viewer, "students.byCounselor")) return [];
  const schoolId = can(viewer, "students.allSchools") ? school : viewer.schoolId;
  if (!schoolId) return [];
  return db().user.findMany({ where: { AND: [staffScope(viewer), { role: "COUNSELOR", schoolId }] }, orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** Schools an admin can pick in the caseload filters (none for a counselor: one caseload). */
export async function caseloadSchools(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  if (!can(viewer, "students.allSchools")) return [];
  return db().school.findMany({ where: schoolScope(viewer), orderBy: { name: "asc" }, select: { id: true, name: true } });
}
