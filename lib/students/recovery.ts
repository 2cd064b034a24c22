// Which catalog courses a failed transcript course is offered for recovery. Pure functions.
import { SUBJECT_LABELS, type SubjectArea } from "./graduation";

/**
 * An SIS course code as compared: trimmed and upper-cased. Districts' SIS exports and providers'
 * catalogs write the same code as "mth101", "MTH101" or "MTH101 " (a padded fixed-width column);
 * no SIS we import from uses case to tell two courses apart, so neither do we.
 */
export const sisCodeKey = (code: string) => code.trim().toUpperCase();

/**
 * Whether a catalog course is a replacement for the SIS course `courseCode`: its `recovers` list
 * (the SIS codes the provider's course is built to recover, catalog field from issue 12) names that
 * code, compared by sisCodeKey. A blank code matches nothing.
 */
export function recoversCode(recovers: readonly string[], courseCode: string): boolean {
  const key = sisCodeKey(courseCode);
  return key !== "" && recovers.some((c) => sisCodeKey(c) === key);
}

type Offerable = { subjectArea: SubjectArea; programType: string; recovers: readonly string[] };

/**
 * How a catalog course may be linked to a failed course (Enrollment.replacesId), or null when it is
 * not offered for it: the one predicate of recoveryOffers (what the card offers) and enrollStudent
 * (what it accepts, so a hand-made request cannot link more).
 *   "replacement" — a credit-recovery course whose `recovers` names the failed SIS code;
 *   "substitute"  — another credit-recovery course of the failed course's subject area;
 *   null          — any other course: another program type (original credit, AP…) never recovers.
 */
export function recoveryKind(failed: { courseCode: string; subjectArea: SubjectArea }, course: Offerable): "replacement" | "substitute" | null {
  if (course.programType !== "CREDIT_RECOVERY") return null;
  if (recoversCode(course.recovers, failed.courseCode)) return "replacement";
  return course.subjectArea === failed.subjectArea ? "substitute" : null;
}

/**
 * The statuses of an enrollment that recovers the failed course it replaces: under way (ACTIVE) or
 * done (COMPLETED). A failed or withdrawn attempt leaves the failure open to another recovery.
 */
export const RECOVERING_STATUSES = ["ACTIVE", "COMPLETED"] as const;

/** Whether an enrollment recovers its replaced failure now (the failure is then not offered again). */
export function isRecovering(e: { replacesId: string | null; status: string }): boolean {
  return e.replacesId !== null && (RECOVERING_STATUSES as readonly string[]).includes(e.status);
}

/**
 * The recovery offers for one failed course, in the order the counselor sees them:
 *   replacements — credit-recovery courses whose `recovers` names the failed course's SIS code:
 *                  they replace it (the failed grade is made up by the same course);
 *   others       — the other credit-recovery courses of the same subject area: they earn credit in
 *                  that subject (so the graduation audit's subject line is met) but are not the
 *                  same course, and are labelled so.
 * Catalog order is kept within each group. Courses of other program types are not offered.
 */
export function recoveryOffers<C extends Offerable>(failed: { courseCode: string; subjectArea: SubjectArea }, catalog: C[]): { replacements: C[]; others: C[] } {
  const replacements: C[] = [];
  const others: C[] = [];
  for (const c of catalog) {
    const kind = recoveryKind(failed, c);
    if (kind === "replacement") replacements.push(c);
    else if (kind === "substitute") others.push(c);
  }
  return { replacements, others };
}

/**
 * What an enrollment linked to a failed course (Enrollment.replacesId) says about it on the card:
 * "Recovers Algebra I (2024–25)" only when the course recovers that SIS code; a substitute of the
 * subject says what it does instead: "Earns Mathematics credit in place of Algebra I (2024–25) (not
 * a replacement course)". A substitute's credit counts in the course's own subject area.
 */
export function replacesLine(replaces: { courseTitle: string; schoolYear: number; replacement: boolean }, course: { subjectArea: SubjectArea }): string {
  const failed = `${replaces.courseTitle} (${replaces.schoolYear}–${String(replaces.schoolYear + 1).slice(2)})`;
  return replaces.replacement ? `Recovers ${failed}` : `Earns ${SUBJECT_LABELS[course.subjectArea]} credit in place of ${failed} (not a replacement course)`;
}
