import "server-only";
import { currentReader, type Reader } from "@/lib/current-reads";
import type { Prisma } from "@/lib/generated/prisma/client";
import { can, NotFoundError, studentScope, type Viewer } from "@/lib/access";
import { filterDetails, recordAudit } from "@/lib/audit";
import { ACGR_REASON_TEXT, acgrOutcome } from "./acgr";
import { DROPOUT_REASON_TEXT, dropoutOutcome } from "./dropout";
import { completerCutoff, completerFate, completerGrade, completerOutcome, completerStart, FATE_LABEL, GRADE_LABEL } from "./completers";
import { startedIn } from "./program";
import { groupByKey, windowFlags, type FlagYear } from "./groups";
import { FIGURES, type FigureKey } from "./figures";
import { assertCanReport, reportSchool, type ReportSchool } from "./queries";
import { yearEnd, yearLabel, yearStart } from "@/lib/calendar";
import { cohortsForYear } from "./periods";
import type { DrillParams } from "./schema";

// The students behind a figure, each with why they are in or out of its numerator and
// denominator — computed with the same pure definitions the figures are specified by. Lists are
// scoped like every student read (studentScope): a student counted at this school who is now
// enrolled at a school outside the viewer's scope is counted in `hidden`, not listed. Drill-down
// lists are not suppressed: they are for staff who may see these students' records.

export type DrillRow = {
  studentId: string;
  name: string;
  sisId: string;
  schoolName: string;
  gradeLevel: number;
  detail: string;
  inDenominator: boolean;
  inNumerator: boolean;
  reason: string;
};

export type Drill = {
  figure: FigureKey;
  title: string;
  period: string;
  school: ReportSchool | null;
  groupLabel: string;
  numerator: number;
  denominator: number;
  rows: DrillRow[];
  hidden: number;
};

const studentSelect = {
  id: true,
  sisId: true,
  firstName: true,
  lastName: true,
  gradeLevel: true,
  schoolId: true,
  cohortYear: true,
  raceEthnicity: true,
  gender: true,
  specialEducation: true,
  englishLearner: true,
  lowIncome: true,
  school: { select: { name: true } },
} as const;
type StudentLite = Prisma.StudentGetPayload<{ select: typeof studentSelect }>;
/** A year's roll row with the group flags (groups.ts windowFlags). */
const flagYear = { schoolYear: true, specialEducation: true, englishLearner: true, lowIncome: true } as const;
/** The student with the group flags of the figure's window `from`..`to` (school years), as the cubes use them. */
const flagged = <S extends StudentLite>(s: S & { years: FlagYear[] }, from: number, to: number): S => windowFlags(s, s.years, from, to);

/** The recorded order of a status history (DEFINITIONS.md): effective date, then sequence. */
const eventOrder: Prisma.StatusEventOrderByWithRelationInput[] = [{ effectiveDate: "asc" }, { sequence: "asc" }];

function row(s: StudentLite, detail: string, inDenominator: boolean, inNumerator: boolean, reason: string): DrillRow {
  return {
    studentId: s.id,
    name: `${s.lastName}, ${s.firstName}`,
    sisId: s.sisId,
    schoolName: s.school.name,
    gradeLevel: s.gradeLevel,
    detail,
    inDenominator,
    inNumerator,
    reason,
  };
}

