import { describe, expect, it } from "vitest";
import { baselineDay, rankToday, reasonsFor, type TodayFacts } from "./rules";
import type { Risk } from "../students/rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const TODAY = d("2026-12-07"); // a Monday
const risk = (level: Risk["level"], codes: string[] = []): Risk => ({
  level,
  reasons: codes.map((code) => ({ code: code as Risk["reasons"][number]["code"], label: code, brief: code })),
});

function student(over: Partial<TodayFacts> & { id: string }): TodayFacts {
  return {
    name: `Student ${over.id}`,
    sisId: over.id,
    gradeLevel: 10,
    counselorName: "Ms. Counselor",
    risk: risk("LOW"),
    creditsStillNeeded: 0,
    creditsRequired: 22,
    courses: [],
    lastContactDay: d("2026-12-01"),
    followUps: [],
    baseline: null,
    levelSince: null,
    reengagedOn: null,
    ...over,
  };
}

describe("baselineDay", () => {
  it("is a week ago when the last visit was more recent", () => {
    expect(baselineDay(TODAY, d("2026-12-04"))).toEqual(d("2026-11-30"));
  });
  it("is the last visit when that was longer ago than a week", () => {
    expect(baselineDay(TODAY, d("2026-11-20"))).toEqual(d("2026-11-20"));
  });
  it("is a week ago for a first visit", () => {
    expect(baselineDay(TODAY, null)).toEqual(d("2026-11-30"));
  });
});

describe("risk change detection from a history", () => {
  it("moderate a week ago and high now is newly high, since the day it changed", () => {
    const f = student({
      id: "a",
      risk: risk("HIGH", ["ATTENDANCE_CRITICAL"]),
      baseline: { day: d("2026-11-28"), level: "MODERATE", reasons: ["ATTENDANCE"], behindCourses: 0 },
      levelSince: d("2026-12-03"),
    });
    const r = reasonsFor(f, TODAY).find((x) => x.code === "NEWLY_HIGH");
    expect(r?.text).toBe("High risk since Dec 3, 2026 (was moderate on Nov 28, 2026)");
    expect(r?.key).toBe("2026-12-03");
  });
  it("high a week ago and still high is not newly high", () => {
    const f = student({ id: "b", risk: risk("HIGH"), baseline: { day: d("2026-11-30"), level: "HIGH", reasons: [], behindCourses: 0 } });
    expect(reasonsFor(f, TODAY).map((x) => x.code)).not.toContain("NEWLY_HIGH");
  });
  it("no history before the baseline is never newly anything", () => {
    const f = student({ id: "c", risk: risk("HIGH"), courses: [{ id: "e1", title: "Algebra I", pace: "BEHIND", targetDate: d("2027-03-01"), daysInactive: 2 }] });
    const codes = reasonsFor(f, TODAY).map((x) => x.code);
    expect(codes).not.toContain("NEWLY_HIGH");
    expect(codes).not.toContain("NEWLY_BEHIND");
  });
  it("behind in more courses than at the baseline is newly behind; as many is not", () => {
    const behind = { id: "e1", title: "Algebra I", pace: "BEHIND" as const, targetDate: d("2027-03-01"), daysInactive: 1 };
    const base = { day: d("2026-11-30"), level: "MODERATE" as const, reasons: [], behindCourses: 0 };
    expect(reasonsFor(student({ id: "d", risk: risk("MODERATE"), courses: [behind], baseline: base }), TODAY).map((x) => x.code)).toContain("NEWLY_BEHIND");
    expect(reasonsFor(student({ id: "e", risk: risk("MODERATE"), courses: [behind], baseline: { ...base, behindCourses: 1 } }), TODAY).map((x) => x.code)).not.toContain(
      "NEWLY_BEHIND",
    );
  });
});

