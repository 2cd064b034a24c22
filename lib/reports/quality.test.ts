import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { audit, decide, disclose, disclosureCell, type Decision, type DisclosureTable } from "./disclosure";
import { tableDigest } from "./table-digest";
import { nearParts, warmStarts, warmStartsFrom } from "./disclosure-audit";
import { DISTRICT, publishUnits, unitsTable } from "./published";
import {
  FIGURE_NAMES,
  byDecisionOrder,
  publishQuality,
  publishQualityGroups,
  rowKey,
  qualityTables,
  tableRow,
  zeroCounts,
  type DecidedRow,
  type QualityCounts,
  type QualityGroupCell,
  type QualityInput,
} from "./quality";

// Hand-built rows of one provider "P" and program type credit recovery: courses c1 and c2, their
// program × provider row, the provider's and the program's rows, and the total.
function row(ids: Partial<Pick<QualityInput, "courseId" | "providerId" | "programType" | "schoolId">>, c: Partial<QualityCounts>): QualityInput {
  return {
    ...zeroCounts(),
    schoolId: "A",
    courseId: null,
    providerId: null,
    programType: null,
    daysP25: null,
    daysMedian: null,
    daysP75: null,
    secondsMedian: null,
    ...ids,
    ...c,
  };
}
const CR = "CREDIT_RECOVERY" as const;
/** Every row kind of one unit whose two courses have these counts (students, ended = passed + failed). */
function unit(school: string | null, c1: Partial<QualityCounts>, c2: Partial<QualityCounts>): QualityInput[] {
  const add = (k: keyof QualityCounts) => (c1[k] ?? 0) + (c2[k] ?? 0);
  const keys = new Set([...Object.keys(c1), ...Object.keys(c2)] as (keyof QualityCounts)[]);
  const sum = Object.fromEntries([...keys].map((k) => [k, add(k)])) as Partial<QualityCounts>;
  return [
    row({ schoolId: school, courseId: "c1", providerId: "P", programType: CR }, c1),
    row({ schoolId: school, courseId: "c2", providerId: "P", programType: CR }, c2),
    row({ schoolId: school, providerId: "P", programType: CR }, sum),
    row({ schoolId: school, providerId: "P" }, sum),
    row({ schoolId: school, programType: CR }, sum),
    row({ schoolId: school }, sum),
  ];
}
const noLeak = (units: Map<string, QualityInput[]>, district: boolean, fixed?: (u: string, r: QualityInput) => Decision | undefined) => {
  const t = qualityTables(units, district, fixed);
  const main = disclose(t.main);
  expect(audit(t.main, main)).toEqual([]);
  for (const name of FIGURE_NAMES) {
    const ft = t.figure(name, main);
    expect(audit(ft, disclose(ft))).toEqual([]);
  }
  return { t, main };
};
const names = {
  provider: new Map([["P", "Provider P"]]),
  course: new Map([
    ["c1", "Course 1"],
    ["c2", "Course 2"],
  ]),
};

