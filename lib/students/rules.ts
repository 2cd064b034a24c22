// Early-warning risk for a student. Pure module (no I/O, no server-only, no hidden clock): the
// admin reports use the same rule for their early-warning counts.
//
// Source: the American Institutes for Research's Early Warning Intervention and Monitoring System
// (EWIMS; AIR, "Early Warning Intervention and Monitoring System Implementation Guide", 2013/2019)
// flags a student on the ABC indicators — Attendance, Behavior, Course performance — plus being
// off track in credits:
//   • attendance below 90% = chronically absent (missing 10%+ of school days); below 80% we treat
//     as critical (severe chronic absence, Attendance Works' tier);
//   • course performance: any course failed this year;
//   • behavior: one or more suspensions;
//   • credits: fewer credits than the on-track line for the grade, i.e. (grade − 9) completed years
//     × (diploma credits ÷ 4) — 5.5 per completed year for a 22-credit diploma.
// To those we add online-course engagement flags (vendor dashboards: Edgenuity, Apex): behind pace,
// inactive 7 or more days, a failed mastery (summative) assessment.
//
// LEVEL RULE (documented in the UI too):
//   HIGH      — attendance below 80%, or flags in 3 or more of the five areas
//               (attendance, course performance, behavior, credits, online engagement);
//   MODERATE  — flags in 1 or 2 areas;
//   LOW       — no flag.
// An area counts once however many of its flags are raised (two behind-pace courses = one area).

import { daysInactive, INACTIVE_DAYS, paceFor } from "../enrollments/rules";
import { CREDIT_FIGURES, creditsBehindOnTrack, creditsText, onTrackCredits } from "./credits";

export type RiskLevel = "LOW" | "MODERATE" | "HIGH";
export type RiskReasonCode = "ATTENDANCE_CRITICAL" | "ATTENDANCE" | "COURSE_FAILED" | "SUSPENDED" | "CREDITS_BEHIND" | "BEHIND_PACE" | "INACTIVE" | "MASTERY_FAILED";
/**
 * `label` says why in full (student page); `brief` is the caseload list's version, next to the
 * columns that already show the rest (each course with its pace; the rule under "How risk is computed").
 */
export type RiskReason = { code: RiskReasonCode; label: string; brief: string };
export type Risk = { level: RiskLevel; reasons: RiskReason[] };

export type OnlineRiskFacts = {
  title: string;
  /** The enrollment is behind its pace line (lib/enrollments/rules.ts paceStatus === "BEHIND"). */
  behindPace: boolean;
  /** Days since the last result (or since the start when none). */
  daysInactive: number;
  /** A summative assessment attempted but not yet at mastery. */
  masteryFailed: boolean;
};

export type RiskInputs = {
  /** Percent of days attended this year, 0..100; null when the SIS sent none (no flag). */
  attendanceRate: number | null;
  suspensions: number;
  coursesFailedThisYear: number;
  gradeLevel: number;
  creditsEarned: number;
  /** Credits the diploma requires (DistrictSettings.totalCreditsRequired, 22 in the demo). */
  totalCreditsRequired: number;
  /** Active online enrollments only. */
  online: OnlineRiskFacts[];
};

export const RISK_LEVEL_RULE =
  "High: attendance below 80%, or warning flags in 3 or more of the 5 areas (attendance, course performance, behavior, credits, online engagement). Moderate: flags in 1–2 areas. Low: no flags.";

export const RISK_FLAG_RULES = [
  "Attendance below 90% (chronically absent); below 80% is critical",
  "Any course failed this year",
  "One or more suspensions",
  `${CREDIT_FIGURES.behindOnTrack}: fewer credits earned than (grade − 9) × diploma credits ÷ 4`,
  `Online course behind pace, inactive ${INACTIVE_DAYS}+ days, or a failed mastery assessment`,
] as const;

