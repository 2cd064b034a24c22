import "server-only";
import { currentReader } from "@/lib/current-reads";
import { studentScope, type Viewer } from "@/lib/access";
import { auditExport } from "./audit";
import { isoDay } from "@/lib/calendar";
import { csvLine } from "@/lib/exports/csv";
import { providerEnrollmentId } from "@/lib/enrollments/source-key";

// Online enrollments with their assessment results, scoped to the viewer: one line per result
// (an enrollment without results has one line with empty result columns). The first twelve
// columns are the provider progress format (lib/imports/FORMATS.md §3, through `proctored`).

export const ENROLLMENT_EXPORT_COLUMNS = [
  "provider",
  "student_id",
  "course_code",
  "enrollment_id",
  "assessment",
  "score",
  "max_score",
  "date",
  "attempt",
  "course_status",
  "final_grade",
  "proctored",
  "assessment_title",
  "student_name",
  "course_title",
  "program_type",
  "enrollment_status",
  "start_date",
  "target_date",
  "progress",
  "last_activity_on",
  "credit_awarded",
  "ended_on",
] as const;

const PAGE = 500;

export async function* enrollmentsCsv(viewer: Viewer): AsyncGenerator<string> {
  // On the replica when it holds every write made before the export began (lib/current-reads.ts);
  // the audit row is written on the server after that look, so the replica need not wait for it.
  const reader = await currentReader();
  await auditExport(viewer, "export.enrollments", "enrollments");
  yield csvLine([...ENROLLMENT_EXPORT_COLUMNS]);
  let cursor: string | undefined;
  for (;;) {
    const page = await reader.read((c) =>
      c.enrollment.findMany({
        where: { student: studentScope(viewer) },
        orderBy: { id: "asc" },
        take: PAGE,
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        include: {
          student: { select: { sisId: true, firstName: true, lastName: true } },
          course: { select: { providerCourseCode: true, title: true, programType: true, provider: { select: { code: true } } } },
          results: {
            orderBy: [{ takenOn: "asc" }, { assessment: { position: "asc" } }, { attempt: "asc" }, { id: "asc" }],
            include: { assessment: { select: { position: true, title: true, maxScore: true } } },
          },
        },
      }),
    );
    if (page.length === 0) return;
    let chunk = "";
    for (const e of page) {
      const status = e.status === "ACTIVE" ? "" : e.status.toLowerCase();
      const tail = [
        e.student.firstName + " " + e.student.lastName,
        e.course.title,
        e.course.programType,
        e.status,
        isoDay(e.startDate),
        isoDay(e.targetDate),
        e.progress,
        isoDay(e.lastActivityOn),
        e.creditAwarded === null ? null : Number(e.creditAwarded),
        isoDay(e.endedOn),
      ];
      const head = [e.course.provider.code, e.student.sisId, e.course.providerCourseCode, providerEnrollmentId(e.sourceKey)];
      const grade = e.finalGrade === null ? null : Number(e.finalGrade);
      if (e.results.length === 0) chunk += csvLine([...head, null, null, null, isoDay(e.startDate), null, status, grade, null, null, ...tail]);
      for (const r of e.results) {
        chunk += csvLine([
          ...head,
          r.assessment.position,
          Number(r.score),
          Number(r.assessment.maxScore),
          isoDay(r.takenOn),
          r.attempt,
          status,
          grade,
          r.proctored === null ? null : r.proctored ? "yes" : "no",
          r.assessment.title,
          ...tail,
        ]);
      }
    }
    yield chunk;
    if (page.length < PAGE) return;
    cursor = page[page.length - 1]!.id;
  }
}
