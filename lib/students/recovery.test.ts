import { describe, expect, it } from "vitest";
import { isRecovering, recoveryKind, recoveryOffers, recoversCode, replacesLine } from "./recovery";

describe("recoversCode", () => {
  it.each<[string[], string, boolean]>([
    [["MTH101"], "MTH101", true],
    [["MTH101", "MTH102"], "MTH102", true],
    [["mth101"], "MTH101", true], // case-insensitive
    [[" MTH101 "], "MTH101", true], // trimmed
    [["MTH101"], " mth101", true],
    [["MTH102"], "MTH101", false],
    [["MTH1010"], "MTH101", false], // whole code, not a prefix
    [[], "MTH101", false],
    [[""], "", false], // a blank code matches nothing
    [["MTH101"], "   ", false],
  ])("%j recovers %j: %s", (recovers, code, want) => {
    expect(recoversCode(recovers, code)).toBe(want);
  });
});

describe("recoveryOffers", () => {
  const c = (id: string, subjectArea: "MATHEMATICS" | "ENGLISH", recovers: string[], programType = "CREDIT_RECOVERY") => ({ id, subjectArea, programType, recovers });
  const catalog = [
    c("alg2", "MATHEMATICS", ["MTH201"]),
    c("alg1", "MATHEMATICS", ["MTH101", "MTH101H"]),
    c("geo", "MATHEMATICS", ["MTH151"]),
    c("alg1-oc", "MATHEMATICS", ["MTH101"], "ORIGINAL_CREDIT"),
    c("eng9", "ENGLISH", ["ENG101"]),
    c("mathlab", "MATHEMATICS", []),
  ];
  const ids = (o: { replacements: { id: string }[]; others: { id: string }[] }) => ({ replacements: o.replacements.map((x) => x.id), others: o.others.map((x) => x.id) });

  it("offers the courses that recover the failed SIS code first, then the subject's other recovery courses", () => {
    expect(ids(recoveryOffers({ courseCode: "MTH101", subjectArea: "MATHEMATICS" }, catalog))).toEqual({ replacements: ["alg1"], others: ["alg2", "geo", "mathlab"] });
  });
  it("has no replacement when no course names the code, and keeps the subject's courses as others", () => {
    expect(ids(recoveryOffers({ courseCode: "MTH999", subjectArea: "MATHEMATICS" }, catalog))).toEqual({ replacements: [], others: ["alg2", "alg1", "geo", "mathlab"] });
  });
  it("never offers another program type or another subject's course that does not recover the code", () => {
    expect(ids(recoveryOffers({ courseCode: "ENG101", subjectArea: "ENGLISH" }, catalog))).toEqual({ replacements: ["eng9"], others: [] });
  });
  it("counts a course that names the code as a replacement even when its subject area differs", () => {
    const odd = [c("sci-math", "ENGLISH", ["MTH101"])];
    expect(ids(recoveryOffers({ courseCode: "mth101", subjectArea: "MATHEMATICS" }, odd))).toEqual({ replacements: ["sci-math"], others: [] });
  });
});

describe("recoveryKind (what recoveryOffers offers and enrollStudent accepts)", () => {
  const failed = { courseCode: "MTH101", subjectArea: "MATHEMATICS" as const };
  it.each<[string, "MATHEMATICS" | "ENGLISH", string[], "replacement" | "substitute" | null]>([
    ["CREDIT_RECOVERY", "MATHEMATICS", ["mth101"], "replacement"],
    ["CREDIT_RECOVERY", "ENGLISH", ["MTH101"], "replacement"],
    ["CREDIT_RECOVERY", "MATHEMATICS", ["MTH151"], "substitute"],
    ["CREDIT_RECOVERY", "ENGLISH", [], null],
    ["ORIGINAL_CREDIT", "MATHEMATICS", ["MTH101"], null],
    ["ADVANCED_PLACEMENT", "MATHEMATICS", [], null],
  ])("%s course of %s recovering %j: %s", (programType, subjectArea, recovers, want) => {
    expect(recoveryKind(failed, { programType, subjectArea, recovers })).toBe(want);
  });
});

describe("isRecovering", () => {
  it.each([
    ["ACTIVE", true],
    ["COMPLETED", true],
    ["FAILED", false],
    ["WITHDRAWN", false],
  ] as const)("a linked %s enrollment: %s", (status, want) => {
    expect(isRecovering({ replacesId: "t1", status })).toBe(want);
  });
  it("an enrollment linked to no failure recovers nothing", () => expect(isRecovering({ replacesId: null, status: "ACTIVE" })).toBe(false));
});

describe("replacesLine", () => {
  it("says 'Recovers' only for a course that recovers the failed code", () => {
    expect(replacesLine({ courseTitle: "Algebra I", schoolYear: 2024, replacement: true }, { subjectArea: "MATHEMATICS" })).toBe("Recovers Algebra I (2024–25)");
  });
  it("says what a subject substitute earns instead", () => {
    expect(replacesLine({ courseTitle: "Algebra I", schoolYear: 2024, replacement: false }, { subjectArea: "MATHEMATICS" })).toBe(
      "Earns Mathematics credit in place of Algebra I (2024–25) (not a replacement course)",
    );
  });
});