describe("publishQuality", () => {
  it("hides a course of 3 students and one more row, so its counts cannot be worked out", () => {
    const units = new Map([
      ["A", unit("A", { students: 20, completers: 12, passed: 12, failed: 8, tooFast: 3 }, { students: 3, completers: 2, passed: 2, failed: 1, tooFast: 1 })],
    ]);
    const { main, t } = noLeak(units, false);
    const state = (course: string | null, kind = "course") =>
      main[t.rows.findIndex(({ r }) => (kind === "course" ? r.courseId === course : !r.courseId && !r.providerId && !r.programType))].state;
    expect(state("c2")).toBe("suppressed");
    // c1 shown with its parents would give c2 away (parent − c1): c1 or every parent is hidden.
    expect(state("c1") === "suppressed" || state(null, "total") === "suppressed").toBe(true);
  });

  it("shows every row of courses large enough, and each further figure beside it", () => {
    const units = new Map([
      [
        "A",
        unit(
          "A",
          { students: 40, completers: 20, passed: 20, failed: 10, tooFast: 4, overridden: 2 },
          { students: 30, completers: 15, passed: 15, failed: 10, tooFast: 5, overridden: 3 },
        ),
      ],
    ]);
    const out = publishQuality(units, false).get("A")!;
    const c1 = out.find((d) => d.input.courseId === "c1")!;
    const r = tableRow(c1, names, { byProvider: new Map(), total: null });
    // 20 passed of 30 ended: 66.7%; pass rate = passed ÷ (passed + failed) = the same here.
    expect(r).toMatchObject({ label: "Course 1", students: 40, ended: 30, passed: 20, completionRate: 66.7, passRate: 66.7, suppression: "none" });
    expect(r.tooFast).toEqual({ count: 4, rate: 20, coded: null });
    expect(r.overridden).toEqual({ count: 2, rate: 10, coded: null });
    expect(r.graduated).toEqual({ count: null, rate: null, coded: { op: "≤", bound: 5 } });
    noLeak(units, false);
  });

  it("protects a rare count by hiding counts of that outcome, not the rows that hold it", () => {
    // Overrides are rare: course 1 has 2, course 2 none. Every sum of the unit shows 2, so course 2's
    // "≤ 5%" would be worked out as exactly 0 (2 − 2). The policy hides course 1's count of overrides
    // (and whatever else gives it away); no row loses its other counts. (Before: whole rows hidden
    // in turn, which at 30 schools hid 1,318 of 1,642 rows of the district's quality view.)
    const units = new Map([
      [
        "A",
        unit(
          "A",
          { students: 30, completers: 20, passed: 20, failed: 10, tooFast: 5, overridden: 2, graduated: 8 },
          { students: 30, completers: 20, passed: 20, failed: 10, tooFast: 4, overridden: 0, graduated: 9 },
        ),
      ],
    ]);
    const out = publishQuality(units, false).get("A")!;
    const rows = out.map((d) => tableRow(d, names, { byProvider: new Map(), total: null }));
    expect(rows).toHaveLength(6);
    for (const r of rows) {
      expect(r.suppression, r.key).toBe("none");
      expect(r.graduated.count, r.key).not.toBeNull();
    }
    const c1 = rows.find((r) => r.courseId === "c1")!;
    const c2 = rows.find((r) => r.courseId === "c2")!;
    expect(c1.overridden).toEqual({ count: null, rate: null, coded: null });
    expect(c2.overridden).toEqual({ count: null, rate: null, coded: { op: "≤", bound: 5 } });
    // Too fast goes with overridden (a reader may bound one by the other): hidden beside it, shown elsewhere.
    expect(c1.tooFast).toEqual({ count: null, rate: null, coded: null });
    expect([c2.tooFast.count, c1.graduated.count, c2.graduated.count]).toEqual([4, 8, 9]);
    expect(rows.filter((r) => r.tooFast.count != null)).toHaveLength(5);
    noLeak(units, false);
  });

  it("decides summatives and next course row by row: their counts bound each other", () => {
    // Passed the next course ≤ took it; proctored + unstated ≤ attempts. With one count hidden and
    // the other shown a reader bounds the hidden one (a review's case: X took 7 of 20 and passed 7,
    // Y took 9 of 10 "≥ 90%", the sum 16: X's "took" hidden alone is still ≥ 7 = 16 − Y ≤ 7), which
    // the attack does not model. So only the passed enrollments' outcomes and the state test are
    // rows of separate outcomes, with too fast and overridden hidden together.
    const units = new Map([["A", unit("A", { students: 20, completers: 20, passed: 20 }, { students: 10, completers: 10, passed: 10 })]]);
    const { t, main } = noLeak(units, false);
    for (const name of ["summatives", "nextCourse"] as const)
      expect(
        t.figure(name, main).cells.every((c) => c.parts === undefined && c.together === undefined),
        name,
      ).toBe(true);
    expect(t.figure("passedOutcomes", main).cells.every((c) => c.parts?.length === 0 && JSON.stringify(c.together) === "[[0,1]]")).toBe(true);
    expect(t.figure("stateTest", main).cells.every((c) => c.parts?.length === 0)).toBe(true);
  });

  it("hides every further figure beside a completion rate not shown in full (coded or hidden)", () => {
    const units = new Map([
      ["A", unit("A", { students: 30, completers: 29, passed: 29, failed: 1, tooFast: 10 }, { students: 30, completers: 10, passed: 10, failed: 20, tooFast: 3 })],
    ]);
    const { main, t } = noLeak(units, false);
    const c1 = t.rows.findIndex(({ r }) => r.courseId === "c1");
    // 29 of 30 passed: within one of all, so the rate is coded (or the row hidden).
    expect(main[c1].state === "suppressed" || main[c1].coded[0] !== null).toBe(true);
    for (const name of FIGURE_NAMES) {
      const d = disclose(t.figure(name, main));
      main.forEach((m, i) => {
        if (m.state === "suppressed" || m.coded.some((c) => c !== null)) expect(d[i].state).toBe("suppressed");
      });
    }
    const r = tableRow(
      publishQuality(units, false)
        .get("A")!
        .find((x) => x.input.courseId === "c1")!,
      names,
      { byProvider: new Map(), total: null },
    );
    expect(r).toMatchObject({ passed: null, completionRate: null });
    expect(r.tooFast).toEqual({ count: null, rate: null, coded: null });
  });

  it("the district's rows are the schools' sums, decided together: no leak across schools", () => {
    const a = unit("A", { students: 30, completers: 15, passed: 15, failed: 15, tooFast: 2 }, { students: 4, completers: 2, passed: 2, failed: 2, tooFast: 1 });
    const b = unit("B", { students: 25, completers: 12, passed: 12, failed: 13, tooFast: 5 }, { students: 20, completers: 10, passed: 10, failed: 10, tooFast: 3 });
    const d = unit(null, { students: 55, completers: 27, passed: 27, failed: 28, tooFast: 7 }, { students: 24, completers: 12, passed: 12, failed: 12, tooFast: 4 });
    const { main, t } = noLeak(
      new Map([
        ["A", a],
        ["B", b],
        [DISTRICT, d],
      ]),
      true,
    );
    const at = (unitId: string, course: string) => main[t.rows.findIndex(({ unit, r }) => unit === unitId && r.courseId === course)];
    expect(at("A", "c2").state).toBe("suppressed");
    // District c2 − B's c2 = A's c2: one of them is hidden too.
    expect(at(DISTRICT, "c2").state === "suppressed" || at("B", "c2").state === "suppressed").toBe(true);
  });

  it("keeps a decision published elsewhere (the summary's program table)", () => {
    const units = new Map([["A", unit("A", { students: 40, completers: 20, passed: 20, failed: 20 }, { students: 30, completers: 15, passed: 15, failed: 15 })]]);
    const hidden: Decision = { state: "suppressed" };
    const fixed = (_: string, r: QualityInput) => (!r.courseId && r.programType && r.providerId ? hidden : undefined);
    const { main, t } = noLeak(units, false, fixed);
    expect(main[t.rows.findIndex(({ r }) => !r.courseId && r.programType && r.providerId)].state).toBe("suppressed");
  });

  it("cost per credit: the provider's contract over its credits, on provider rows", () => {
    const units = new Map([["A", [row({ providerId: "P" }, { students: 10, passed: 8, failed: 2, credits: 7.5 }), row({}, { students: 10, passed: 8, failed: 2, credits: 7.5 })]]]);
    const out = publishQuality(units, false).get("A")!;
    const costs = { byProvider: new Map([["P", { cost: 12000, credits: 40 }]]), total: { cost: 12000, credits: 40 } };
    expect(
      tableRow(
        out.find((d) => d.input.providerId === "P")!,
        names,
        costs,
      ),
    ).toMatchObject({ contractCost: 12000, costPerCredit: 300 });
  });
});

