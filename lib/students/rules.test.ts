import { describe, expect, it } from "vitest";
import { needsAttention, onlineRiskFacts, riskFor, type RiskInputs } from "./rules";
import { recoverableCourses } from "./graduation";

const base: RiskInputs = {
  attendanceRate: 95,
  suspensions: 0,
  coursesFailedThisYear: 0,
  gradeLevel: 10,
  creditsEarned: 6,
  totalCreditsRequired: 22,
  online: [],
};
const codes = (i: Partial<RiskInputs>) => riskFor({ ...base, ...i }).reasons.map((r) => r.code);
const level = (i: Partial<RiskInputs>) => riskFor({ ...base, ...i }).level;
const course = { title: "Algebra I", behindPace: false, daysInactive: 0, masteryFailed: false };

describe("risk flags", () => {
  it.each<[string, Partial<RiskInputs>, string[]]>([
    ["none", {}, []],
    ["attendance exactly 90% is not flagged", { attendanceRate: 90 }, []],
    ["attendance 89.99% → chronically absent", { attendanceRate: 89.99 }, ["ATTENDANCE"]],
    ["attendance exactly 80% is not critical", { attendanceRate: 80 }, ["ATTENDANCE"]],
    ["attendance 79.5% is critical", { attendanceRate: 79.5 }, ["ATTENDANCE_CRITICAL"]],
    ["no attendance data", { attendanceRate: null }, []],
    ["a failed course", { coursesFailedThisYear: 1 }, ["COURSE_FAILED"]],
    ["a suspension", { suspensions: 1 }, ["SUSPENDED"]],
    ["exactly on the line (5.5 in grade 10)", { creditsEarned: 5.5 }, []],
    ["below the line", { creditsEarned: 5 }, ["CREDITS_BEHIND"]],
    ["behind pace", { online: [{ ...course, behindPace: true }] }, ["BEHIND_PACE"]],
    ["inactive 6 days", { online: [{ ...course, daysInactive: 6 }] }, []],
    ["inactive 7 days", { online: [{ ...course, daysInactive: 7 }] }, ["INACTIVE"]],
    ["failed mastery", { online: [{ ...course, masteryFailed: true }] }, ["MASTERY_FAILED"]],
  ])("%s", (_n, i, c) => expect(codes(i)).toEqual(c));

  it("labels say why", () => {
    const r = riskFor({ ...base, gradeLevel: 11, creditsEarned: 7, attendanceRate: 85 });
    expect(r.reasons.map((x) => x.label)).toEqual(["Attendance 85% (below 90%: chronically absent)", "4 credits behind the on-track line (11 credits for grade 11)"]);
    expect(r.reasons.map((x) => x.brief)).toEqual(["Attendance 85%", "4 credits behind"]);
  });

  it("writes credits behind the on-track line in the credit words of every page", () => {
    const label = (gradeLevel: number, creditsEarned: number) => riskFor({ ...base, gradeLevel, creditsEarned }).reasons[0];
    expect(label(10, 4)).toMatchObject({ label: "1.5 credits behind the on-track line (5.5 credits for grade 10)", brief: "1.5 credits behind" });
    expect(label(10, 4.5)).toMatchObject({ label: "1 credit behind the on-track line (5.5 credits for grade 10)", brief: "1 credit behind" });
    expect(label(10, 5)).toMatchObject({ brief: "0.5 credit behind" });
  });

  it("the caseload's brief labels count the courses its columns list", () => {
    const online = [
      { ...course, title: "Algebra I", behindPace: true, daysInactive: 9 },
      { ...course, title: "Biology", behindPace: true, daysInactive: 12, masteryFailed: true },
    ];
    expect(riskFor({ ...base, attendanceRate: 72, online }).reasons.map((x) => x.brief)).toEqual([
      "Attendance 72% (critical)",
      "Behind pace in 2 courses",
      "No online activity in 9 days",
      "Failed a mastery assessment in Biology",
    ]);
  });

  it("inactivity names each idle course, and the brief counts them when another course is active", () => {
    const online = [
      { ...course, title: "Algebra I", daysInactive: 1 },
      { ...course, title: "Biology", daysInactive: 24 },
      { ...course, title: "Health", daysInactive: 8 },
    ];
    const [reason] = riskFor({ ...base, online }).reasons;
    expect(reason.label).toBe("No online activity for 7+ days in Biology (24 days), Health (8 days)");
    expect(reason.brief).toBe("No activity in 2 courses for 8+ days");
    const one = riskFor({ ...base, online: online.slice(0, 2) }).reasons[0];
    expect(one.brief).toBe("No activity in 1 course for 24 days");
  });
});

