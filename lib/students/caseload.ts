import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { schoolScope, studentScope, type Viewer } from "@/lib/access";
import { paceFor, type PaceStatus } from "@/lib/enrollments/rules";
import { needsAttention, onlineRiskFacts, riskFor, RISK_ORDER, type Risk, type RiskLevel } from "./rules";
import { PAGE_SIZE, type CaseloadParams } from "./schema";

// The caseload: every student in the viewer's scope matching the URL filters, with risk computed
// for all of them (risk filtering and sorting need it), then sorted and paged in memory.
// A fixed number of SQL queries whatever the caseload size (asserted in caseload.int.test.ts):
//   1. the students matching the SQL-expressible filters (scope, grade, cohort, flags, status, search);
//   2. district settings (diploma credits);
//   3. per student: credits earned and latest note date (grouped aggregates);
//   4. their active online enrollments with pace inputs and a failed-mastery flag.

export type CaseloadCourse = { id: string; title: string; progress: number; expected: number; pace: PaceStatus };
export type CaseloadRow = {
  id: string;
  name: string;
  sisId: string;
  gradeLevel: number;
  cohortYear: number;
  status: string;
  flags: string[];
  risk: Risk;
  creditsEarned: number;
  creditsRequired: number;
  creditsShort: number;
  courses: CaseloadCourse[];
  daysSinceActivity: number | null;
  latestNoteOn: Date | null;
  needsAttention: boolean;
};
export type CaseloadPage = {
  rows: CaseloadRow[];
  total: number;
  page: number;
  pageCount: number;
  riskCounts: Record<RiskLevel, number>;
  cohorts: number[];
  /** A district admin must pick a school (or search) first: risk for 60,000 students is no list. */
  needsSchool: boolean;
};

function whereFor(viewer: Viewer, p: CaseloadParams): Prisma.StudentWhereInput {
  const and: Prisma.StudentWhereInput[] = [studentScope(viewer)];
  if (p.school) and.push({ schoolId: p.school });
  if (p.status !== "ALL") and.push({ status: p.status });
  if (p.grade !== undefined) and.push({ gradeLevel: p.grade });
  if (p.cohort !== undefined) and.push({ cohortYear: p.cohort });
  if (p.flag.includes("SPED")) and.push({ specialEducation: true });
  if (p.flag.includes("EL")) and.push({ englishLearner: true });
  if (p.flag.includes("LOW_INCOME")) and.push({ lowIncome: true });
  for (const token of (p.q ?? "").split(/\s+/).filter(Boolean).slice(0, 4)) {
    and.push({
      OR: [
        { firstName: { startsWith: token, mode: "insensitive" } },
        { lastName: { startsWith: token, mode: "insensitive" } },
        { sisId: { startsWith: token, mode: "insensitive" } },
      ],
    });
  }
  return { AND: and };
}

type Agg = { studentId: string; earned: Prisma.Decimal | null; lastNote: Date | null };
type ActiveRow = {
  id: string;
  studentId: string;
  title: string;
  progress: number;
  startDate: Date;
  targetDate: Date;
  lastActivityOn: Date | null;
  masteryFailed: boolean;
};