describe("publishQualityGroups", () => {
  const demo = (race: "WHITE" | "BLACK_AFRICAN_AMERICAN") => ({ raceEthnicity: race, gender: "FEMALE" as const, specialEducation: false, englishLearner: false, lowIncome: false });
  const cells: QualityGroupCell[] = [
    { ...zeroCounts(), ...demo("WHITE"), schoolId: "A", students: 30, completers: 20, passed: 20, failed: 10, tooFast: 5, overridden: 3, graduated: 8 },
    { ...zeroCounts(), ...demo("BLACK_AFRICAN_AMERICAN"), schoolId: "A", students: 30, completers: 20, passed: 20, failed: 10, tooFast: 4, overridden: 2, graduated: 9 },
  ];
  const bySchool = new Map([["A", cells]]);
  const main = publishUnits(
    new Map([["A", cells.map((c) => ({ ...demo(c.raceEthnicity as "WHITE"), numerator: c.passed, denominator: c.passed + c.failed + c.withdrawn, students: c.students }))]]),
    false,
    false,
    true,
  );
  const all = (totals?: Map<string, DecidedRow>) =>
    publishQualityGroups(bySchool, main, false, totals)
      .get("A")!
      .find((r) => r.key === "all")!;

  it("shows each group's further figures beside its completion rate", () => {
    expect(all()).toMatchObject({ students: 60, passed: 40, completionRate: 66.7, tooFast: { count: 9, rate: 22.5, coded: null } });
  });

  it("keeps the course view's decision for All students (the same enrollments)", () => {
    const hidden: Decision = { state: "suppressed" };
    const open: Decision = { state: "shown", coded: [null, null, null] };
    const total: DecidedRow = { input: row({}, {}), main: open, figures: { passedOutcomes: hidden, summatives: open, nextCourse: open, stateTest: open } };
    expect(all(new Map([["A", total]])).tooFast).toEqual({ count: null, rate: null, coded: null });
  });

  // Race × gender (issue #18: "Black male", "Hispanic or Latino male" …), by hand: four groups of
  // one school, white and Black, female and male.
  type Race = "WHITE" | "BLACK_AFRICAN_AMERICAN";
  const cell = (race: Race, gender: "FEMALE" | "MALE", students: number, passed: number, failed: number, tooFast: number): QualityGroupCell => ({
    ...zeroCounts(),
    raceEthnicity: race,
    gender,
    specialEducation: false,
    englishLearner: false,
    lowIncome: false,
    schoolId: "A",
    students,
    completers: passed,
    passed,
    failed,
    tooFast,
    graduated: Math.floor(passed / 2),
  });
  const rowsOf = (cs: QualityGroupCell[]) => {
    const m = publishUnits(
      new Map([["A", cs.map((c) => ({ ...c, numerator: c.passed, denominator: c.passed + c.failed + c.withdrawn, students: c.students }))]]),
      false,
      false,
      true,
    );
    return new Map(
      publishQualityGroups(new Map([["A", cs]]), m, false)
        .get("A")!
        .map((r) => [r.key, r]),
    );
  };

  it("lists race × gender with its own figures, each intersection beside its race and gender", () => {
    const r = rowsOf([
      cell("WHITE", "FEMALE", 30, 20, 10, 5),
      cell("WHITE", "MALE", 25, 18, 7, 3),
      cell("BLACK_AFRICAN_AMERICAN", "FEMALE", 28, 20, 8, 4),
      cell("BLACK_AFRICAN_AMERICAN", "MALE", 26, 15, 11, 6),
    ]);
    expect(r.get("raceGender:BLACK_AFRICAN_AMERICAN:MALE")).toMatchObject({
      label: "Black or African American male",
      dimension: "raceGender",
      students: 26,
      ended: 26,
      passed: 15,
      completionRate: 57.7, // 15 / 26
      tooFast: { count: 6, rate: 40, coded: null }, // 6 / 15 passed
      graduated: { count: 7, rate: 46.7, coded: null },
    });
    // The summaries' groups read as before: race = its two intersections.
    expect(r.get("race:BLACK_AFRICAN_AMERICAN")).toMatchObject({ students: 54, passed: 35, tooFast: { count: 10, rate: 28.6, coded: null } });
    // An intersection nobody is in reads "—", as a hidden one does.
    expect(r.get("raceGender:ASIAN:MALE")).toMatchObject({ students: null, passed: null, tooFast: { count: null, rate: null, coded: null } });
  });

  it("gives a further figure's denominator only where that figure is shown (the JSON carries it)", () => {
    const withNext = (c: QualityGroupCell, inSequence: number): QualityGroupCell => ({ ...c, inSequence, sequenceStudents: inSequence, tookNext: Math.min(1, inSequence) });
    const r = rowsOf([
      withNext(cell("WHITE", "FEMALE", 30, 20, 10, 5), 3),
      withNext(cell("WHITE", "MALE", 25, 18, 7, 3), 12),
      withNext(cell("BLACK_AFRICAN_AMERICAN", "FEMALE", 28, 20, 8, 4), 12),
      withNext(cell("BLACK_AFRICAN_AMERICAN", "MALE", 26, 15, 11, 6), 12),
    ]);
    const wf = r.get("raceGender:WHITE:FEMALE")!;
    // Its results are shown; its next-course figure (3 completions in a sequence) is not, nor their number.
    expect(wf.students).toBe(30);
    expect({ inSequence: wf.inSequence, tookNext: wf.tookNext }).toEqual({ inSequence: null, tookNext: { count: null, rate: null, coded: null } });
  });

  it("hides a small intersection and a partner in each of its sums, and keeps the summaries' groups", () => {
    const r = rowsOf([
      cell("WHITE", "FEMALE", 30, 20, 10, 5),
      cell("WHITE", "MALE", 3, 2, 1, 1),
      cell("BLACK_AFRICAN_AMERICAN", "FEMALE", 28, 20, 8, 4),
      cell("BLACK_AFRICAN_AMERICAN", "MALE", 26, 15, 11, 6),
    ]);
    const shown = (key: string) => r.get(key)!.students !== null;
    expect(shown("raceGender:WHITE:MALE")).toBe(false);
    // White = white female + white male, male = white male + Black male: neither gives it away.
    expect(shown("race:WHITE") && shown("raceGender:WHITE:FEMALE")).toBe(false);
    expect(shown("gender:MALE") && shown("raceGender:BLACK_AFRICAN_AMERICAN:MALE")).toBe(false);
    // The summaries' decisions are kept: the second table can only hide intersections.
    const before = publishUnits(
      new Map([
        [
          "A",
          [
            cell("WHITE", "FEMALE", 30, 20, 10, 5),
            cell("WHITE", "MALE", 3, 2, 1, 1),
            cell("BLACK_AFRICAN_AMERICAN", "FEMALE", 28, 20, 8, 4),
            cell("BLACK_AFRICAN_AMERICAN", "MALE", 26, 15, 11, 6),
          ].map((c) => ({ ...c, numerator: c.passed, denominator: c.passed + c.failed, students: c.students })),
        ],
      ]),
      false,
      false,
    ).get("A")!;
    for (const [i, row] of before.rows.entries())
      expect({ key: row.key, n: r.get(row.key)!.students }).toEqual({ key: row.key, n: before.decisions[i].state === "shown" ? row.n : null });
  });
});

