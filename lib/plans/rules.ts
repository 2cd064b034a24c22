// Intervention-plan rules (issue 16), pure: progress toward a plan's measurable goal read from the
// student's current record, whether its follow-up is due, and the risk history folded into spans
// with the plan's dates marked on them. No I/O; lib/plans/queries.ts gathers the facts.
import { paceFor, type PaceStatus } from "@/lib/enrollments/rules";
import type { PlanMetric, PlanStatus } from "./schema";

export type GoalFacts = {
  /** Percent (Student.attendanceRate), null when no rate was loaded. */
  attendanceRate: number | null;
  /** Σ credits earned on the transcript (the same figure as the graduation audit's "Credits earned", lib/students/credits.ts). */
  creditsEarned: number;
  /** Suspensions this school year (Student.suspensions). */
  suspensions: number;
  /** The plan's target enrollment, null when none or no longer on the record. */
  enrollment: { title: string; status: "ACTIVE" | "COMPLETED" | "WITHDRAWN" | "FAILED"; progress: number; startDate: Date; targetDate: Date } | null;
};

export type GoalTarget = { metric: PlanMetric; targetValue: number | null; targetText: string };

/** met: the target is reached today; notYet: not yet; missed: can no longer be reached (the course ended without credit); unknown: the record cannot say. */
export type GoalState = "met" | "notYet" | "missed" | "unknown";
export type GoalProgress = { state: GoalState; text: string; pace?: { status: PaceStatus; expected: number; progress: number } };

export const GOAL_STATE_LABELS: Record<GoalState, string> = {
  met: "Target reached",
  notYet: "Not reached yet",
  missed: "Cannot be reached",
  unknown: "Not measurable from the record",
};

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1).replace(/\.0$/, ""));
const plural = (n: number, one: string, many: string) => `${num(n)} ${n === 1 ? one : many}`;

/** The target in words: "Attendance at or above 90%", "Algebra I on pace (or completed)". */
export function targetWords(t: GoalTarget, courseTitle?: string | null): string {
  const v = t.targetValue ?? 0;
  const extra = t.metric !== "OTHER" && t.targetText ? ` (${t.targetText})` : "";
  switch (t.metric) {
    case "ATTENDANCE_RATE":
      return `Attendance at or above ${num(v)}%${extra}`;
    case "CREDITS_EARNED":
      return `At least ${plural(v, "credit", "credits")} earned${extra}`;
    case "SUSPENSIONS":
      return v === 0 ? `No suspensions this year${extra}` : `At most ${plural(v, "suspension", "suspensions")} this year${extra}`;
    case "COURSE_ON_PACE":
      return `${courseTitle ?? "The online course"} on pace (or completed)${extra}`;
    case "OTHER":
      return t.targetText;
  }
}

/**
 * Progress toward the goal from today's record. Attendance and credits: reached at or above the
 * target; suspensions: at or below it. A course: on pace or ahead (lib/enrollments/rules.ts paceFor,
 * Edgenuity's ±3-point band) or completed reaches it; behind does not yet; failed or withdrawn can
 * no longer. "Other" targets are judged by the check-ins only.
 */
export function goalProgress(t: GoalTarget, f: GoalFacts, asOf: Date): GoalProgress {
  const v = t.targetValue ?? 0;
  switch (t.metric) {
    case "ATTENDANCE_RATE": {
      if (f.attendanceRate == null) return { state: "unknown", text: "No attendance rate on the record yet." };
      const met = f.attendanceRate >= v;
      return { state: met ? "met" : "notYet", text: `Attendance is ${num(f.attendanceRate)}%${met ? "" : `, ${num(v - f.attendanceRate)} points below the target`}.` };
    }
    case "CREDITS_EARNED": {
      const met = f.creditsEarned >= v;
      return { state: met ? "met" : "notYet", text: `${plural(f.creditsEarned, "credit", "credits")} earned${met ? "" : `, ${num(v - f.creditsEarned)} to go`}.` };
    }
    case "SUSPENSIONS": {
      const met = f.suspensions <= v;
      return { state: met ? "met" : "notYet", text: `${plural(f.suspensions, "suspension", "suspensions")} this year${met ? "" : `, ${num(f.suspensions - v)} over the target`}.` };
    }
    case "COURSE_ON_PACE": {
      const e = f.enrollment;
      if (!e) return { state: "unknown", text: "The course is no longer on the record." };
      if (e.status === "COMPLETED") return { state: "met", text: `${e.title} was completed.` };
      if (e.status !== "ACTIVE") return { state: "missed", text: `${e.title} ended ${e.status === "FAILED" ? "failed" : "withdrawn"}.` };
      const pace = paceFor(e, asOf);
      const expected = Math.round(pace.expected);
      const words = pace.status === "BEHIND" ? "behind pace" : pace.status === "AHEAD" ? "ahead of pace" : "on pace";
      return {
        state: pace.status === "BEHIND" ? "notYet" : "met",
        text: `${e.title} is ${words}: ${e.progress}% done, ${expected}% expected by today.`,
        pace: { status: pace.status, expected, progress: e.progress },
      };
    }
    case "OTHER":
      return { state: "unknown", text: "Judged at the check-ins." };
  }
}