export async function getDrill(viewer: Viewer, p: DrillParams): Promise<Drill> {
  assertCanReport(viewer);
  const school = p.school ? await reportSchool(viewer, p.school) : can(viewer, "students.allSchools") ? null : await ownSchool(viewer);
  const group = groupByKey(p.group ?? "all");
  if (!group) throw new NotFoundError("Group");
  const year = p.year ?? (p.cohort != null ? (p.figure === "acgr4" ? p.cohort - 1 : p.cohort) : undefined);
  if (year == null) throw new NotFoundError("Year");
  const scope = studentScope(viewer);
  // The lists are read on the replica when it holds every write made before this request began
  // (lib/current-reads.ts); the audit of what was listed is written on the server.
  const reader = await currentReader();
  const rows = await rowsFor(reader, p.figure, year, school?.id ?? null, scope);
  const inGroup = rows.filter(([s]) => group.test(s));
  const listed = inGroup.map(([, r]) => r);
  const hidden = p.figure === "dropout" && school ? (await rowsFor(reader, p.figure, year, school.id, {})).filter(([s]) => group.test(s)).length - inGroup.length : 0;
  // A drill-down lists a school's (or the district's) students with outcomes such as dropout
  // reasons: audited with its filter, the number of students listed and which (issue 14). The
  // program figure lists enrollments: a student with two is one student.
  const ids = [...new Set(listed.map((r) => r.studentId))];
  await recordAudit(viewer, {
    action: "report.drill",
    entity: "Student",
    details: {
      filter: filterDetails({ figure: p.figure, year, school: school?.id, group: p.group, show: p.show }),
      students: ids.length,
    },
    studentIds: ids,
  });
  const { acgr4, acgr5 } = cohortsForYear(year);
  const period = p.figure === "acgr4" ? `class of ${acgr4}` : p.figure === "acgr5" ? `class of ${acgr5}` : yearLabel(year);
  return {
    figure: p.figure,
    title: FIGURES[p.figure].label,
    period,
    school,
    groupLabel: group.label,
    numerator: listed.filter((r) => r.inNumerator).length,
    denominator: listed.filter((r) => r.inDenominator).length,
    rows: listed.sort((a, b) => Number(b.inDenominator) - Number(a.inDenominator) || Number(b.inNumerator) - Number(a.inNumerator) || a.name.localeCompare(b.name)),
    hidden,
  };
}

async function ownSchool(viewer: Viewer): Promise<ReportSchool> {
  if (!viewer.schoolId) throw new NotFoundError("School");
  return reportSchool(viewer, viewer.schoolId);
}

