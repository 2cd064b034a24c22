// The Today list (issue 16): whom a counselor should see first, each student once, with the one
// reason they are on it. Pure module (no I/O, no clock): lib/today/queries.ts gathers the facts,
// these functions decide and rank. Unit-tested with hand-made histories (rules.test.ts).
//
// REASONS, in the order they rank (a student with several is listed for the first; the others are
// shown as "also"):
//   1 FOLLOW_UP_OVERDUE   an active intervention plan's next follow-up date has passed
//   2 FOLLOW_UP_DUE       an active plan's next follow-up is today
//   3 NEWLY_HIGH          high risk now, not high at the baseline (below)
//   4 REENGAGED           came back after leaving (a re-engagement status event in the last 14 days)
//   5 ENDING_NOT_ON_PACE  an online course's target date is within 14 days (or past) and it is behind pace
//   6 SENIOR_SHORT        grade 12 and needing more credits than a normal year's load (diploma ÷ 4)
//   7 NEWLY_BEHIND        behind pace in more courses than at the baseline
//   8 COURSE_INACTIVE     an online course with no activity for 7+ days
//   9 NO_CONTACT          moderate or high risk and no note or family contact in 30 days
// Within a reason: higher risk first, then the reason's own urgency (days overdue, days to the end,
// credits short, days inactive, days since contact), then name.
//
// BASELINE for "newly": the student's risk on the earlier of (a) 7 days ago and (b) the day the
// viewer last opened Today before today — "since last week", or since the last visit when that was
// longer ago (a counselor back from two weeks away sees the changes of both weeks). The risk on a day
// is the latest RiskSnapshot row on or before it (rows are written only on change). A student with
// no row by then (new to the district, or history not yet started) is never "newly" anything.

import { RISK_ORDER, type Risk, type RiskLevel, type RiskReasonCode } from "../students/rules";
import { daysBetween, formatDay, isoDay } from "@/lib/calendar";
import { INACTIVE_DAYS, type PaceStatus } from "../enrollments/rules";
import { ATTENTION_NOTE_DAYS } from "../students/rules";
import { creditsText } from "../students/credits";
import { RISK_LEVEL_LABEL } from "@/lib/labels";

export const TODAY_REASONS = [
  "FOLLOW_UP_OVERDUE",
  "FOLLOW_UP_DUE",
  "NEWLY_HIGH",
  "REENGAGED",
  "ENDING_NOT_ON_PACE",
  "SENIOR_SHORT",
  "NEWLY_BEHIND",
  "COURSE_INACTIVE",
  "NO_CONTACT",
] as const;
export type TodayReasonCode = (typeof TODAY_REASONS)[number];

/** What each reason is called on the page, in the explanation and in dismissals. */
export const TODAY_REASON_LABELS: Record<TodayReasonCode, string> = {
  FOLLOW_UP_OVERDUE: "Plan follow-up overdue",
  FOLLOW_UP_DUE: "Plan follow-up due today",
  NEWLY_HIGH: "Newly high risk",
  REENGAGED: "Re-engaged",
  ENDING_NOT_ON_PACE: "Course ending soon, not on pace",
  SENIOR_SHORT: "Senior short of credits for June",
  NEWLY_BEHIND: "Newly behind pace",
  COURSE_INACTIVE: "Online course inactive 7+ days",
  NO_CONTACT: "No contact in 30 days",
};

/** The reason's label inside a sentence ("also: senior short of credits for June"). */
export function reasonInSentence(code: TodayReasonCode): string {
  const l = TODAY_REASON_LABELS[code];
  return l.charAt(0).toLowerCase() + l.slice(1);
}

export const TODAY_RULES: { code: TodayReasonCode; rule: string }[] = [
  { code: "FOLLOW_UP_OVERDUE", rule: "An active intervention plan's next follow-up date has passed (most overdue first)." },
  { code: "FOLLOW_UP_DUE", rule: "An active intervention plan's next follow-up date is today." },
  { code: "NEWLY_HIGH", rule: "High risk now, and not high a week ago (or at your last visit, if that was earlier)." },
  { code: "REENGAGED", rule: "Came back to school after leaving, in the last 14 days." },
  { code: "ENDING_NOT_ON_PACE", rule: "An online course ends within 14 days, or has passed its end date, and is behind pace (past the end first, then the soonest end)." },
  { code: "SENIOR_SHORT", rule: "A senior who still needs more credits than a normal year's load (diploma credits ÷ 4) to graduate in June." },
  { code: "NEWLY_BEHIND", rule: "Behind pace in more online courses than a week ago (or at your last visit)." },
  { code: "COURSE_INACTIVE", rule: "An online course with no activity for 7 or more days (longest first)." },
  { code: "NO_CONTACT", rule: "Moderate or high risk and no note or family contact in 30 days." },
];

