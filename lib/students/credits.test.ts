import { describe, expect, it } from "vitest";
import {
  ANY_SUBJECT,
  auditLineLabel,
  creditNumber,
  creditsBehindOnTrack,
  creditsStillNeeded,
  creditsStillNeededAfterOnPace,
  creditsText,
  graduationAudit,
  onTrackCredits,
  type AuditLine,
  type EarnedFacts,
  type InProgressFacts,
  type SubjectArea,
} from "./credits";

// The demo district's requirements (prisma/seed/seed.ts): 17 credits in areas, 22 for the diploma,
// so 5 count in any subject.
const DEMO: { subjectArea: SubjectArea; credits: number }[] = [
  { subjectArea: "ENGLISH", credits: 4 },
  { subjectArea: "MATHEMATICS", credits: 4 },
  { subjectArea: "SCIENCE", credits: 3 },
  { subjectArea: "HISTORY_SOCIAL_STUDIES", credits: 3 },
  { subjectArea: "WORLD_LANGUAGE", credits: 2 },
  { subjectArea: "ARTS", credits: 1 },
];
const e = (subjectArea: SubjectArea, creditsEarned: number): EarnedFacts => ({ subjectArea, creditsEarned });
const p = (subjectArea: SubjectArea, credits: number): InProgressFacts => ({ subjectArea, credits });
/** [area, required, earned, in progress, still needed, after in progress] */
const rows = (lines: AuditLine[]) => lines.map((l) => [l.area, l.required, l.earned, l.inProgress, l.stillNeeded, l.stillNeededAfterInProgress]);
const COLUMNS = ["required", "earned", "inProgress", "stillNeeded", "stillNeededAfterInProgress"] as const;

describe("credits in words and numbers", () => {
  it.each([
    [1, "1 credit"],
    [0.5, "0.5 credit"],
    [2, "2 credits"],
    [5.5, "5.5 credits"],
    [0, "0 credits"],
    [18, "18 credits"],
    [0.25, "0.25 credit"],
    [1.5, "1.5 credits"],
    [17.499999999, "17.5 credits"],
    [1.0000001, "1 credit"],
  ])("%d → %s", (n, words) => expect(creditsText(n)).toBe(words));
  it.each([
    [1, "1"],
    [4, "4"],
    [0.5, "0.5"],
    [5.5, "5.5"],
    [0, "0"],
    [16.499999, "16.5"],
  ])("%d → %s in a table cell", (n, cell) => expect(creditNumber(n)).toBe(cell));
});

describe("credits behind the on-track line", () => {
  it.each([
    [9, 0],
    [10, 5.5],
    [11, 11],
    [12, 16.5],
    [13, 22],
  ])("line for grade %d → %d", (g, c) => expect(onTrackCredits(g, 22)).toBe(c));
  it.each([
    ["grade 10 with 4 (the issue's student)", 10, 4, 1.5],
    ["exactly on the line", 10, 5.5, 0],
    ["ahead of the line", 11, 14, 0],
    ["grade 9: no line yet", 9, 0, 0],
    ["grade 12 with 10", 12, 10, 6.5],
  ])("%s", (_n, grade, earned, behind) => expect(creditsBehindOnTrack(grade, 22, earned)).toBe(behind));
});