describe("reasons", () => {
  it("a follow-up due today and one three days overdue", () => {
    const f = student({
      id: "f",
      followUps: [
        { planId: "p1", type: "attendance", nextFollowUp: d("2026-12-07") },
        { planId: "p2", type: "credit recovery", nextFollowUp: d("2026-12-04") },
      ],
    });
    const rs = reasonsFor(f, TODAY);
    expect(rs.find((r) => r.code === "FOLLOW_UP_DUE")?.key).toBe("p1:2026-12-07");
    expect(rs.find((r) => r.code === "FOLLOW_UP_OVERDUE")?.text).toBe("Follow-up of the credit recovery plan was due Dec 4, 2026 (3 days ago)");
  });
  it("a course ending in 10 days behind pace, one ending in 20 days is not", () => {
    const f = student({
      id: "g",
      courses: [
        { id: "e1", title: "Biology", pace: "BEHIND", targetDate: d("2026-12-17"), daysInactive: 0 },
        { id: "e2", title: "English 10", pace: "BEHIND", targetDate: d("2026-12-27"), daysInactive: 0 },
        { id: "e3", title: "Geometry", pace: "ON_PACE", targetDate: d("2026-12-10"), daysInactive: 0 },
      ],
    });
    const ending = reasonsFor(f, TODAY).filter((r) => r.code === "ENDING_NOT_ON_PACE");
    expect(ending.map((r) => r.key)).toEqual(["e1"]);
    expect(ending[0].text).toBe("Biology ends Dec 17, 2026 (10 days) and is behind pace");
  });
  it("a course past its end date and behind ranks before one ending soon", () => {
    const f = student({
      id: "g2",
      courses: [
        { id: "e1", title: "Biology", pace: "BEHIND", targetDate: d("2026-12-17"), daysInactive: 0 },
        { id: "e2", title: "Algebra I", pace: "BEHIND", targetDate: d("2026-12-04"), daysInactive: 0 },
      ],
    });
    const ending = reasonsFor(f, TODAY)
      .filter((r) => r.code === "ENDING_NOT_ON_PACE")
      .sort((a, b) => b.urgency - a.urgency);
    expect(ending.map((r) => r.text)).toEqual(["Algebra I was to end Dec 4, 2026 (3 days ago) and is not complete", "Biology ends Dec 17, 2026 (10 days) and is behind pace"]);
  });
  it("a course idle for exactly 7 days counts; 6 does not", () => {
    const f = student({
      id: "h",
      courses: [
        { id: "e1", title: "Chemistry", pace: "ON_PACE", targetDate: d("2027-05-01"), daysInactive: 7 },
        { id: "e2", title: "Art", pace: "ON_PACE", targetDate: d("2027-05-01"), daysInactive: 6 },
      ],
    });
    const idle = reasonsFor(f, TODAY).filter((r) => r.code === "COURSE_INACTIVE");
    expect(idle.map((r) => r.key)).toEqual(["e1:2026-11-30"]);
  });
  it("a senior short of more than a year's load (22 ÷ 4 = 5.5 credits)", () => {
    expect(reasonsFor(student({ id: "i", gradeLevel: 12, creditsStillNeeded: 6 }), TODAY).map((r) => r.code)).toContain("SENIOR_SHORT");
    // The text adds what the label ("Senior short of credits for June") does not: how many, against what.
    expect(reasonsFor(student({ id: "i", gradeLevel: 12, creditsStillNeeded: 6 }), TODAY).find((r) => r.code === "SENIOR_SHORT")?.text).toBe(
      "Still needs 6 credits to graduate in June, more than a year's load (5.5 credits)",
    );
    expect(reasonsFor(student({ id: "j", gradeLevel: 12, creditsStillNeeded: 5.5 }), TODAY).map((r) => r.code)).not.toContain("SENIOR_SHORT");
    expect(reasonsFor(student({ id: "k", gradeLevel: 11, creditsStillNeeded: 12 }), TODAY).map((r) => r.code)).not.toContain("SENIOR_SHORT");
  });
  it("no contact in 30 days only at moderate or high risk", () => {
    expect(reasonsFor(student({ id: "l", risk: risk("MODERATE"), lastContactDay: d("2026-11-06") }), TODAY).map((r) => r.code)).toContain("NO_CONTACT"); // 31 days
    expect(reasonsFor(student({ id: "m", risk: risk("MODERATE"), lastContactDay: d("2026-11-07") }), TODAY).map((r) => r.code)).not.toContain("NO_CONTACT"); // 30 days
    expect(reasonsFor(student({ id: "n", risk: risk("LOW"), lastContactDay: null }), TODAY)).toEqual([]);
    expect(reasonsFor(student({ id: "o", risk: risk("HIGH"), lastContactDay: null }), TODAY).find((r) => r.code === "NO_CONTACT")?.text).toBe("No note or family contact yet");
  });
  it("re-engaged within 14 days", () => {
    expect(reasonsFor(student({ id: "p", reengagedOn: { eventId: "ev1", day: d("2026-11-23") } }), TODAY).map((r) => r.code)).toEqual(["REENGAGED"]);
    expect(reasonsFor(student({ id: "q", reengagedOn: { eventId: "ev1", day: d("2026-11-22") } }), TODAY)).toEqual([]);
  });
});

