import { describe, expect, it } from "vitest";
import { followUpState, goalProgress, riskSpans, targetWords, type GoalFacts } from "./rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const facts = (over: Partial<GoalFacts> = {}): GoalFacts => ({ attendanceRate: 87.5, creditsEarned: 12, suspensions: 2, enrollment: null, ...over });

describe("goalProgress: hand-computed cases", () => {
  it("attendance 87.5% against a 90% target is 2.5 points short; 90% exactly reaches it", () => {
    expect(goalProgress({ metric: "ATTENDANCE_RATE", targetValue: 90, targetText: "" }, facts(), d("2026-12-01"))).toEqual({
      state: "notYet",
      text: "Attendance is 87.5%, 2.5 points below the target.",
    });
    expect(goalProgress({ metric: "ATTENDANCE_RATE", targetValue: 90, targetText: "" }, facts({ attendanceRate: 90 }), d("2026-12-01")).state).toBe("met");
  });

  it("no attendance rate on the record cannot be judged", () => {
    expect(goalProgress({ metric: "ATTENDANCE_RATE", targetValue: 90, targetText: "" }, facts({ attendanceRate: null }), d("2026-12-01")).state).toBe("unknown");
  });

  it("credits: 12 earned against 14 is 2 to go; 14.5 reaches it", () => {
    expect(goalProgress({ metric: "CREDITS_EARNED", targetValue: 14, targetText: "" }, facts(), d("2026-12-01"))).toEqual({ state: "notYet", text: "12 credits earned, 2 to go." });
    expect(goalProgress({ metric: "CREDITS_EARNED", targetValue: 14, targetText: "" }, facts({ creditsEarned: 14.5 }), d("2026-12-01")).state).toBe("met");
  });

  it("suspensions: 2 against at most 1 is 1 over; 0 against 0 is reached", () => {
    expect(goalProgress({ metric: "SUSPENSIONS", targetValue: 1, targetText: "" }, facts(), d("2026-12-01"))).toEqual({
      state: "notYet",
      text: "2 suspensions this year, 1 over the target.",
    });
    expect(goalProgress({ metric: "SUSPENSIONS", targetValue: 0, targetText: "" }, facts({ suspensions: 0 }), d("2026-12-01")).state).toBe("met");
  });

  // Course started Sep 1, target Nov 30 (90 days); on Oct 16 (45 days) 50% is expected.
  const course = (progress: number, status: "ACTIVE" | "COMPLETED" | "WITHDRAWN" | "FAILED" = "ACTIVE") =>
    facts({ enrollment: { title: "Algebra I", status, progress, startDate: d("2026-09-01"), targetDate: d("2026-11-30") } });
  const onPace = { metric: "COURSE_ON_PACE" as const, targetValue: null, targetText: "" };
  it("a course at 40% when 50% is expected is behind (more than 3 points); at 47% it is on pace", () => {
    expect(goalProgress(onPace, course(40), d("2026-10-16"))).toEqual({
      state: "notYet",
      text: "Algebra I is behind pace: 40% done, 50% expected by today.",
      pace: { status: "BEHIND", expected: 50, progress: 40 },
    });
    expect(goalProgress(onPace, course(47), d("2026-10-16")).state).toBe("met");
    expect(goalProgress(onPace, course(60), d("2026-10-16")).pace?.status).toBe("AHEAD");
  });

  it("a completed course reaches the target; a failed or withdrawn one can no longer; a missing one cannot be judged", () => {
    expect(goalProgress(onPace, course(100, "COMPLETED"), d("2026-12-01")).state).toBe("met");
    expect(goalProgress(onPace, course(30, "FAILED"), d("2026-12-01"))).toEqual({ state: "missed", text: "Algebra I ended failed." });
    expect(goalProgress(onPace, course(30, "WITHDRAWN"), d("2026-12-01")).state).toBe("missed");
    expect(goalProgress(onPace, facts(), d("2026-12-01")).state).toBe("unknown");
  });

  it("an 'other' target is judged at the check-ins", () => {
    expect(goalProgress({ metric: "OTHER", targetValue: null, targetText: "Joins a club" }, facts(), d("2026-12-01")).state).toBe("unknown");
  });
});

