import "server-only";
import { db } from "@/lib/db";
import { assertLookupId, NotFoundError, studentScope, type Viewer, assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { formatNumber } from "@/lib/format-number";
import { creditReviewRows } from "@/lib/sql/queries/credit-review-rows";
import { passingGradeInForce } from "./passing-grade";
import type { ReverseCreditInput } from "./schema";

// Credits awarded under the old rule (issue 13): completed enrollments with credit whose final
// grade is below the passing grade in force (the course's, else the district's), for
// administrators in their scope (lib/access.ts POLICY "credit.review"), and the audited reversal of one.

export type CreditReviewSource = "counselor" | "import" | "unknown";
export type CreditReviewRow = {
  enrollmentId: string;
  version: number;
  studentId: string;
  studentName: string;
  sisId: string;
  school: string;
  courseTitle: string;
  finalGrade: number | null;
  passingGrade: number;
  endedOn: Date | null;
  credits: number;
  transcriptCourseId: string | null;
  source: CreditReviewSource;
  completedBy: string | null;
};

export async function listCreditReview(viewer: Viewer): Promise<CreditReviewRow[]> {
  assertCan(viewer, "credit.review");
  // Filtered by the passing grade in force in SQL (lib/sql/fragments/passing-grade.ts).
  const rows = await creditReviewRows(viewer);
  const out = rows.map(({ firstName, lastName, endReason, ...r }) => ({
    ...r,
    studentName: `${firstName} ${lastName}`,
    // Who awarded it: the card's complete action writes an audit event; the provider import marks the end reason.
    source: (r.completedBy ? "counselor" : endReason?.endsWith("(provider import)") ? "import" : "unknown") as CreditReviewSource,
  }));
  await recordAudit(viewer, { action: "credit_review.view", details: { count: out.length }, studentIds: out.map((r) => r.studentId) });
  return out;
}

/**
 * Reverses a credit awarded below the passing grade, in one transaction: the transcript row linked
 * to the enrollment is deleted, the enrollment becomes FAILED without credit and its end reason
 * keeps why, and `enrollment.credit_reverse` records the grade, passing grade, credits, transcript
 * row and reason. A credit that meets the passing grade is not reversed here.
 *
 * Another enrollment may name the deleted transcript row as the course it recovers
 * (Enrollment.replacesId; the foreign key would set it to null silently). We unlink it explicitly:
 * its replacesId is cleared, its version bumped, and the audit event lists it under `unlinked`
 * (enrollment, course, status), and the caller says so. We chose this over refusing: no page edits
 * an enrollment's link, so a refusal would leave a credit below the passing grade on the transcript
 * with no way to correct it, and the other course keeps its own results and credit either way.
 */
export async function reverseCredit(viewer: Viewer, input: ReverseCreditInput): Promise<{ studentId: string; unlinked: { enrollmentId: string; courseTitle: string }[] }> {
  assertCan(viewer, "credit.review");
  assertLookupId(input.enrollmentId, "Enrollment");
  return db().$transaction(async (tx) => {
    const e = await tx.enrollment.findFirst({
      where: { id: input.enrollmentId, student: studentScope(viewer) },
      select: {
        id: true,
        version: true,
        status: true,
        studentId: true,
        finalGrade: true,
        creditAwarded: true,
        course: { select: { passingGrade: true } },
        awardedCredit: { select: { id: true, courseCode: true, schoolYear: true } },
      },
    });
    if (!e) throw new NotFoundError("Enrollment", input.enrollmentId);
    if (e.status !== "COMPLETED" || e.creditAwarded === null) throw new DomainError("Only a completed course with credit can be reversed; this enrollment has none.");
    if (e.version !== input.version) throw new ConflictError();
    const passing = await passingGradeInForce(e.course, tx);
    const grade = e.finalGrade === null ? null : Number(e.finalGrade);
    if (grade !== null && grade >= passing) {
      throw new DomainError(`Final grade ${formatNumber(grade)} meets the passing grade ${passing}: this credit stands, nothing was changed.`);
    }
    const why = grade === null ? `no final grade, passing ${passing}` : `final grade ${formatNumber(grade)} below passing ${passing}`;
    const updated = await tx.enrollment.updateMany({
      where: { id: e.id, version: input.version, status: "COMPLETED" },
      data: { status: "FAILED", creditAwarded: null, finishedOn: null, endReason: `Credit reversed: ${why} — ${input.reason}`, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    const linked = e.awardedCredit
      ? await tx.enrollment.findMany({ where: { replacesId: e.awardedCredit.id }, select: { id: true, status: true, course: { select: { title: true } } }, orderBy: { id: "asc" } })
      : [];
    if (linked.length > 0) {
      await tx.enrollment.updateMany({ where: { id: { in: linked.map((l) => l.id) } }, data: { replacesId: null, version: { increment: 1 } } });
    }
    const unlinked = linked.map((l) => ({ enrollmentId: l.id, courseTitle: l.course.title, status: l.status }));
    await tx.transcriptCourse.deleteMany({ where: { enrollmentId: e.id } });
    await recordAudit(
      viewer,
      {
        action: "enrollment.credit_reverse",
        studentId: e.studentId,
        entity: "Enrollment",
        entityId: e.id,
        details: {
          finalGrade: grade,
          passingGrade: passing,
          credits: Number(e.creditAwarded),
          reason: input.reason,
          transcriptCourse: e.awardedCredit ? { id: e.awardedCredit.id, courseCode: e.awardedCredit.courseCode, schoolYear: e.awardedCredit.schoolYear } : null,
          unlinked,
        },
      },
      tx,
    );
    return { studentId: e.studentId, unlinked: unlinked.map(({ enrollmentId, courseTitle }) => ({ enrollmentId, courseTitle })) };
  });
}