export const REENGAGED_DAYS = 14;
export const ENDING_DAYS = 14;
/** How many entries Today shows unless asked for more. */
export const TODAY_DEFAULT = 15;
export const TODAY_MAX = 60;

/** The student's risk on a past day (its latest snapshot row on or before it). */
export type RiskAt = { day: Date; level: RiskLevel; reasons: string[]; behindCourses: number };

export type TodayFacts = {
  id: string;
  name: string;
  sisId: string;
  gradeLevel: number;
  counselorName: string | null;
  risk: Risk;
  creditsStillNeeded: number;
  creditsRequired: number;
  courses: { id: string; title: string; pace: PaceStatus; targetDate: Date; daysInactive: number }[];
  /** Latest note or family contact (a calendar day), or null. */
  lastContactDay: Date | null;
  /** Active plans whose next follow-up is on or before today. */
  followUps: { planId: string; type: string; nextFollowUp: Date }[];
  /** Risk at the baseline day, and the day the current level began (latest snapshot row), if known. */
  baseline: RiskAt | null;
  levelSince: Date | null;
  reengagedOn: { eventId: string; day: Date } | null;
};

export type TodayReason = {
  code: TodayReasonCode;
  /** Identifies this occurrence: a dismissal lasts until the key changes (a new follow-up date…). */
  key: string;
  /** The reason in words, for this student. */
  text: string;
  /** Urgency within the reason: larger first. */
  urgency: number;
};
export type TodayEntry = {
  studentId: string;
  name: string;
  sisId: string;
  gradeLevel: number;
  counselorName: string | null;
  level: RiskLevel;
  reason: TodayReason;
  also: TodayReason[];
};

export type Dismissal = { studentId: string; reason: string; key: string; until: Date | null };

/** A day in the words every page uses ("Dec 1, 2026"); isoDay is for keys only. */
const day = (d: Date) => formatDay(d);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const behindCount = (f: TodayFacts) => f.courses.filter((c) => c.pace === "BEHIND").length;

/** The baseline day: the earlier of 7 days before today and the viewer's last visit before today. */
export function baselineDay(today: Date, lastVisit: Date | null): Date {
  const weekAgo = new Date(today.getTime() - 7 * 86_400_000);
  return lastVisit && lastVisit < weekAgo ? lastVisit : weekAgo;
}

