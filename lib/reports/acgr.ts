// Four-year and extended five-year adjusted cohort graduation rate, 34 CFR 200.19(b)(1):
//   rate = students who earn a regular high-school diploma within 4 (or 5) years
//        ÷ (first-time 9th graders of the cohort + students who transfer in later
//           − students who transfer out with official written documentation,
//             emigrate to another country, or die during those years).
// - Cohort = Student.cohortYear ("class of" = first-time 9th-grade year + 4). It never changes when a
//   student is retained, and a transfer in joins the cohort they would have been in (both are set on
//   the student when they enter; 200.19(b)(1)(i)(B)).
// - Only a REGULAR_DIPLOMA counts (200.19(b)(1)(iv)): certificates and equivalencies (GED/HiSET) are
//   non-graduates who stay in the denominator, like dropouts, students still enrolled and
//   transfers out without documentation (200.19(b)(1)(ii)).
// - "Within 4 years" ends August 31 of the cohort year, summer included (periods.graduationCutoff).
// - A student is removed only if their last status on the cutoff is a documented transfer out,
//   emigration or death: someone who transferred out and came back is in the cohort again.
// - A student is in a window's count once they have joined (`joinedOn`): their first `entered`
//   event or their first October 1 roll, whichever is earlier. With neither — or a history that
//   starts with something other than an entry (a graduation, dropout, exit or return) — there is no
//   record of them arriving: they are in their cohort from 9th grade. A transfer in who joined
//   after the 4-year cutoff is only in the 5-year count. A student with no history is still enrolled.
import type { Credential, StatusEventKind } from "@/lib/generated/prisma/enums";
import { isoDay, type IsoDay } from "@/lib/calendar";
import { graduationCutoff } from "./periods";

export type CohortEvent = {
  kind: StatusEventKind;
  effectiveDate: Date | string;
  documented?: boolean | null;
  credential?: Credential | null;
};

export type AcgrReason =
  | "GRADUATED"
  | "STILL_ENROLLED"
  | "DROPPED_OUT"
  | "EQUIVALENCY"
  | "CERTIFICATE"
  | "TRANSFERRED_OUT_UNDOCUMENTED"
  | "REMOVED_TRANSFERRED_OUT"
  | "REMOVED_EMIGRATED"
  | "REMOVED_DECEASED"
  | "NOT_YET_ENTERED";

export type AcgrOutcome = { inCohort: boolean; graduated: boolean; reason: AcgrReason };

export const ACGR_REASON_TEXT: Record<AcgrReason, string> = {
  GRADUATED: "In the cohort, counted as a graduate: regular diploma within the window",
  STILL_ENROLLED: "In the cohort, not a graduate: still enrolled (or diploma after the window)",
  DROPPED_OUT: "In the cohort, not a graduate: dropped out",
  EQUIVALENCY: "In the cohort, not a graduate: high-school equivalency (GED/HiSET) is not a diploma",
  CERTIFICATE: "In the cohort, not a graduate: certificate is not a regular diploma",
  TRANSFERRED_OUT_UNDOCUMENTED: "In the cohort, not a graduate: transferred out without documentation",
  REMOVED_TRANSFERRED_OUT: "Removed from the cohort: documented transfer out",
  REMOVED_EMIGRATED: "Removed from the cohort: emigrated",
  REMOVED_DECEASED: "Removed from the cohort: deceased",
  NOT_YET_ENTERED: "Not in the cohort: joined after the window closed",
};

const isRegularDiploma = (e: CohortEvent) => e.kind === "GRADUATED" && e.credential === "REGULAR_DIPLOMA";

/**
 * When a student joined the district's count, or null for "from 9th grade" (no record of arriving).
 * The first `entered` event or October 1 of the first roll year (`rollYears`: school years the
 * student was on the October 1 roll), whichever is earlier; null with neither, or when the history
 * (in recorded order) starts with anything but an entry — the student was there before any record.
 */
export function joinedOn(events: CohortEvent[], rollYears: readonly number[]): IsoDay | null {
  if (events.length > 0 && events[0].kind !== "ENTERED") return null;
  const entered = events.find((e) => e.kind === "ENTERED");
  const dates = [...(entered ? [isoDay(entered.effectiveDate)] : []), ...(rollYears.length ? [`${Math.min(...rollYears)}-10-01`] : [])];
  return dates.length ? dates.sort()[0] : null;
}

/**
 * Where one student of the cohort stands for the 4- or 5-year rate.
 * `events` must be in recorded order (effective date, then sequence): the last one on or before the
 * cutoff is the student's status then. `rollYears`: the school years of the student's October 1
 * rolls (StudentYear with enrolledOct1), for when they joined.
 */
export function acgrOutcome(events: CohortEvent[], cohortYear: number, years: 4 | 5, rollYears: readonly number[]): AcgrOutcome {
  const cutoff = graduationCutoff(cohortYear, years);
  const upTo = events.filter((e) => isoDay(e.effectiveDate) <= cutoff);
  if (upTo.some(isRegularDiploma)) return { inCohort: true, graduated: true, reason: "GRADUATED" };
  const joined = joinedOn(events, rollYears);
  if (joined !== null && joined > cutoff) return { inCohort: false, graduated: false, reason: "NOT_YET_ENTERED" };
  const last = upTo.at(-1);
  const stay = (reason: AcgrReason): AcgrOutcome => ({ inCohort: true, graduated: false, reason });
  const out = (reason: AcgrReason): AcgrOutcome => ({ inCohort: false, graduated: false, reason });
  switch (last?.kind) {
    case undefined:
    case "ENTERED":
    case "REENGAGED":
      return stay("STILL_ENROLLED");
    case "GRADUATED":
      return stay("CERTIFICATE");
    case "EARNED_EQUIVALENCY":
      return stay("EQUIVALENCY");
    case "DROPPED_OUT":
      return stay("DROPPED_OUT");
    case "TRANSFERRED_OUT":
      return last.documented ? out("REMOVED_TRANSFERRED_OUT") : stay("TRANSFERRED_OUT_UNDOCUMENTED");
    case "EMIGRATED":
      return out("REMOVED_EMIGRATED");
    case "DECEASED":
      return out("REMOVED_DECEASED");
  }
}

export type Rate = { numerator: number; denominator: number; rate: number | null };

/** A percent with one decimal, or null when there is no one to count. */
export function percent(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((1000 * numerator) / denominator) / 10 : null;
}

/** The adjusted cohort graduation rate of a set of outcomes (200.19(b)(1)(i)). */
export function adjustedCohortRate(outcomes: AcgrOutcome[]): Rate {
  const denominator = outcomes.filter((o) => o.inCohort).length;
  const numerator = outcomes.filter((o) => o.inCohort && o.graduated).length;
  return { numerator, denominator, rate: percent(numerator, denominator) };
}
