// "Completers who graduated" (figure 2), the measure of the Boston credit-recovery study (2011-12:
// 396 completers, 72% graduated): of the students who completed (passed) at least one
// CREDIT_RECOVERY course with an end date in school year y (July 1 – June 30, summer included),
// how many had a REGULAR_DIPLOMA
//   - by the end of that year: dated on or before August 31 after the year (the summer graduation
//     that closes the year, as in the ACGR window), and
//   - by now: at any date.
// Certificates and equivalencies are not graduations here either.
import type { Credential, EnrollmentStatus, ProgramType, StatusEventKind } from "@/lib/generated/prisma/enums";
import { isoDate, yearEnd, yearStart } from "./periods";

export type CompleterEnrollment = { status: EnrollmentStatus; programType: ProgramType; endedOn: Date | string | null };
export type GradEvent = { kind: StatusEventKind; effectiveDate: Date | string; credential?: Credential | null };

export type CompleterOutcome = { completer: boolean; graduatedByYearEnd: boolean; graduatedByNow: boolean };

export const completerCutoff = (y: number) => `${y + 1}-08-31`;

export function completerOutcome(enrollments: CompleterEnrollment[], events: GradEvent[], y: number): CompleterOutcome {
  const completer = enrollments.some(
    (e) => e.status === "COMPLETED" && e.programType === "CREDIT_RECOVERY" && e.endedOn != null && isoDate(e.endedOn) >= yearStart(y) && isoDate(e.endedOn) <= yearEnd(y),
  );
  const diplomas = events.filter((e) => e.kind === "GRADUATED" && e.credential === "REGULAR_DIPLOMA").map((e) => isoDate(e.effectiveDate));
  if (!completer) return { completer: false, graduatedByYearEnd: false, graduatedByNow: false };
  return { completer, graduatedByYearEnd: diplomas.some((d) => d <= completerCutoff(y)), graduatedByNow: diplomas.length > 0 };
}