/** [student, row] for every candidate of a figure; scope = the viewer's student scope. */
async function rowsFor(r: Reader, figure: FigureKey, year: number, schoolId: string | null, scope: Prisma.StudentWhereInput): Promise<[StudentLite, DrillRow][]> {
  const at = (w: Prisma.StudentWhereInput): Prisma.StudentWhereInput => ({ AND: [scope, w] });
  const from = new Date(yearStart(year));
  const to = new Date(yearEnd(year));
  if (figure === "acgr4" || figure === "acgr5") {
    const years = figure === "acgr4" ? 4 : 5;
    const cohort = cohortsForYear(year)[figure];
    const students = await r.read((c) =>
      c.student.findMany({
        where: at({ cohortYear: cohort, ...(schoolId ? { schoolId } : {}) }),
        select: {
          ...studentSelect,
          statusEvents: { orderBy: eventOrder, select: { kind: true, effectiveDate: true, documented: true, credential: true } },
          years: { select: { ...flagYear, enrolledOct1: true } },
        },
      }),
    );
    return students.map((s) => {
      const o = acgrOutcome(
        s.statusEvents,
        cohort,
        years,
        s.years.filter((y) => y.enrolledOct1).map((y) => y.schoolYear),
      );
      // Group flags over the cohort's high-school years: 9th grade to the 4th (or 5th) year.
      return [flagged(s, cohort - 4, cohort + years - 5), row(s, `class of ${s.cohortYear}`, o.inCohort, o.graduated, ACGR_REASON_TEXT[o.reason])];
    });
  }
  if (figure === "dropout") {
    const oct1 = { schoolYear: year, enrolledOct1: true, gradeLevel: { gte: 9, lte: 12 }, ...(schoolId ? { schoolId } : {}) };
    const [students, rolls] = await Promise.all([
      r.read((c) =>
        c.student.findMany({
          where: at({
            OR: [{ years: { some: oct1 } }, { statusEvents: { some: { kind: "DROPPED_OUT", effectiveDate: { gte: from, lte: to }, ...(schoolId ? { schoolId } : {}) } } }],
          }),
          select: {
            ...studentSelect,
            years: { where: { schoolYear: year }, select: { ...flagYear, gradeLevel: true, enrolledOct1: true, schoolId: true } },
            statusEvents: { orderBy: eventOrder, select: { kind: true, effectiveDate: true, gradeLevel: true, schoolId: true } },
          },
        }),
      ),
      // Schools with a roll for the year: a dropout at a school without one is not counted (sql.ts dropoutCubeSql).
      r.read((c) => c.studentYear.findMany({ where: { schoolYear: year }, distinct: ["schoolId"], select: { schoolId: true } })),
    ]);
    const rolled = new Set(rolls.map((r) => r.schoolId));
    return students
      .map((s): [StudentLite, DrillRow] => {
        const o = dropoutOutcome(s.statusEvents, year);
        const noRoll = o.counted && o.schoolId != null && !rolled.has(o.schoolId);
        const counted = o.counted && !noRoll && (!schoolId || o.schoolId === schoolId);
        const oct = s.years.find((y) => y.enrolledOct1 && y.gradeLevel >= 9 && y.gradeLevel <= 12 && (!schoolId || y.schoolId === schoolId));
        const detail = oct ? `grade ${oct.gradeLevel} on October 1` : "not on the October 1 roll here";
        const reason =
          o.reason !== "NO_DROPOUT" && o.schoolId !== schoolId && schoolId
            ? "Not counted here: dropped out at another school"
            : noRoll
              ? `Not counted: the school of the dropout has no October 1 roll for ${yearLabel(year)}`
              : DROPOUT_REASON_TEXT[o.reason];
        return [flagged(s, year, year), row(s, detail, Boolean(oct), counted, reason)];
      })
      .filter(([, r]) => r.inDenominator || r.inNumerator || r.reason !== DROPOUT_REASON_TEXT.NO_DROPOUT);
  }
  if (figure === "completers") {
    // The completion window is September 1 – August 31 (completers.ts), not the July 1 school year.
    const window = { gte: new Date(completerStart(year)), lte: new Date(completerCutoff(year)) };
    const students = await r.read((c) =>
      c.student.findMany({
        where: at({ ...(schoolId ? { schoolId } : {}), enrollments: { some: { status: "COMPLETED", endedOn: window, course: { programType: "CREDIT_RECOVERY" } } } }),
        select: {
          ...studentSelect,
          enrollments: { where: { status: "COMPLETED", endedOn: window }, select: { status: true, endedOn: true, course: { select: { programType: true, title: true } } } },
          statusEvents: { orderBy: eventOrder, select: { kind: true, effectiveDate: true, credential: true } },
          years: { where: { schoolYear: year }, select: { ...flagYear, gradeLevel: true } },
        },
      }),
    );
    return students.map((s) => {
      const o = completerOutcome(
        s.enrollments.map((e) => ({ ...e, programType: e.course.programType })),
        s.statusEvents,
        year,
      );
      const courses = s.enrollments
        .filter((e) => e.course.programType === "CREDIT_RECOVERY")
        .map((e) => e.course.title)
        .join(", ");
      const grade = GRADE_LABEL[completerGrade(s.years[0]?.gradeLevel, s.cohortYear, year)];
      const fate = completerFate(s.statusEvents, year);
      const reason =
        fate === "graduatedLater"
          ? "Graduated later (counted in “by now” only)"
          : fate === "graduatedByYearEnd"
            ? FATE_LABEL[fate]
            : `Not graduated: ${FATE_LABEL[fate].toLowerCase()}`;
      return [flagged(s, year, year), row(s, `${grade} · ${courses}`, o.completer, o.graduatedByYearEnd, reason)];
    });
  }
  const enrollments = await r.read((c) =>
    c.enrollment.findMany({
      where: { startDate: { gte: from, lte: to }, student: at(schoolId ? { schoolId } : {}) },
      select: {
        status: true,
        startDate: true,
        student: { select: { ...studentSelect, years: { where: { schoolYear: year }, select: flagYear } } },
        course: { select: { title: true, programType: true, provider: { select: { name: true } } } },
      },
    }),
  );
  return enrollments
    .filter((e) => startedIn(e, year))
    .map((e) => {
      const ended = e.status !== "ACTIVE";
      const reason = e.status === "COMPLETED" ? "Passed" : e.status === "FAILED" ? "Failed" : e.status === "WITHDRAWN" ? "Withdrew" : "Still active (not counted until it ends)";
      return [flagged(e.student, year, year), row(e.student, `${e.course.title} (${e.course.provider.name})`, ended, e.status === "COMPLETED", reason)];
    });
}