// SQL returns the GROUPING SETS rows in no set order, and the disclosure policy breaks ties by
// position: two views of the same counts must decide alike whatever order the rows came in, or
// each could hide a different partner and the two together give a small course away.
describe("the order the quality rows come in", () => {
  const COURSES = [
    { courseId: "c1", providerId: "P1", programType: CR },
    { courseId: "c2", providerId: "P1", programType: "ORIGINAL_CREDIT" as const },
    { courseId: "c3", providerId: "P2", programType: CR },
  ];
  type Counts = { students: number; passed: number; failed: number; tooFast: number; graduated: number; overridden?: number };
  const countsArb = fc.record({
    students: fc.integer({ min: 0, max: 12 }),
    passed: fc.integer({ min: 0, max: 12 }),
    failed: fc.integer({ min: 0, max: 4 }),
    tooFast: fc.integer({ min: 0, max: 2 }),
    graduated: fc.integer({ min: 0, max: 6 }),
  });
  /** A school's rows: its courses and every row they add up to, as the query gives them. */
  /** Schools s0, s1, … with these courses' counts, and the district: their sums. */
  const districtOf = (schools: Counts[][]) =>
    new Map<string, QualityInput[]>([
      ...schools.map((c, i) => [`s${i}`, rowsOf(`s${i}`, c)] as [string, QualityInput[]]),
      [
        DISTRICT,
        rowsOf(
          null,
          [0, 1, 2].map((k) => sumCounts(schools.map((c) => c[k]))),
        ),
      ],
    ]);
  const rowsOf = (school: string | null, courses: Counts[]): QualityInput[] => {
    const ofCourse = courses.map((c, i) => {
      const passed = Math.min(c.passed, c.students);
      const failed = Math.min(c.failed, c.students - passed);
      const k = {
        students: c.students,
        completers: passed,
        passed,
        failed,
        tooFast: Math.min(c.tooFast, passed),
        graduated: Math.min(c.graduated, passed),
        overridden: Math.min(c.overridden ?? 0, passed),
      };
      return row({ schoolId: school, ...COURSES[i] }, k);
    });
    const sum = (pick: (r: QualityInput) => boolean, ids: Partial<QualityInput>) => {
      const of = ofCourse.filter(pick);
      const add = (k: keyof QualityCounts) => of.reduce((s, r) => s + r[k], 0);
      return row(
        { schoolId: school, ...ids },
        {
          students: add("students"),
          completers: add("completers"),
          passed: add("passed"),
          failed: add("failed"),
          tooFast: add("tooFast"),
          graduated: add("graduated"),
          overridden: add("overridden"),
        },
      );
    };
    return [
      ...ofCourse,
      sum((r) => r.providerId === "P1" && r.programType === CR, { providerId: "P1", programType: CR }),
      sum((r) => r.providerId === "P1" && r.programType === "ORIGINAL_CREDIT", { providerId: "P1", programType: "ORIGINAL_CREDIT" }),
      sum((r) => r.providerId === "P2", { providerId: "P2", programType: CR }),
      sum((r) => r.providerId === "P1", { providerId: "P1" }),
      sum((r) => r.providerId === "P2", { providerId: "P2" }),
      sum((r) => r.programType === CR, { programType: CR }),
      sum((r) => r.programType === "ORIGINAL_CREDIT", { programType: "ORIGINAL_CREDIT" }),
      sum(() => true, {}),
    ];
  };
  const decisions = (units: Map<string, QualityInput[]>) =>
    Object.fromEntries([...publishQuality(units, true)].flatMap(([unit, rows]) => rows.map((d) => [`${unit} ${rowKey(d.input)}`, { main: d.main, figures: d.figures }])));

  it("decides a unit's rows in the hierarchy's order: total, each program's providers, each provider's courses", () => {
    const rows = rowsOf("A", [
      { students: 8, passed: 6, failed: 1, tooFast: 1, graduated: 2 },
      { students: 7, passed: 5, failed: 1, tooFast: 0, graduated: 3 },
      { students: 9, passed: 7, failed: 1, tooFast: 2, graduated: 1 },
    ]);
    expect([...rows].reverse().sort(byDecisionOrder).map(rowKey)).toEqual([
      "total::",
      "pair:CREDIT_RECOVERY:P1",
      "pair:CREDIT_RECOVERY:P2",
      "program:CREDIT_RECOVERY:",
      "pair:ORIGINAL_CREDIT:P1",
      "program:ORIGINAL_CREDIT:",
      "course:c1:",
      "course:c2:",
      "provider::P1",
      "course:c3:",
      "provider::P2",
    ]);
  });

  it("any shuffle of the schools and of their rows gives the same decisions", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(countsArb, countsArb, countsArb), { minLength: 2, maxLength: 4 }), fc.integer(), (schools, seed) => {
        const ids = schools.map((_, i) => `s${i}`);
        const all = schools.map((c, i) => rowsOf(ids[i], c));
        const district = rowsOf(
          null,
          [0, 1, 2].map((k) => sumCounts(schools.map((c) => c[k]))),
        );
        const units = new Map<string, QualityInput[]>([...ids.map((id, i) => [id, all[i]] as [string, QualityInput[]]), [DISTRICT, district]]);
        let r = seed;
        const shuffle = <T>(xs: readonly T[]): T[] => {
          const out = [...xs];
          for (let i = out.length - 1; i > 0; i--) {
            r = (r * 1103515245 + 12345) & 0x7fffffff;
            const j = r % (i + 1);
            [out[i], out[j]] = [out[j]!, out[i]!];
          }
          return out;
        };
        const shuffled = new Map(shuffle([...units]).map(([id, rows]) => [id, shuffle(rows)]));
        expect(decisions(shuffled)).toEqual(decisions(units));
      }),
      { numRuns: 150, seed: 18 },
    );
  });

  it("rare outcome counts across schools: counts hidden, nothing protected can be worked out", () => {
    // Large courses with overrides 0–2 and too-fast 0–2 (coded "≤" in most rows), as at district
    // scale: whatever the policy hides, the self-attack finds nothing; and it hides counts, so most
    // rows keep their other figures.
    const rare = fc.record({
      students: fc.integer({ min: 6, max: 40 }),
      passed: fc.integer({ min: 6, max: 40 }),
      failed: fc.integer({ min: 0, max: 6 }),
      tooFast: fc.integer({ min: 0, max: 2 }),
      graduated: fc.integer({ min: 0, max: 30 }),
      overridden: fc.integer({ min: 0, max: 2 }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(rare, rare, rare), { minLength: 2, maxLength: 5 }), (schools) => {
        const units = districtOf(schools);
        const { t, main } = noLeak(units, true);
        const outcomes = disclose(t.figure("passedOutcomes", main));
        const hiddenRows = outcomes.filter((d, i) => d.state === "suppressed" && main[i].state === "shown" && main[i].coded.every((c) => c === null)).length;
        expect(hiddenRows).toBeLessThanOrEqual(Math.ceil(outcomes.length / 4));
      }),
      { numRuns: 60, seed: 18 },
    );
  });

  /** A course row with a graduate or two and rare overrides: counts given away through several sums. */
  const rare = fc.record({
    students: fc.integer({ min: 6, max: 30 }),
    passed: fc.integer({ min: 6, max: 30 }),
    failed: fc.integer({ min: 0, max: 4 }),
    tooFast: fc.integer({ min: 0, max: 1 }),
    graduated: fc.integer({ min: 0, max: 4 }),
    overridden: fc.integer({ min: 0, max: 2 }),
  });

  it("counts given away through several sums: the shortest run that protects them, found by doubling", () => {
    // A school's row with a graduate or two is given away by its school's sums and the district's
    // (forcedCounts): counts are hidden until it is not, the shortest run of the order that protects
    // it. The policy finds it attacking runs of 1, 2, 4, … counts, then halving; one more count at a
    // time finds the same run. Some of these districts need runs of more than one count.
    const runs: number[] = [];
    fc.assert(
      fc.property(fc.array(fc.tuple(rare, rare, rare), { minLength: 3, maxLength: 6 }), (schools) => {
        const units = districtOf(schools);
        const t = qualityTables(units, true);
        const main = disclose(t.main);
        for (const name of FIGURE_NAMES) {
          const ft = t.figure(name, main);
          const doubled = decide(ft, { search: "doubling", runs });
          expect(decide(ft, { search: "linear" }), name).toEqual(doubled);
          expect(audit(ft, doubled), name).toEqual([]);
        }
      }),
      { numRuns: 80, seed: 19 },
    );
    expect(runs.filter((n) => n > 1).length).toBeGreaterThan(0);
  });

  it("after a write: a table decided from the last one's runs and solved sums decides as from scratch", () => {
    // A write changes one school's counts; the figure's table mostly keeps its shape. The policy
    // starts each run's search at the run found for the last table of that shape, and reuses the
    // linear algebra solved for it (disclosure-audit.ts solvedFor): the decisions must be those of a
    // search with neither.
    const write = fc.record({ school: fc.nat(), course: fc.nat(2), graduated: fc.integer({ min: -2, max: 2 }), passed: fc.integer({ min: -2, max: 2 }) });
    const runs: number[] = [];
    const hints: [number, number][] = [];
    const capped: boolean[] = [];
    fc.assert(
      fc.property(fc.array(fc.tuple(rare, rare, rare), { minLength: 3, maxLength: 6 }), fc.array(write, { minLength: 1, maxLength: 4 }), (first, writes) => {
        let schools = first;
        let before = qualityTables(districtOf(schools), true);
        let beforeMain = disclose(before.main);
        for (const w of writes) {
          const next = schools.map((s) => s.map((c) => ({ ...c })) as typeof s);
          const c = next[w.school % next.length][w.course];
          c.graduated = Math.max(0, c.graduated + w.graduated);
          c.passed = Math.max(6, c.passed + w.passed);
          const after = qualityTables(districtOf(next), true);
          const afterMain = disclose(after.main);
          for (const name of FIGURE_NAMES) {
            decide(before.figure(name, beforeMain)); // leaves its runs and solved sums behind
            const ft = after.figure(name, afterMain);
            const got = decide(ft, { search: "hinted", runs, hints, capped });
            expect(got, name).toEqual(decide(ft, { search: "doubling", fresh: true }));
            expect(decide(ft, { search: "linear", fresh: true }), name).toEqual(got);
          }
          [schools, before, beforeMain] = [next, after, afterMain];
        }
      }),
      { numRuns: 60, seed: 20 },
    );
    expect(hints.length).toBeGreaterThan(0);
    expect(runs.filter((n) => n > 1).length).toBeGreaterThan(0);
    // No attack stopped at a bound on its work: the runs are the shortest, whichever search.
    expect(capped.length).toBeGreaterThan(0);
    expect(capped.some(Boolean)).toBe(false);
  });

  it("after a write, every component warm-started and found again from the last, looking near every leak: the fresh decisions", () => {
    // The warm starts (disclosure-audit.ts warmStart, grown) on the figures' tables: rows of
    // separate outcomes, counts hidden in shown rows, decisions fixed by the results table, one
    // school's counts changed between tables of one shape. (The city's from 2,000 equations.)
    const write = fc.record({ school: fc.nat(), course: fc.nat(2), graduated: fc.integer({ min: -2, max: 2 }), passed: fc.integer({ min: -2, max: 2 }) });
    const [lastWarm, lastNear] = [warmStartsFrom(0), nearParts(0, 1)];
    try {
      const before = warmStarts();
      fc.assert(
        fc.property(fc.array(fc.tuple(rare, rare, rare), { minLength: 3, maxLength: 6 }), fc.array(write, { minLength: 1, maxLength: 4 }), (first, writes) => {
          let schools = first;
          for (const w of [undefined, ...writes]) {
            if (w) {
              schools = schools.map((s) => s.map((c) => ({ ...c })) as typeof s);
              const c = schools[w.school % schools.length][w.course];
              c.graduated = Math.max(0, c.graduated + w.graduated);
              c.passed = Math.max(6, c.passed + w.passed);
            }
            const t = qualityTables(districtOf(schools), true);
            const main = decide(t.main, { search: "doubling" });
            expect(main).toEqual(decide(t.main, { search: "doubling", fresh: true }));
            for (const name of FIGURE_NAMES) {
              const ft = t.figure(name, main);
              expect(decide(ft, { search: "doubling" }), name).toEqual(decide(ft, { search: "doubling", fresh: true }));
            }
          }
        }),
        { numRuns: 40, seed: 22 },
      );
      const after = warmStarts();
      expect(after.carried - before.carried).toBeGreaterThan(50);
      expect(after.own - before.own).toBeGreaterThan(50);
      expect(after.grown - before.grown).toBeGreaterThan(50);
    } finally {
      warmStartsFrom(lastWarm);
      nearParts(...lastNear);
    }
  });

  it("the sums are kept while the rows are the same rows: one frozen array, and what it gives is what a table built anew gives", () => {
    // quality.ts structureOf keeps the sums for the rows' kinds and ids; disclosure.ts keeps each
    // relation's cells, each cell's and the units by that array, and table-digest.ts its digest.
    // A copy of a table (structuredClone: nothing frozen, nothing kept) must decide and digest alike.
    const copy = (t: DisclosureTable): DisclosureTable => structuredClone(t);
    const write = fc.record({ school: fc.nat(), course: fc.nat(2), graduated: fc.integer({ min: -2, max: 2 }), passed: fc.integer({ min: -2, max: 2 }) });
    fc.assert(
      fc.property(fc.array(fc.tuple(rare, rare, rare), { minLength: 2, maxLength: 5 }), fc.array(write, { minLength: 1, maxLength: 3 }), (first, writes) => {
        let schools = first;
        const firstTables = qualityTables(districtOf(schools), true);
        for (const w of writes) {
          schools = schools.map((s) => s.map((c) => ({ ...c })) as typeof s);
          const c = schools[w.school % schools.length][w.course];
          c.graduated = Math.max(0, c.graduated + w.graduated);
          c.passed = Math.max(6, c.passed + w.passed);
          const t = qualityTables(districtOf(schools), true);
          expect(t.main.relations).toBe(firstTables.main.relations);
          expect(Object.isFrozen(t.main.relations)).toBe(true);
          const main = decide(t.main);
          expect(main).toEqual(decide(copy(t.main)));
          expect(tableDigest(t.main)).toBe(tableDigest(copy(t.main)));
          for (const name of FIGURE_NAMES) {
            const ft = t.figure(name, main);
            expect(ft.relations).toBe(t.main.relations);
            expect(decide(ft), name).toEqual(decide(copy(ft)));
            expect(tableDigest(ft), name).toBe(tableDigest(copy(ft)));
          }
          // The same sums over cells in other units (no unit totals: one unit): what the units
          // give is worked out again, not taken from the kept.
          const flat = { ...t.main, cells: t.main.cells.map((x) => ({ ...x, within: undefined })) };
          expect(decide(flat)).toEqual(decide(copy(flat)));
        }
      }),
      { numRuns: 30, seed: 23 },
    );
  });

  it("a course moved to another program type: its sums are made again, and moved back, the first ones", () => {
    const counts = { students: 12, passed: 10, failed: 2, tooFast: 0, graduated: 5 };
    const moved = (programType: "CREDIT_RECOVERY" | "ORIGINAL_CREDIT") =>
      new Map([["s0", rowsOf("s0", [counts, counts, counts]).map((r) => (r.courseId === "c1" ? { ...r, programType } : r))]]);
    const first = qualityTables(moved(CR), false);
    const other = qualityTables(moved("ORIGINAL_CREDIT"), false);
    expect(other.main.relations).not.toBe(first.main.relations);
    // c1's row is a part of the original credit × P1 row now, not of credit recovery × P1's.
    const at = (t: typeof first, f: (r: QualityInput) => boolean) => t.rows.findIndex(({ r }) => f(r));
    const c1 = at(other, (r) => r.courseId === "c1");
    const pair = (t: typeof first, programType: string) => at(t, (r) => !r.courseId && r.providerId === "P1" && r.programType === programType);
    const childrenOf = (t: typeof first, parent: number) => t.main.relations.filter((r) => r.parent === parent).flatMap((r) => r.children);
    expect(childrenOf(other, pair(other, "ORIGINAL_CREDIT"))).toContain(c1);
    expect(childrenOf(other, pair(other, CR))).not.toContain(c1);
    expect(childrenOf(first, pair(first, CR))).toContain(at(first, (r) => r.courseId === "c1"));
    expect(qualityTables(moved(CR), false).main.relations).toBe(first.main.relations);
  });

  it("rows read again (frozen, kept by cache.ts) give the cells fresh rows give, wherever their unit's total is", () => {
    // A kept unit's sorted rows and cells are taken from its last read (quality.ts unitOf, unitCells;
    // a row's, cellsOf) while its unit's total is at the same place; a school added before it moves
    // its total, and its cells are made again.
    const counts = { students: 12, passed: 10, failed: 2, tooFast: 1, graduated: 5 };
    const kept = new Map([
      ["s1", rowsOf("s1", [counts, counts, counts]).map((r) => Object.freeze(r))],
      ["s2", rowsOf("s2", [counts, { ...counts, graduated: 3 }, counts]).map((r) => Object.freeze(r))],
    ]);
    const fresh = (units: Map<string, QualityInput[]>) => new Map([...units].map(([id, rs]) => [id, rs.map((r) => ({ ...r }))]));
    const tablesOf = (t: ReturnType<typeof qualityTables>) => [t.main, ...FIGURE_NAMES.map((name) => t.figure(name, disclose(t.main)))];
    const once = qualityTables(kept, false);
    const again = qualityTables(kept, false);
    expect(again.main.cells[0]).toBe(once.main.cells[0]); // taken, not made again
    expect(tablesOf(again)).toEqual(tablesOf(qualityTables(fresh(kept), false)));
    // s0 sorts first: every kept row of s1 and s2 now has its total further on.
    const moved = new Map([["s0", rowsOf("s0", [counts, counts, counts]).map((r) => Object.freeze(r))], ...kept]);
    const after = qualityTables(moved, false);
    const s1 = (t: ReturnType<typeof qualityTables>) => t.main.cells[t.rows.findIndex(({ unit }, i) => unit === "s1" && t.main.cells[i].within !== undefined)];
    expect(s1(after).within).not.toBe(s1(once).within);
    expect(tablesOf(after)).toEqual(tablesOf(qualityTables(fresh(moved), false)));
    // A write to s2 (one of its rows read anew, frozen) and s1's rows read in another order: each
    // unit's rows are sorted and their cells made again, s0's kept; the tables as from fresh rows.
    const s2 = kept.get("s2")!;
    const written = new Map([
      ["s0", moved.get("s0")!],
      ["s1", [...kept.get("s1")!].reverse()],
      ["s2", s2.map((r, k) => (k === 1 ? Object.freeze({ ...r, graduated: r.graduated + 1 }) : r))],
    ]);
    const later = qualityTables(written, false);
    expect(later.units.map((u) => u.sorted === after.units.find((x) => x.id === u.id)!.sorted)).toEqual([true, false, false]); // s0's kept
    expect(tablesOf(later)).toEqual(tablesOf(qualityTables(fresh(written), false)));
    // The decisions, each unit's rows in decision order whatever order they were read in.
    const published = publishQuality(written, false);
    const again2 = publishQuality(fresh(written), false);
    for (const id of ["s0", "s1", "s2"]) expect(published.get(id)).toEqual(again2.get(id));
    expect([...published].map(([id]) => id)).toEqual(["s0", "s1", "s2"]);
  });

  it("a run's search started anywhere finds the shortest run", () => {
    // Started from a last run longer than the run to find, it steps down; shorter, up; past the
    // order's end, from its end. Every start finds the run one more count at a time finds.
    const hints: [number, number][] = [];
    fc.assert(
      fc.property(fc.array(fc.tuple(rare, rare, rare), { minLength: 3, maxLength: 6 }), (schools) => {
        const t = qualityTables(districtOf(schools), true);
        const main = disclose(t.main);
        for (const name of FIGURE_NAMES) {
          const ft = t.figure(name, main);
          const linear = decide(ft, { search: "linear", fresh: true });
          for (const from of [1, 2, 3, 6, 1000]) expect(decide(ft, { search: "hinted", from, hints }), `${name} from ${from}`).toEqual(linear);
        }
      }),
      { numRuns: 40, seed: 21 },
    );
    expect(hints.some(([from, found]) => from > found && found > 1)).toBe(true);
    expect(hints.some(([from, found]) => from < found)).toBe(true);
  });
});

