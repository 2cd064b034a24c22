// Display names for the enums the student pages show.
import { creditsText } from "@/lib/students/credits";

export const STATUS_LABELS: Record<string, string> = {
  ENROLLED: "Enrolled",
  GRADUATED: "Graduated",
  DROPPED_OUT: "Dropped out",
  TRANSFERRED_OUT: "Transferred out",
  EMIGRATED: "Emigrated",
  DECEASED: "Deceased",
};
export const EVENT_LABELS: Record<string, string> = {
  ENTERED: "Entered",
  GRADUATED: "Graduated",
  DROPPED_OUT: "Dropped out",
  TRANSFERRED_OUT: "Transferred out",
  EMIGRATED: "Emigrated",
  DECEASED: "Deceased",
  REENGAGED: "Re-engaged",
  EARNED_EQUIVALENCY: "Earned equivalency (HiSET/GED)",
};
export const ENROLLMENT_STATUS_LABELS: Record<string, string> = { ACTIVE: "Active", COMPLETED: "Completed", WITHDRAWN: "Withdrawn", FAILED: "Failed" };

// Days: lib/calendar.ts formatDay ("Oct 15, 2026") and isoDay ("YYYY-MM-DD" for date inputs).
// Numbers of credits: lib/students/credits.ts creditsText ("1 credit", "5.5 credits") and creditNumber.

/** A catalog course as the enroll forms list it: "Algebra I (Apex Learning, 1 credit, 18 wk)". */
export function courseOption(c: { id: string; title: string; provider: { name: string }; credits: number; expectedWeeks: number }) {
  return { id: c.id, label: `${c.title} (${c.provider.name}, ${creditsText(c.credits)}, ${c.expectedWeeks} wk)` };
}