/** At most one decimal, no trailing ".0" (86.54 → "86.5", 82.96 → "83"). */
const fmt = (n: number) => String(Math.round(n * 10) / 10);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function riskFor(inputs: RiskInputs): Risk {
  const reasons: RiskReason[] = [];
  const areas = new Set<string>();
  let critical = false;

  const att = inputs.attendanceRate;
  if (att !== null && att < 80) {
    reasons.push({ code: "ATTENDANCE_CRITICAL", label: `Attendance ${fmt(att)}% (below 80%: critical)`, brief: `Attendance ${fmt(att)}% (critical)` });
    areas.add("attendance");
    critical = true;
  } else if (att !== null && att < 90) {
    reasons.push({ code: "ATTENDANCE", label: `Attendance ${fmt(att)}% (below 90%: chronically absent)`, brief: `Attendance ${fmt(att)}%` });
    areas.add("attendance");
  }
  if (inputs.coursesFailedThisYear > 0) {
    const label = `Failed ${plural(inputs.coursesFailedThisYear, "course", "courses")} this year`;
    reasons.push({ code: "COURSE_FAILED", label, brief: label });
    areas.add("course");
  }
  if (inputs.suspensions > 0) {
    const label = plural(inputs.suspensions, "suspension", "suspensions");
    reasons.push({ code: "SUSPENDED", label, brief: label });
    areas.add("behavior");
  }
  // "Credits behind the on-track line" (credits.ts), in the words the caseload and the plan use.
  const behind = creditsBehindOnTrack(inputs.gradeLevel, inputs.totalCreditsRequired, inputs.creditsEarned);
  if (behind > 0) {
    const line = onTrackCredits(inputs.gradeLevel, inputs.totalCreditsRequired);
    reasons.push({
      code: "CREDITS_BEHIND",
      label: `${creditsText(behind)} behind the on-track line (${creditsText(line)} for grade ${inputs.gradeLevel})`,
      brief: `${creditsText(behind)} behind`,
    });
    areas.add("credits");
  }
  // The courses in a reason's words are listed by title, whatever order the caller read them in:
  // the caseload (SQL) and the student page (by subject) read them differently, and the words must
  // be the same on both (lib/students/credits.seed.int.test.ts compares every demo student).
  const online = [...inputs.online].sort((a, b) => a.title.localeCompare(b.title) || a.daysInactive - b.daysInactive);
  const behindPace = online.filter((o) => o.behindPace);
  if (behindPace.length > 0) {
    reasons.push({
      code: "BEHIND_PACE",
      label: `Behind pace in ${behindPace.map((o) => o.title).join(", ")}`,
      brief: `Behind pace in ${plural(behindPace.length, "course", "courses")}`,
    });
    areas.add("online");
  }
  const idle = online.filter((o) => o.daysInactive >= INACTIVE_DAYS);
  if (idle.length > 0) {
    // The brief must not overstate: "no online activity in N days" only when every active course
    // is idle, and then N is the most recent activity of any of them.
    const least = Math.min(...idle.map((o) => o.daysInactive));
    reasons.push({
      code: "INACTIVE",
      label: `No online activity for ${INACTIVE_DAYS}+ days in ${idle.map((o) => `${o.title} (${o.daysInactive} days)`).join(", ")}`,
      brief:
        idle.length === inputs.online.length
          ? `No online activity in ${least} days`
          : `No activity in ${plural(idle.length, "course", "courses")} for ${least}${idle.length > 1 ? "+" : ""} days`,
    });
    areas.add("online");
  }
  const failed = online.filter((o) => o.masteryFailed);
  if (failed.length > 0) {
    const label = `Failed a mastery assessment in ${failed.map((o) => o.title).join(", ")}`;
    reasons.push({ code: "MASTERY_FAILED", label, brief: label });
    areas.add("online");
  }

  const level: RiskLevel = critical || areas.size >= 3 ? "HIGH" : areas.size >= 1 ? "MODERATE" : "LOW";
  return { level, reasons };
}

export const RISK_ORDER: Record<RiskLevel, number> = { LOW: 0, MODERATE: 1, HIGH: 2 };

/** The online flags of one active enrollment, as riskFor wants them (pace and inactivity as of `asOf`). */
export function onlineRiskFacts(
  e: { title: string; progress: number; startDate: Date; targetDate: Date; lastActivityOn: Date | null; masteryFailed: boolean },
  asOf: Date,
): OnlineRiskFacts {
  return {
    title: e.title,
    behindPace: paceFor(e, asOf).status === "BEHIND",
    daysInactive: daysInactive(e.lastActivityOn, e.startDate, asOf),
    masteryFailed: e.masteryFailed,
  };
}

/**
 * "Needs attention": a student at moderate or high risk with no counselor note or family contact
 * in the last 30 days (or never) — flagged and not yet followed up.
 */
export const ATTENTION_NOTE_DAYS = 30;

/**
 * The latest follow-up: a note's moment or a family contact's day (a date-only value, UTC midnight,
 * read as the end of that day so a contact today counts as today), whichever is later.
 */
export function latestFollowUp(noteOn: Date | null, contactDay: Date | null): Date | null {
  const contactEnd = contactDay ? new Date(contactDay.getTime() + 86_400_000 - 1) : null;
  if (!noteOn) return contactEnd;
  if (!contactEnd) return noteOn;
  return noteOn > contactEnd ? noteOn : contactEnd;
}
export function needsAttention(level: RiskLevel, latestNoteOn: Date | null, asOf: Date): boolean {
  if (level === "LOW") return false;
  if (!latestNoteOn) return true;
  return asOf.getTime() - latestNoteOn.getTime() > ATTENTION_NOTE_DAYS * 86_400_000;
}