function sumCounts(cs: { students: number; passed: number; failed: number; tooFast: number; graduated: number; overridden?: number }[]) {
  // The district's course row is the schools' rows added up (each clamped as rowsOf clamps it).
  return cs.reduce(
    (s, c) => {
      const passed = Math.min(c.passed, c.students);
      const failed = Math.min(c.failed, c.students - passed);
      return {
        students: s.students + c.students,
        passed: s.passed + passed,
        failed: s.failed + failed,
        tooFast: s.tooFast + Math.min(c.tooFast, passed),
        graduated: s.graduated + Math.min(c.graduated, passed),
        overridden: (s.overridden ?? 0) + Math.min(c.overridden ?? 0, passed),
      };
    },
    { students: 0, passed: 0, failed: 0, tooFast: 0, graduated: 0, overridden: 0 },
  );
}

describe("unitsTable with a school that has no cells", () => {
  it("gives every unit every count, so the district's sums tie them all (not only the first)", () => {
    const c = (raceEthnicity: "WHITE" | "ASIAN", numerator: number, also: number[]) => ({
      raceEthnicity,
      gender: "FEMALE" as const,
      specialEducation: false,
      englishLearner: false,
      lowIncome: false,
      numerator,
      denominator: 20,
      students: 20,
      also,
    });
    const { table } = unitsTable(
      new Map([
        ["a", [c("WHITE", 5, [2, 1])]],
        ["b", [c("ASIAN", 4, [0, 3])]],
        ["c", []],
      ]),
      true,
      false,
    );
    expect(new Set(table.cells.map((x) => x.numerators.length))).toEqual(new Set([3]));
  });

  it("makes the sums of a number of units once: one frozen array, deciding and digesting as a copy does", () => {
    const cellArb = fc.record({
      raceEthnicity: fc.constantFrom("WHITE" as const, "ASIAN" as const, "HISPANIC_LATINO" as const),
      gender: fc.constantFrom("FEMALE" as const, "MALE" as const),
      specialEducation: fc.boolean(),
      englishLearner: fc.boolean(),
      lowIncome: fc.boolean(),
      numerator: fc.integer({ min: 0, max: 6 }),
      denominator: fc.integer({ min: 6, max: 30 }),
    });
    let first: DisclosureTable | undefined;
    fc.assert(
      fc.property(fc.array(fc.array(cellArb, { maxLength: 8 }), { minLength: 3, maxLength: 3 }), (schools) => {
        const { table } = unitsTable(new Map(schools.map((cells, k) => [`s${k}`, cells.map((c) => ({ ...c, numerator: Math.min(c.numerator, c.denominator) }))])), true, true);
        first ??= table;
        expect(table.relations).toBe(first.relations);
        expect(Object.isFrozen(table.relations)).toBe(true);
        expect(decide(table)).toEqual(decide(structuredClone(table)));
        expect(tableDigest(table)).toBe(tableDigest(structuredClone(table)));
      }),
      { numRuns: 40, seed: 24 },
    );
    // Another number of schools: other sums.
    expect(unitsTable(new Map([["s0", []]]), true, true).table.relations).not.toBe(first!.relations);
  });
});

