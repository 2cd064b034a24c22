import { describe, expect, it } from "vitest";
import { primaryReason, rankedReasons, REASON_ORDER } from "./rules";
import { riskFor, type RiskReason, type RiskReasonCode } from "@/lib/students/rules";

const reason = (code: RiskReasonCode): RiskReason => ({ code, label: code, brief: code });
const risk = (...codes: RiskReasonCode[]) => ({ reasons: codes.map(reason) });

describe("primaryReason", () => {
  it.each<[string, RiskReasonCode[], RiskReasonCode | null]>([
    ["no reason → none (low risk)", [], null],
    ["a single reason is the primary one", ["SUSPENDED"], "SUSPENDED"],
    ["critical attendance beats everything", ["SUSPENDED", "CREDITS_BEHIND", "INACTIVE", "ATTENDANCE_CRITICAL"], "ATTENDANCE_CRITICAL"],
    ["inactive beats behind pace", ["BEHIND_PACE", "INACTIVE"], "INACTIVE"],
    ["behind pace beats a failed mastery assessment", ["MASTERY_FAILED", "BEHIND_PACE"], "BEHIND_PACE"],
    ["online flags beat credits behind", ["CREDITS_BEHIND", "MASTERY_FAILED"], "MASTERY_FAILED"],
    ["credits behind beats a failed course", ["COURSE_FAILED", "CREDITS_BEHIND"], "CREDITS_BEHIND"],
    ["a failed course beats chronic attendance", ["ATTENDANCE", "COURSE_FAILED"], "COURSE_FAILED"],
    ["chronic attendance beats a suspension", ["SUSPENDED", "ATTENDANCE"], "ATTENDANCE"],
  ])("%s", (_, codes, want) => {
    expect(primaryReason(risk(...codes))?.code ?? null).toBe(want);
  });

  it("orders every reason code exactly once", () => {
    const all: RiskReasonCode[] = ["ATTENDANCE_CRITICAL", "ATTENDANCE", "COURSE_FAILED", "SUSPENDED", "CREDITS_BEHIND", "BEHIND_PACE", "INACTIVE", "MASTERY_FAILED"];
    expect([...REASON_ORDER].sort()).toEqual([...all].sort());
  });

  it("ranks the rest for the disclosure without changing the input", () => {
    const r = risk("SUSPENDED", "ATTENDANCE", "BEHIND_PACE");
    expect(rankedReasons(r).map((x) => x.code)).toEqual(["BEHIND_PACE", "ATTENDANCE", "SUSPENDED"]);
    expect(r.reasons.map((x) => x.code)).toEqual(["SUSPENDED", "ATTENDANCE", "BEHIND_PACE"]);
  });

  it("works on the risk rule's own output", () => {
    const r = riskFor({
      attendanceRate: 85,
      suspensions: 1,
      coursesFailedThisYear: 0,
      gradeLevel: 11,
      creditsEarned: 3,
      totalCreditsRequired: 22,
      online: [{ title: "Biology", behindPace: true, daysInactive: 2, masteryFailed: false }],
    });
    expect(primaryReason(r)?.code).toBe("BEHIND_PACE");
    expect(rankedReasons(r).map((x) => x.code)).toEqual(["BEHIND_PACE", "CREDITS_BEHIND", "ATTENDANCE", "SUSPENDED"]);
  });
});