describe("risk level", () => {
  it.each<[string, Partial<RiskInputs>, string]>([
    ["no flags → low", {}, "LOW"],
    ["one area → moderate", { suspensions: 2 }, "MODERATE"],
    ["two areas → moderate", { suspensions: 2, coursesFailedThisYear: 1 }, "MODERATE"],
    ["three areas → high", { suspensions: 2, coursesFailedThisYear: 1, creditsEarned: 1 }, "HIGH"],
    ["critical attendance alone → high", { attendanceRate: 79 }, "HIGH"],
    ["exactly 80% attendance alone → moderate", { attendanceRate: 80 }, "MODERATE"],
    ["three online flags are one area → moderate", { online: [{ ...course, behindPace: true, daysInactive: 9, masteryFailed: true }] }, "MODERATE"],
    ["online + attendance + credits → high", { attendanceRate: 85, creditsEarned: 2, online: [{ ...course, behindPace: true }] }, "HIGH"],
  ])("%s", (_n, i, l) => expect(level(i)).toBe(l));
});

describe("failed courses to recover", () => {
  it("offers failed courses not yet recovered", () => {
    const t = [
      { id: "f1", subjectArea: "ENGLISH" as const, creditsAttempted: 1, creditsEarned: 0 },
      { id: "f2", subjectArea: "ENGLISH" as const, creditsAttempted: 1, creditsEarned: 0 },
      { id: "p", subjectArea: "ENGLISH" as const, creditsAttempted: 1, creditsEarned: 1 },
      { id: "w", subjectArea: "ENGLISH" as const, creditsAttempted: 0, creditsEarned: 0 },
    ];
    expect(recoverableCourses(t, new Set(["f2"])).map((x) => x.id)).toEqual(["f1"]);
  });
});

describe("needs attention", () => {
  const asOf = new Date("2026-10-31T12:00:00Z");
  it.each<[string, "LOW" | "MODERATE" | "HIGH", string | null, boolean]>([
    ["low risk never", "LOW", null, false],
    ["moderate, never noted", "MODERATE", null, true],
    ["high, noted 10 days ago", "HIGH", "2026-10-21T12:00:00Z", false],
    ["high, noted exactly 30 days ago", "HIGH", "2026-10-01T12:00:00Z", false],
    ["high, noted 31 days ago", "HIGH", "2026-09-30T12:00:00Z", true],
  ])("%s", (_n, level, note, out) => expect(needsAttention(level, note ? new Date(note) : null, asOf)).toBe(out));
});

describe("online risk facts", () => {
  it("derives pace and inactivity as of a date", () => {
    const d = (s: string) => new Date(`${s}T00:00:00Z`);
    // 100-day course, day 50 → expected 50; progress 40 is behind; last result 10 days ago.
    expect(
      onlineRiskFacts(
        { title: "Bio", progress: 40, startDate: d("2026-09-01"), targetDate: d("2026-12-10"), lastActivityOn: d("2026-10-11"), masteryFailed: false },
        d("2026-10-21"),
      ),
    ).toEqual({ title: "Bio", behindPace: true, daysInactive: 10, masteryFailed: false });
  });
});