export async function listCaseload(viewer: Viewer, p: CaseloadParams, asOf: Date): Promise<CaseloadPage> {
  if (viewer.role === "DISTRICT_ADMIN" && !p.school && !p.q) {
    return { rows: [], total: 0, page: 1, pageCount: 1, riskCounts: { LOW: 0, MODERATE: 0, HIGH: 0 }, cohorts: [], needsSchool: true };
  }
  const [students, settings] = await Promise.all([
    db().student.findMany({
      where: whereFor(viewer, p),
      select: {
        id: true, sisId: true, firstName: true, lastName: true, gradeLevel: true, cohortYear: true, status: true,
        englishLearner: true, specialEducation: true, lowIncome: true, attendanceRate: true, suspensions: true, coursesFailedThisYear: true,
      },
    }),
    db().districtSettings.findUnique({ where: { id: 1 } }),
  ]);
  const required = Number(settings?.totalCreditsRequired ?? 22);
  const ids = students.map((s) => s.id);

  const [aggs, active] = ids.length === 0 ? [[], []] : await Promise.all([
    db().$queryRaw<Agg[]>`
      SELECT s.id AS "studentId",
             (SELECT sum(t."creditsEarned") FROM "TranscriptCourse" t WHERE t."studentId" = s.id) AS earned,
             (SELECT max(n."createdAt") FROM "Note" n WHERE n."studentId" = s.id) AS "lastNote"
      FROM unnest(${ids}::text[]) AS s(id)`,
    // Best score per (enrollment, assessment), then the summative ones still below mastery.
    db().$queryRaw<ActiveRow[]>`
      WITH act AS (
        SELECT e.id, e."studentId", e."courseId", e.progress, e."startDate", e."targetDate", e."lastActivityOn"
        FROM "Enrollment" e WHERE e.status = 'ACTIVE' AND e."studentId" = ANY(${ids}::text[])
      ), best AS (
        SELECT r."enrollmentId", r."assessmentId", max(r.score) AS score
        FROM "AssessmentResult" r WHERE r."enrollmentId" IN (SELECT id FROM act) GROUP BY 1, 2
      ), failed AS (
        SELECT DISTINCT b."enrollmentId" AS id
        FROM best b
        JOIN "CourseAssessment" a ON a.id = b."assessmentId" AND a.kind = 'SUMMATIVE'
        JOIN act ON act.id = b."enrollmentId"
        JOIN "OnlineCourse" c ON c.id = act."courseId"
        WHERE b.score * 100 / a."maxScore" < c."masteryThreshold"
      )
      SELECT act.id, act."studentId", c.title, act.progress, act."startDate", act."targetDate", act."lastActivityOn",
             (f.id IS NOT NULL) AS "masteryFailed"
      FROM act JOIN "OnlineCourse" c ON c.id = act."courseId" LEFT JOIN failed f ON f.id = act.id
      ORDER BY act."startDate"`,
  ]);
  const aggBy = new Map(aggs.map((a) => [a.studentId, a]));
  const activeBy = new Map<string, ActiveRow[]>();
  for (const e of active) activeBy.set(e.studentId, [...(activeBy.get(e.studentId) ?? []), e]);

  const all: CaseloadRow[] = students.map((s) => {
    const agg = aggBy.get(s.id);
    const earned = Number(agg?.earned ?? 0);
    const mine = activeBy.get(s.id) ?? [];
    const online = mine.map((e) => onlineRiskFacts(e, asOf));
    const risk = riskFor({
      attendanceRate: s.attendanceRate === null ? null : Number(s.attendanceRate),
      suspensions: s.suspensions,
      coursesFailedThisYear: s.coursesFailedThisYear,
      gradeLevel: s.gradeLevel,
      creditsEarned: earned,
      totalCreditsRequired: required,
      online,
    });
    const latestNoteOn = agg?.lastNote ?? null;
    return {
      id: s.id,
      name: `${s.lastName}, ${s.firstName}`,
      sisId: s.sisId,
      gradeLevel: s.gradeLevel,
      cohortYear: s.cohortYear,
      status: s.status,
      flags: [s.specialEducation && "SPED", s.englishLearner && "EL", s.lowIncome && "Low income"].filter((f): f is string => Boolean(f)),
      risk,
      creditsEarned: earned,
      creditsRequired: required,
      creditsShort: Math.max(0, Math.round((required - earned) * 100) / 100),
      courses: mine.map((e) => {
        const pace = paceFor(e, asOf);
        return { id: e.id, title: e.title, progress: e.progress, expected: Math.round(pace.expected), pace: pace.status };
      }),
      daysSinceActivity: online.length ? Math.min(...online.map((o) => o.daysInactive)) : null,
      latestNoteOn,
      needsAttention: needsAttention(risk.level, latestNoteOn, asOf),
    };
  });

  const riskCounts: Record<RiskLevel, number> = { LOW: 0, MODERATE: 0, HIGH: 0 };
  const filtered = all.filter((r) => !p.attention || r.needsAttention);
  for (const r of filtered) riskCounts[r.risk.level]++;
  const rows = filtered.filter((r) => !p.risk || r.risk.level === p.risk);
  rows.sort(comparator(p));
  const pageCount = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const page = Math.min(p.page, pageCount);
  const cohorts = [...new Set(students.map((s) => s.cohortYear))].sort();
  return { rows: rows.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE), total: rows.length, page, pageCount, riskCounts, cohorts, needsSchool: false };
}

/** Natural direction per column (most urgent first where it matters); `dir` flips it. Ties by name. */
const SORTS: Record<CaseloadParams["sort"], { key: (r: CaseloadRow) => number | string; natural: "asc" | "desc" }> = {
  name: { key: (r) => r.name.toLowerCase(), natural: "asc" },
  grade: { key: (r) => r.gradeLevel, natural: "asc" },
  cohort: { key: (r) => r.cohortYear, natural: "asc" },
  risk: { key: (r) => RISK_ORDER[r.risk.level] * 100 + r.risk.reasons.length, natural: "desc" },
  credits: { key: (r) => r.creditsEarned, natural: "asc" },
  short: { key: (r) => r.creditsShort, natural: "desc" },
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
    const ka = key(a), kb = key(b);
    if (ka < kb) return -sign;
    if (ka > kb) return sign;
    return a.name.localeCompare(b.name);
  };
}

/** Schools an admin can pick in the caseload filters (none for a counselor: one caseload). */
export async function caseloadSchools(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  if (viewer.role !== "DISTRICT_ADMIN") return [];
  return db().school.findMany({ where: schoolScope(viewer), orderBy: { name: "asc" }, select: { id: true, name: true } });
}
