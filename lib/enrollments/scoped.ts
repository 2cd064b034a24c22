import "server-only";
import { assertLookupId, NotFoundError, type Viewer } from "@/lib/access";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { scopedEnrollmentAssessments } from "@/lib/sql/queries/scoped-enrollment-assessments";
import { scopedEnrollmentResults } from "@/lib/sql/queries/scoped-enrollment-results";
import { scopedEnrollmentRow } from "@/lib/sql/queries/scoped-enrollment-row";

// The enrollment an action works on, reached only through a student in the viewer's scope
// (out of scope and nonexistent look the same), with its course, the assessments of the course
// version it is graded on (Enrollment.courseVersion), and its results.

export async function loadScopedEnrollment(viewer: Viewer, enrollmentId: string) {
  assertLookupId(enrollmentId, "Enrollment");
  // Three statements at once (lib/sql/queries/scoped-enrollment-*.ts), each limited to an
  // enrollment of a student in scope (lib/sql/fragments/scoped-enrollment.ts): nothing comes back
  // for one out of scope.
  const [e, assessments, results] = await Promise.all([
    scopedEnrollmentRow(enrollmentId, viewer),
    scopedEnrollmentAssessments(enrollmentId, viewer),
    scopedEnrollmentResults(enrollmentId, viewer),
  ]);
  if (!e) throw new NotFoundError("Enrollment");
  return { enrollment: e, assessments, results };
}

/** Refuses a change to an enrollment that has ended, or one changed since the form was loaded. */
export function assertActiveAt(e: { status: string; version: number }, version: number): void {
  if (e.status !== "ACTIVE") throw new DomainError("This enrollment has already ended.");
  if (e.version !== version) throw new ConflictError();
}
