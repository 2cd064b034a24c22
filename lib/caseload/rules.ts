// Which of a student's risk reasons the compact caseload row shows (issue 16: "risk badge with the
// single most important reason and '+3 more'"). Pure module, shared by the list and its tests.
//
// The order ranks what a counselor can act on this week, most urgent first:
//   1. ATTENDANCE_CRITICAL — below 80% makes the level HIGH on its own (lib/students/rules.ts) and
//      severe chronic absence predicts dropping out more strongly than any other single ABC indicator
//      (Balfanz & Byrnes, "The Importance of Being in School", 2012; Attendance Works' tiers).
//   2. INACTIVE — an online course with no activity for 7+ days: the student has likely stopped, and
//      every further idle day pushes the pace line further away (vendor dashboards put it first).
//   3. BEHIND_PACE — still working, but the course will not finish by its target date without help.
//   4. MASTERY_FAILED — a summative assessment below mastery: a retake or re-teach is due.
//   5. CREDITS_BEHIND — off the on-track line; important, but it moves by term, not by week.
//   6. COURSE_FAILED — already happened this year; its remedy (recovery) shows under credits.
//   7. ATTENDANCE — chronic (80–90%) absence: a real flag, but slower-moving than the above.
//   8. SUSPENDED — behaviour history; the counselor rarely changes it from the caseload.
// The online flags (2–4) rank above credits and failures because they are the ones that change
// within a week and that a counselor's call can still turn around before a course is lost.

import type { Risk, RiskReason, RiskReasonCode } from "@/lib/students/rules";

export const REASON_ORDER: readonly RiskReasonCode[] = [
  "ATTENDANCE_CRITICAL",
  "INACTIVE",
  "BEHIND_PACE",
  "MASTERY_FAILED",
  "CREDITS_BEHIND",
  "COURSE_FAILED",
  "ATTENDANCE",
  "SUSPENDED",
];

const RANK = new Map(REASON_ORDER.map((c, i) => [c, i]));

/** The student's reasons, most important first (REASON_ORDER); the input is left as it is. */
export function rankedReasons(risk: Pick<Risk, "reasons">): RiskReason[] {
  return [...risk.reasons].sort((a, b) => (RANK.get(a.code) ?? REASON_ORDER.length) - (RANK.get(b.code) ?? REASON_ORDER.length));
}

/** The single most important reason (REASON_ORDER), or null for a student with none (low risk). */
export function primaryReason(risk: Pick<Risk, "reasons">): RiskReason | null {
  return rankedReasons(risk)[0] ?? null;
}