/** Every reason a student is on Today, unranked. */
export function reasonsFor(f: TodayFacts, today: Date): TodayReason[] {
  const out: TodayReason[] = [];
  for (const p of f.followUps) {
    const late = daysBetween(p.nextFollowUp, today);
    if (late > 0)
      out.push({
        code: "FOLLOW_UP_OVERDUE",
        key: `${p.planId}:${isoDay(p.nextFollowUp)}`,
        text: `Follow-up of the ${p.type} plan was due ${day(p.nextFollowUp)} (${plural(late, "day", "days")} ago)`,
        urgency: late,
      });
    else if (late === 0) out.push({ code: "FOLLOW_UP_DUE", key: `${p.planId}:${isoDay(p.nextFollowUp)}`, text: `Follow-up of the ${p.type} plan is due today`, urgency: 0 });
  }
  const b = f.baseline;
  if (f.risk.level === "HIGH" && b && b.level !== "HIGH") {
    const since = f.levelSince ?? today;
    out.push({ code: "NEWLY_HIGH", key: isoDay(since), text: `High risk since ${day(since)} (was ${RISK_LEVEL_LABEL[b.level].toLowerCase()} on ${day(b.day)})`, urgency: 0 });
  }
  if (f.reengagedOn && daysBetween(f.reengagedOn.day, today) <= REENGAGED_DAYS) {
    out.push({ code: "REENGAGED", key: f.reengagedOn.eventId, text: `Re-engaged on ${day(f.reengagedOn.day)}`, urgency: -daysBetween(f.reengagedOn.day, today) });
  }
  for (const c of f.courses) {
    // Past its target date and still active counts too, first of all (most days past first).
    const left = daysBetween(today, c.targetDate);
    if (c.pace === "BEHIND" && left <= ENDING_DAYS) {
      const when =
        left >= 0
          ? `ends ${day(c.targetDate)} (${plural(left, "day", "days")}) and is behind pace`
          : `was to end ${day(c.targetDate)} (${plural(-left, "day", "days")} ago) and is not complete`;
      out.push({ code: "ENDING_NOT_ON_PACE", key: c.id, text: `${c.title} ${when}`, urgency: -left });
    }
  }
  if (f.gradeLevel === 12 && f.creditsStillNeeded > f.creditsRequired / 4) {
    out.push({
      code: "SENIOR_SHORT",
      key: String(f.creditsStillNeeded),
      text: `Still needs ${creditsText(f.creditsStillNeeded)} to graduate in June, more than a year's load (${creditsText(f.creditsRequired / 4)})`,
      urgency: f.creditsStillNeeded,
    });
  }
  const behind = behindCount(f);
  if (b && behind > b.behindCourses) {
    out.push({
      code: "NEWLY_BEHIND",
      key: `${behind}:${isoDay(b.day)}`,
      text: `Behind pace in ${plural(behind, "course", "courses")} (${b.behindCourses} on ${day(b.day)})`,
      urgency: behind - b.behindCourses,
    });
  }
  for (const c of f.courses) {
    if (c.daysInactive >= INACTIVE_DAYS) {
      // The occurrence is the day activity stopped: new activity and a new idle spell come back.
      const stopped = new Date(today.getTime() - c.daysInactive * 86_400_000);
      out.push({ code: "COURSE_INACTIVE", key: `${c.id}:${isoDay(stopped)}`, text: `No activity in ${c.title} for ${c.daysInactive} days`, urgency: c.daysInactive });
    }
  }
  if (f.risk.level !== "LOW") {
    const since = f.lastContactDay ? daysBetween(f.lastContactDay, today) : null;
    if (since === null || since > ATTENTION_NOTE_DAYS) {
      out.push({
        code: "NO_CONTACT",
        key: f.lastContactDay ? isoDay(f.lastContactDay) : "never",
        text: since === null ? "No note or family contact yet" : `Last note or contact ${since} days ago`,
        urgency: since ?? 10_000,
      });
    }
  }
  return out;
}

/** Whether a dismissal hides this reason today: same occurrence, and dismissed or snoozed past today. */
export function isDismissed(studentId: string, r: TodayReason, dismissals: Dismissal[], today: Date): boolean {
  return dismissals.some((d) => d.studentId === studentId && d.reason === r.code && d.key === r.key && (d.until === null || d.until > today));
}

const RANK = Object.fromEntries(TODAY_REASONS.map((c, i) => [c, i])) as Record<TodayReasonCode, number>;
function byUrgency(a: TodayReason, b: TodayReason): number {
  return RANK[a.code] - RANK[b.code] || b.urgency - a.urgency;
}

/**
 * The ranked list: each student once, for their first reason not dismissed; ordered by that
 * reason's rank, then risk level (high first), then urgency, then name. Returns every entry
 * (the page shows the first `limit`) so the page can say how many there are in all.
 */
export function rankToday(facts: TodayFacts[], dismissals: Dismissal[], today: Date): TodayEntry[] {
  const entries: TodayEntry[] = [];
  for (const f of facts) {
    const open = reasonsFor(f, today)
      .filter((r) => !isDismissed(f.id, r, dismissals, today))
      .sort(byUrgency);
    if (open.length === 0) continue;
    entries.push({
      studentId: f.id,
      name: f.name,
      sisId: f.sisId,
      gradeLevel: f.gradeLevel,
      counselorName: f.counselorName,
      level: f.risk.level,
      reason: open[0],
      also: open.slice(1),
    });
  }
  entries.sort(
    (a, b) => RANK[a.reason.code] - RANK[b.reason.code] || RISK_ORDER[b.level] - RISK_ORDER[a.level] || b.reason.urgency - a.reason.urgency || a.name.localeCompare(b.name),
  );
  return entries;
}

/** The codes a snapshot row keeps (RiskSnapshot.reasons). */
export function reasonCodes(risk: Risk): RiskReasonCode[] {
  return risk.reasons.map((r) => r.code);
}