describe("rankToday", () => {
  const high = { day: d("2026-11-30"), level: "MODERATE" as const, reasons: [], behindCourses: 0 };
  const facts = [
    student({ id: "quiet" }),
    student({ id: "nocontact", name: "Ana", risk: risk("HIGH"), lastContactDay: null, baseline: { ...high, level: "HIGH" } }),
    student({ id: "newhigh", risk: risk("HIGH"), baseline: high, levelSince: d("2026-12-05") }),
    student({ id: "overdue1", risk: risk("LOW"), followUps: [{ planId: "p1", type: "other", nextFollowUp: d("2026-12-06") }] }),
    student({ id: "overdue5", risk: risk("LOW"), followUps: [{ planId: "p2", type: "other", nextFollowUp: d("2026-12-02") }] }),
    student({
      id: "overdueHigh",
      risk: risk("HIGH"),
      followUps: [{ planId: "p3", type: "other", nextFollowUp: d("2026-12-06") }],
      baseline: { ...high, level: "HIGH" },
      lastContactDay: d("2026-12-06"),
    }),
  ];

  it("lists each student once, by reason rank, then risk, then urgency; the others as 'also'", () => {
    const list = rankToday(facts, [], TODAY);
    expect(list.map((e) => e.studentId)).toEqual(["overdueHigh", "overdue5", "overdue1", "newhigh", "nocontact"]);
    const nh = list.find((e) => e.studentId === "newhigh")!;
    expect(nh.reason.code).toBe("NEWLY_HIGH");
    expect(nh.also.map((r) => r.code)).toEqual([]);
  });

  it("a dismissal hides that occurrence; the student comes back for the next reason or a new occurrence", () => {
    const dismissals = [{ studentId: "overdue5", reason: "FOLLOW_UP_OVERDUE", key: "p2:2026-12-02", until: null }];
    expect(rankToday(facts, dismissals, TODAY).map((e) => e.studentId)).not.toContain("overdue5");
    const moved = facts.map((f) => (f.id === "overdue5" ? { ...f, followUps: [{ planId: "p2", type: "other", nextFollowUp: d("2026-12-05") }] } : f));
    expect(rankToday(moved, dismissals, TODAY).map((e) => e.studentId)).toContain("overdue5");
  });

  it("a snooze hides it until its day, and it is back on that day", () => {
    const snooze = [{ studentId: "newhigh", reason: "NEWLY_HIGH", key: "2026-12-05", until: d("2026-12-09") }];
    expect(rankToday(facts, snooze, TODAY).map((e) => e.studentId)).not.toContain("newhigh");
    expect(rankToday(facts, snooze, d("2026-12-09")).map((e) => e.studentId)).toContain("newhigh");
  });
});