describe("targetWords", () => {
  it("says each target in words", () => {
    expect(targetWords({ metric: "ATTENDANCE_RATE", targetValue: 90, targetText: "" })).toBe("Attendance at or above 90%");
    expect(targetWords({ metric: "CREDITS_EARNED", targetValue: 1, targetText: "by June" })).toBe("At least 1 credit earned (by June)");
    expect(targetWords({ metric: "SUSPENSIONS", targetValue: 0, targetText: "" })).toBe("No suspensions this year");
    expect(targetWords({ metric: "COURSE_ON_PACE", targetValue: null, targetText: "" }, "Biology")).toBe("Biology on pace (or completed)");
    expect(targetWords({ metric: "OTHER", targetValue: null, targetText: "Joins a club" })).toBe("Joins a club");
  });
});

describe("followUpState", () => {
  const today = d("2026-12-01");
  it("is overdue before today, due today, nothing after, for an active plan", () => {
    expect(followUpState({ status: "ACTIVE", nextFollowUp: d("2026-11-30") }, today)).toBe("overdue");
    expect(followUpState({ status: "ACTIVE", nextFollowUp: d("2026-12-01") }, today)).toBe("due");
    expect(followUpState({ status: "ACTIVE", nextFollowUp: d("2026-12-02") }, today)).toBeNull();
    expect(followUpState({ status: "ACTIVE", nextFollowUp: null }, today)).toBeNull();
  });
  it("a closed plan has no follow-up, however late", () => {
    expect(followUpState({ status: "MET", nextFollowUp: d("2026-10-01") }, today)).toBeNull();
    expect(followUpState({ status: "DISCONTINUED", nextFollowUp: d("2026-10-01") }, today)).toBeNull();
  });
});

describe("riskSpans", () => {
  const snap = (day: string, level: "LOW" | "MODERATE" | "HIGH", reasons: string[] = []) => ({ day: d(day), level, reasons });
  const iso = (x: Date | null) => x?.toISOString().slice(0, 10) ?? null;
  it("each change row starts a span to the day before the next; a repeating row continues it; events before the history get a span without a level", () => {
    const spans = riskSpans(
      [
        snap("2026-11-05", "MODERATE", ["ATTENDANCE"]),
        snap("2026-11-01", "HIGH", ["ATTENDANCE_CRITICAL"]),
        snap("2026-11-03", "HIGH", ["ATTENDANCE_CRITICAL"]),
        snap("2026-11-20", "LOW"),
      ],
      [
        { day: d("2026-10-20"), label: "Plan started" },
        { day: d("2026-11-04"), label: "Check-in" },
        { day: d("2026-11-05"), label: "Check-in" },
        { day: d("2026-11-30"), label: "Plan closed" },
      ],
    );
    expect(spans.map((s) => [iso(s.from), iso(s.to), s.level, s.events.map((e) => e.label)])).toEqual([
      ["2026-10-20", "2026-10-31", null, ["Plan started"]],
      ["2026-11-01", "2026-11-04", "HIGH", ["Check-in"]],
      ["2026-11-05", "2026-11-19", "MODERATE", ["Check-in"]],
      ["2026-11-20", null, "LOW", ["Plan closed"]],
    ]);
  });
  it("a change of reasons at the same level starts a new span; no rows, no spans", () => {
    expect(riskSpans([snap("2026-11-01", "MODERATE", ["a"]), snap("2026-11-02", "MODERATE", ["b"])], []).length).toBe(2);
    expect(riskSpans([], [{ day: d("2026-11-01"), label: "Plan started" }])).toEqual([]);
  });
});