describe("graduation audit: the rows add up to the total", () => {
  it("the issue's student (4 earned, 0.5 in progress): still needed 18, 17.5 after courses in progress", () => {
    const a = graduationAudit(DEMO, 22, [e("ENGLISH", 2), e("MATHEMATICS", 1), e("ARTS", 1)], [p("MATHEMATICS", 0.5)]);
    expect(rows(a.lines)).toEqual([
      ["ENGLISH", 4, 2, 0, 2, 2],
      ["MATHEMATICS", 4, 1, 0.5, 3, 2.5],
      ["SCIENCE", 3, 0, 0, 3, 3],
      ["HISTORY_SOCIAL_STUDIES", 3, 0, 0, 3, 3],
      ["WORLD_LANGUAGE", 2, 0, 0, 2, 2],
      ["ARTS", 1, 1, 0, 0, 0],
      [ANY_SUBJECT, 5, 0, 0, 5, 5],
    ]);
    expect(a.total).toEqual({ required: 22, earned: 4, inProgress: 0.5, stillNeeded: 18, stillNeededAfterInProgress: 17.5 });
  });

  it("surplus math credits count in the any-subject row", () => {
    // Math 6 of 4: 4 count toward mathematics, 2 toward any subject with the 2 electives → 4 of 5.
    const a = graduationAudit(
      DEMO,
      22,
      [e("ENGLISH", 4), e("MATHEMATICS", 6), e("SCIENCE", 3), e("HISTORY_SOCIAL_STUDIES", 3), e("WORLD_LANGUAGE", 2), e("ARTS", 1), e("ELECTIVE", 2)],
      [],
    );
    expect(rows(a.lines)[1]).toEqual(["MATHEMATICS", 4, 4, 0, 0, 0]);
    expect(rows(a.lines)[6]).toEqual([ANY_SUBJECT, 5, 4, 0, 1, 1]);
    expect(a.total).toEqual({ required: 22, earned: 21, inProgress: 0, stillNeeded: 1, stillNeededAfterInProgress: 1 });
  });

  it("electives only: they fill the any-subject row, never an area (still needed 17, more than 22 − 10)", () => {
    const a = graduationAudit(DEMO, 22, [e("ELECTIVE", 10)], [p("ELECTIVE", 1)]);
    expect(rows(a.lines)[6]).toEqual([ANY_SUBJECT, 5, 10, 1, 0, 0]);
    expect(a.lines.slice(0, 6).map((l) => l.stillNeeded)).toEqual([4, 4, 3, 3, 2, 1]);
    expect(a.total).toEqual({ required: 22, earned: 10, inProgress: 1, stillNeeded: 17, stillNeededAfterInProgress: 17 });
  });

  it("a district whose area requirements exceed the diploma credits needs all of them", () => {
    const reqs: { subjectArea: SubjectArea; credits: number }[] = [
      { subjectArea: "ENGLISH", credits: 4 },
      { subjectArea: "MATHEMATICS", credits: 4 },
      { subjectArea: "SCIENCE", credits: 3 },
    ];
    const a = graduationAudit(reqs, 10, [e("ENGLISH", 4), e("ELECTIVE", 2)], []);
    expect(rows(a.lines)).toEqual([
      ["ENGLISH", 4, 4, 0, 0, 0],
      ["MATHEMATICS", 4, 0, 0, 4, 4],
      ["SCIENCE", 3, 0, 0, 3, 3],
      [ANY_SUBJECT, 0, 2, 0, 0, 0],
    ]);
    expect(a.total).toMatchObject({ required: 11, earned: 6, stillNeeded: 7 });
    expect(a).toMatchObject({ diplomaCredits: 10, areasExceedDiploma: true });
  });

  it("courses in progress fill their own area first, the rest the any-subject row", () => {
    const a = graduationAudit(DEMO, 22, [e("MATHEMATICS", 3)], [p("MATHEMATICS", 1), p("MATHEMATICS", 1), p("ARTS", 0.5)]);
    expect(rows(a.lines)[1]).toEqual(["MATHEMATICS", 4, 3, 1, 1, 0]);
    expect(rows(a.lines)[5]).toEqual(["ARTS", 1, 0, 0.5, 1, 0.5]);
    expect(rows(a.lines)[6]).toEqual([ANY_SUBJECT, 5, 0, 1, 5, 4]);
    expect(a.total).toEqual({ required: 22, earned: 3, inProgress: 2.5, stillNeeded: 19, stillNeededAfterInProgress: 16.5 });
  });

  it("still needed after on-pace courses counts the courses in progress not behind pace only", () => {
    // Math 3 earned (19 still needed); Algebra II (1, on pace) and Art (0.5, behind pace) in
    // progress: still needed after courses in progress 17.5, after on-pace courses 18 (the Art half
    // credit behind pace is not counted as coming in).
    const earned = [e("MATHEMATICS", 3)];
    const active = [
      { ...p("MATHEMATICS", 1), behindPace: false },
      { ...p("ARTS", 0.5), behindPace: true },
    ];
    expect(graduationAudit(DEMO, 22, earned, active).total.stillNeededAfterInProgress).toBe(17.5);
    expect(creditsStillNeededAfterOnPace(DEMO, 22, earned, active)).toBe(18);
    expect(
      creditsStillNeededAfterOnPace(
        DEMO,
        22,
        earned,
        active.map((c) => ({ ...c, behindPace: false })),
      ),
    ).toBe(17.5);
  });

  it("an ELECTIVE requirement is a row of its own; zero-credit requirements are no row", () => {
    const a = graduationAudit(
      [
        { subjectArea: "ENGLISH", credits: 4 },
        { subjectArea: "ELECTIVE", credits: 2 },
        { subjectArea: "ARTS", credits: 0 },
      ],
      10,
      [e("ELECTIVE", 3), e("ARTS", 1)],
      [],
    );
    expect(rows(a.lines)).toEqual([
      ["ENGLISH", 4, 0, 0, 4, 4],
      ["ELECTIVE", 2, 2, 0, 0, 0],
      [ANY_SUBJECT, 4, 2, 0, 2, 2],
    ]);
    expect(auditLineLabel(ANY_SUBJECT)).toBe("Electives / any subject");
    expect(auditLineLabel("ELECTIVE")).toBe("Electives");
  });

  it("for any transcript, every column's rows add up to its total; still needed is never below diploma − earned", () => {
    // A deterministic sweep of transcripts (half credits, every area, with and without progress).
    const areas: SubjectArea[] = ["ENGLISH", "MATHEMATICS", "SCIENCE", "HISTORY_SOCIAL_STUDIES", "WORLD_LANGUAGE", "ARTS", "ELECTIVE"];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 300; n++) {
      const earned = areas.map((a) => e(a, Math.floor(next() * 14) / 2));
      const prog = areas.filter(() => next() < 0.3).map((a) => p(a, Math.floor(next() * 3) / 2));
      const a = graduationAudit(DEMO, 22, earned, prog);
      for (const k of COLUMNS) expect(a.lines.reduce((s, l) => s + l[k], 0)).toBeCloseTo(a.total[k], 9);
      const total = earned.reduce((s, x) => s + x.creditsEarned, 0);
      expect(a.total.earned).toBeCloseTo(total, 9);
      expect(a.total.stillNeeded).toBeGreaterThanOrEqual(Math.max(0, 22 - total) - 1e-9);
      expect(a.total.stillNeededAfterInProgress).toBeLessThanOrEqual(a.total.stillNeeded);
      expect(creditsStillNeeded(DEMO, 22, earned)).toBe(a.total.stillNeeded);
    }
  });
});