describe("the cells of the tables the reports decide", () => {
  it("have every field, in one order (one hidden class: the attack's reads of them stay monomorphic)", () => {
    const fields = Object.keys(disclosureCell({ size: 0, denominator: 0, numerators: [], publish: true }));
    const units = new Map([
      ["A", unit("A", { students: 7, passed: 5, failed: 2, tooFast: 1 }, { students: 3, passed: 2, failed: 1 })],
      [DISTRICT, unit(null, { students: 7, passed: 5, failed: 2, tooFast: 1 }, { students: 3, passed: 2, failed: 1 })],
    ]);
    const t = qualityTables(units, true);
    const main = disclose(t.main);
    const tables = [t.main, ...FIGURE_NAMES.map((name) => t.figure(name, main))];
    const c = {
      raceEthnicity: "WHITE" as const,
      gender: "FEMALE" as const,
      specialEducation: false,
      englishLearner: false,
      lowIncome: false,
      numerator: 5,
      denominator: 20,
      students: 20,
    };
    tables.push(unitsTable(new Map([["a", [c]]]), true, false).table);
    for (const table of tables) for (const cell of table.cells) expect(Object.keys(cell)).toEqual(fields);
    expect(fields).toEqual(["size", "denominator", "numerators", "publish", "within", "parts", "together", "sums", "derived", "unlisted"]);
  });
});