export type FollowUp = "overdue" | "due" | null;

/** An active plan's follow-up: overdue before today, due today (lib/calendar.ts districtDay), else nothing. Closed plans have none. */
export function followUpState(p: { status: PlanStatus; nextFollowUp: Date | null }, today: Date): FollowUp {
  if (p.status !== "ACTIVE" || !p.nextFollowUp) return null;
  const d = p.nextFollowUp.getTime();
  const t = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return d < t ? "overdue" : d === t ? "due" : null;
}

export type RiskDay = { day: Date; level: "LOW" | "MODERATE" | "HIGH"; reasons: string[] };
export type PlanEvent = { day: Date; label: string };
/** `to` null: still the student's risk today. `level` null: before the first row (not recorded). */
export type RiskSpan = { from: Date; to: Date | null; level: RiskDay["level"] | null; reasons: string[]; events: PlanEvent[] };

/** Words for RiskSnapshot.reasons (RiskReasonCode, lib/students/rules.ts riskFor), without the figures of the day. */
export const RISK_REASON_WORDS: Record<string, string> = {
  ATTENDANCE_CRITICAL: "Attendance below 80%",
  ATTENDANCE: "Attendance below 90%",
  COURSE_FAILED: "Failed a course this year",
  SUSPENDED: "Suspended",
  CREDITS_BEHIND: "Behind the on-track credit line",
  BEHIND_PACE: "Behind pace online",
  INACTIVE: "No online activity for 7+ days",
  MASTERY_FAILED: "Failed a mastery assessment",
};

const DAY_MS = 86_400_000;

/**
 * The risk history (RiskSnapshot: a row each time the student's level, reasons or counts changed;
 * the risk on a day is the latest row on or before it) as spans of the same level and reasons,
 * oldest first — each from its row's day to the day before the next span, the last one ongoing —
 * with the plan events (start, check-ins, close) that fell in each. Events before the first row
 * get a span of their own with no level (the history had not started), never the first row's.
 */
export function riskSpans(rows: RiskDay[], events: PlanEvent[]): RiskSpan[] {
  const sorted = [...rows].sort((a, b) => a.day.getTime() - b.day.getTime());
  const spans: RiskSpan[] = [];
  for (const d of sorted) {
    const last = spans[spans.length - 1];
    // Rows that differ only in what the span does not show (course counts, counselor) continue it.
    if (last && last.level === d.level && sameReasons(last.reasons, d.reasons)) continue;
    if (last) last.to = new Date(d.day.getTime() - DAY_MS);
    spans.push({ from: d.day, to: null, level: d.level, reasons: [...d.reasons], events: [] });
  }
  if (spans.length === 0) return spans;
  const sortedEvents = [...events].sort((a, b) => a.day.getTime() - b.day.getTime());
  if (sortedEvents.length && sortedEvents[0].day < spans[0].from) {
    spans.unshift({ from: sortedEvents[0].day, to: new Date(spans[0].from.getTime() - DAY_MS), level: null, reasons: [], events: [] });
  }
  for (const e of sortedEvents) {
    let at = 0;
    for (let i = 0; i < spans.length; i++) if (spans[i].from <= e.day) at = i;
    spans[at].events.push(e);
  }
  return spans;
}

function sameReasons(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((r, i) => r === b[i]);
}
