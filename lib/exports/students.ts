import "server-only";
import { currentReader } from "@/lib/current-reads";
import { studentScope, type Viewer } from "@/lib/access";
import { auditExport } from "./audit";
import { isoDay } from "@/lib/calendar";
import { csvLine } from "@/lib/exports/csv";
import { Prisma } from "@/lib/generated/prisma/client";
import { creditsEarned, type EarnedFacts } from "@/lib/students/credits";

// Students with status and credits, as CSV, scoped to the viewer. The first columns are the
// district extract's students.csv columns (lib/imports/FORMATS.md), so the export can be
// imported back unchanged; the rest are read-only context.

export const STUDENT_EXPORT_COLUMNS = [
  "sis_id",
  "state_id",
  "grade",
  "first_ninth_grade_year",
  "english_learner",
  "special_education",
  "low_income",
  "attendance_rate",
  "suspensions",
  "courses_failed_this_year",
  "counselor",
  "sourced_id",
  "first_name",
  "middle_name",
  "last_name",
  "birth_date",
  "school_code",
  "school",
  "cohort_year",
  "race_ethnicity",
  "gender",
  "status",
  "status_date",
  "credits_attempted",
  "credits_earned",
] as const;

const PAGE = 2000;

export async function* studentsCsv(viewer: Viewer): AsyncGenerator<string> {
  // On the replica when it holds every write made before the export began (lib/current-reads.ts);
  // the audit row is written on the server after that look, so the replica need not wait for it.
  const reader = await currentReader();
  await auditExport(viewer, "export.students", "students");
  yield csvLine([...STUDENT_EXPORT_COLUMNS]);
  let cursor: string | undefined;
  for (;;) {
    const page = await reader.read((c) =>
      c.student.findMany({
        where: studentScope(viewer),
        orderBy: { id: "asc" },
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        include: { school: { select: { stateCode: true, name: true } }, counselor: { select: { email: true } } },
      }),
    );
    if (page.length === 0) return;
    // Per subject area, so credits_earned is creditsEarned() over the same facts the caseload and
    // the student page sum (lib/students/credits.ts): one definition of the figure.
    const credits = await reader.read((c) =>
      c.transcriptCourse.groupBy({
        by: ["studentId", "subjectArea"],
        where: { studentId: { in: page.map((s) => s.id) } },
        _sum: { creditsAttempted: true, creditsEarned: true },
      }),
    );
    const bySt = new Map<string, { attempted: Prisma.Decimal; earned: EarnedFacts[] }>();
    for (const c of credits) {
      const t = bySt.get(c.studentId) ?? { attempted: new Prisma.Decimal(0), earned: [] };
      t.attempted = t.attempted.add(c._sum.creditsAttempted ?? 0);
      t.earned.push({ subjectArea: c.subjectArea, creditsEarned: Number(c._sum.creditsEarned ?? 0) });
      bySt.set(c.studentId, t);
    }
    let chunk = "";
    for (const s of page) {
      const c = bySt.get(s.id);
      chunk += csvLine([
        s.sisId,
        s.stateId,
        s.gradeLevel,
        s.firstNinthGradeYear,
        s.englishLearner,
        s.specialEducation,
        s.lowIncome,
        s.attendanceRate === null ? null : Number(s.attendanceRate),
        s.suspensions,
        s.coursesFailedThisYear,
        s.counselor?.email ?? null,
        s.sourcedId,
        s.firstName,
        s.middleName,
        s.lastName,
        isoDay(s.birthDate),
        s.school.stateCode,
        s.school.name,
        s.cohortYear,
        s.raceEthnicity,
        s.gender,
        s.status,
        isoDay(s.statusDate),
        Number(c?.attempted ?? 0),
        creditsEarned(c?.earned ?? []),
      ]);
    }
    yield chunk;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.id;
  }
}
