import "server-only";
import { db, type Tx } from "@/lib/db";
import { can, refusalOf, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { districtDay, schoolYearOf } from "@/lib/calendar";
import { formatNumber } from "@/lib/format-number";
import { creditDecision, finishedOn, type CreditInput } from "./credit";
import { limitsFor, type RigorLimits } from "./guardrails";
import { activeSecondsOf } from "./activity";
import { rigorPolicyFor } from "./rigor-policy";
import { passingGradeInForce } from "./passing-grade";
import { assertActiveAt, loadScopedEnrollment } from "./scoped";
import type { CompleteInput, EndEnrollmentInput } from "./schema";

/**
 * Completes an enrollment and awards its credit when the credit rule allows it
 * (lib/enrollments/credit.ts: every summative at mastery and a final grade at or above the passing
 * grade), and only with the final grade the counselor saw and confirmed. The rule is checked inside
 * the write, on facts read after the enrollment's row is taken (a result recorded meanwhile bumps
 * its version, so a stale form is refused). The credit goes on the student's transcript in its
 * subject area in the same transaction (so the graduation audit shows it at once, or nothing changes).
 *
 * The rule includes the district's rigor guardrails (guardrails.ts), the days enrolled counted to
 * the latest result (the day the work was finished). Where the policy says "warn", an
 * administrator completes a course that breaks them with a written reason (`overrideReason`): kept
 * on the enrollment and in an `enrollment.guardrail_override` audit event; anyone else is refused
 * with the reasons.
 */
export async function completeEnrollment(viewer: Viewer, input: CompleteInput, now: Date = new Date()) {
  const { enrollment: e } = await loadScopedEnrollment(viewer, input.enrollmentId);
  assertActiveAt(e, input.version);
  const today = districtDay(now);

  return db().$transaction(async (tx) => {
    const taken = await tx.enrollment.updateMany({ where: { id: e.id, version: input.version, status: "ACTIVE" }, data: { version: { increment: 1 } } });
    if (taken.count === 0) throw new ConflictError();
    const override = input.overrideReason !== undefined;
    if (override && !can(viewer, "credit.override")) {
      throw new DomainError(refusalOf("credit.override"), "overrideReason");
    }
    const facts = await creditFacts(tx, e.id, today, override);
    const decision = creditDecision(facts);
    if (!decision.ok) {
      const field = decision.overridable && can(viewer, "credit.override") ? "overrideReason" : undefined;
      throw new DomainError(`Credit cannot be awarded: ${decision.reasons.join(" ")}`, field);
    }
    const grade = decision.finalGrade;
    if (Math.abs(grade - input.finalGrade) >= 0.005) {
      throw new DomainError(
        `The final grade is now ${formatNumber(grade)}, not the ${formatNumber(input.finalGrade)} you confirmed: a result or the passing grade changed meanwhile. Nothing was recorded; check the course and confirm again.`,
      );
    }
    const credits = decision.credits;
    const overridden = decision.breaches.length > 0 ? { reason: input.overrideReason!, breaches: decision.breaches.map((b) => b.message) } : null;
    await tx.enrollment.update({
      where: { id: e.id },
      data: {
        status: "COMPLETED",
        finalGrade: grade,
        creditAwarded: credits,
        endedOn: today,
        // The day the days enrolled were counted to (credit.ts finishedOn): the report counts the same.
        finishedOn: finishedOn(facts.results, today, false, e.startDate),
        ...(overridden && { overrideReason: overridden.reason, overrideById: viewer.id, overrideAt: now, overrideBreaches: overridden.breaches }),
      },
    });
    const credit = await tx.transcriptCourse.create({
      data: {
        studentId: e.studentId,
        courseCode: e.course.providerCourseCode,
        courseTitle: e.course.title,
        subjectArea: e.course.subjectArea,
        schoolYear: schoolYearOf(today),
        term: "ONLINE",
        grade: String(Math.round(grade)),
        creditsAttempted: credits,
        creditsEarned: credits,
        enrollmentId: e.id,
      },
      select: { id: true },
    });
    await recordAudit(
      viewer,
      {
        action: "enrollment.complete",
        studentId: e.studentId,
        entity: "Enrollment",
        entityId: e.id,
        details: { finalGrade: grade, passingGrade: decision.passingGrade, credits, transcriptCourseId: credit.id },
      },
      tx,
    );
    if (overridden) {
      await recordAudit(viewer, { action: "enrollment.guardrail_override", studentId: e.studentId, entity: "Enrollment", entityId: e.id, details: overridden }, tx);
    }
    return { studentId: e.studentId, courseTitle: e.course.title, finalGrade: grade, credits, overridden: overridden !== null };
  });
}

/**
 * What the credit rule needs about one enrollment, read in the caller's transaction: the
 * assessments of the course version it is graded on, its results, the course's mastery threshold
 * and credits, the passing grade in force (the course's, else the district's), and the rigor
 * guardrails in force (the course's own limits, else its program type's) with the start date, the
 * completion date (credit.ts counts the days enrolled to the latest result) and the time on task on record
 * (null when none was imported for it).
 */
export async function creditFacts(tx: Tx, enrollmentId: string, completedOn: Date, override = false): Promise<CreditInput> {
  const e = await tx.enrollment.findUniqueOrThrow({
    where: { id: enrollmentId },
    select: {
      courseVersion: true,
      startDate: true,
      course: {
        select: {
          id: true,
          masteryThreshold: true,
          passingGrade: true,
          credits: true,
          programType: true,
          minDaysEnrolled: true,
          minActiveMinutesPerCredit: true,
          requireProctoredSummative: true,
          maxAttemptsPerAssessment: true,
        },
      },
    },
  });
  const assessments = await tx.courseAssessment.findMany({ where: { courseId: e.course.id, version: e.courseVersion }, orderBy: { position: "asc" } });
  const results = await tx.assessmentResult.findMany({ where: { enrollmentId }, select: { assessmentId: true, score: true, attempt: true, takenOn: true, proctored: true } });
  const limits: RigorLimits | null = limitsFor(await rigorPolicyFor(e.course.programType, tx), e.course);
  const activeSeconds = limits?.minActiveMinutesPerCredit != null ? ((await activeSecondsOf([enrollmentId])).get(enrollmentId) ?? null) : null;
  return {
    rigor: { limits, facts: { startDate: e.startDate, completedOn, activeSeconds }, override },
    assessments: assessments.map((a) => ({ id: a.id, position: a.position, kind: a.kind, title: a.title, weight: Number(a.weight), maxScore: Number(a.maxScore) })),
    results: results.map((r) => ({ ...r, score: Number(r.score) })),
    masteryThreshold: e.course.masteryThreshold,
    passingGrade: await passingGradeInForce(e.course, tx),
    credits: Number(e.course.credits),
  };
}

/** Ends an enrollment that was not passed: failed or withdrawn, with the date and the reason. */
export async function endEnrollment(
  viewer: Viewer,
  input: EndEnrollmentInput,
  now: Date = new Date(),
): Promise<{ studentId: string; courseTitle: string; outcome: EndEnrollmentInput["outcome"] }> {
  const { enrollment: e } = await loadScopedEnrollment(viewer, input.enrollmentId);
  assertActiveAt(e, input.version);
  if (input.endedOn > districtDay(now)) throw new DomainError("The end date cannot be in the future.", "endedOn");
  if (input.endedOn < e.startDate) throw new DomainError("The end date cannot be before the enrollment started.", "endedOn");
  await db().$transaction(async (tx) => {
    const updated = await tx.enrollment.updateMany({
      where: { id: e.id, version: input.version, status: "ACTIVE" },
      data: { status: input.outcome, endedOn: input.endedOn, endReason: input.reason, version: { increment: 1 } },
    });
    if (updated.count === 0) throw new ConflictError();
    await recordAudit(
      viewer,
      {
        action: input.outcome === "FAILED" ? "enrollment.fail" : "enrollment.withdraw",
        studentId: e.studentId,
        entity: "Enrollment",
        entityId: e.id,
        details: { reason: input.reason },
      },
      tx,
    );
  });
  return { studentId: e.studentId, courseTitle: e.course.title, outcome: input.outcome };
}
