import { describe, expect, it } from "vitest";
import { acgrOutcome, adjustedCohortRate, type CohortEvent } from "./acgr";

// A hand-computed class of 2024 (first-time 9th graders in 2020-21; 4-year window ends 2024-08-31,
// 5-year window 2025-08-31).
// transferIn is informational here: a transfer in joins the cohort through Student.cohortYear.
const enter = (d: string, _transferIn = false): CohortEvent => ({ kind: "ENTERED", effectiveDate: d });
const diploma = (d: string): CohortEvent => ({ kind: "GRADUATED", effectiveDate: d, credential: "REGULAR_DIPLOMA" });

type Want = { y4: [boolean, boolean, string]; y5: [boolean, boolean, string] };
// The optional 4th element: the school years of the student's October 1 rolls (StudentYear).
const CLASS_OF_2024: [string, CohortEvent[], Want, number[]?][] = [
  ["on-time graduate (June)", [enter("2020-09-01"), diploma("2024-06-10")], { y4: [true, true, "GRADUATED"], y5: [true, true, "GRADUATED"] }],
  ["summer graduate (August 31 counts)", [enter("2020-09-01"), diploma("2024-08-31")], { y4: [true, true, "GRADUATED"], y5: [true, true, "GRADUATED"] }],
  ["transfer in during grade 11, graduates", [enter("2022-11-15", true), diploma("2024-06-10")], { y4: [true, true, "GRADUATED"], y5: [true, true, "GRADUATED"] }],
  [
    "documented transfer out: removed",
    [enter("2020-09-01"), { kind: "TRANSFERRED_OUT", effectiveDate: "2022-01-10", documented: true }],
    { y4: [false, false, "REMOVED_TRANSFERRED_OUT"], y5: [false, false, "REMOVED_TRANSFERRED_OUT"] },
  ],
  [
    "undocumented transfer out: stays, non-graduate",
    [enter("2020-09-01"), { kind: "TRANSFERRED_OUT", effectiveDate: "2022-01-10", documented: false }],
    { y4: [true, false, "TRANSFERRED_OUT_UNDOCUMENTED"], y5: [true, false, "TRANSFERRED_OUT_UNDOCUMENTED"] },
  ],
  [
    "dropout who re-enrolls and graduates in year 5",
    [enter("2020-09-01"), { kind: "DROPPED_OUT", effectiveDate: "2023-03-01" }, { kind: "REENGAGED", effectiveDate: "2024-09-05" }, diploma("2025-06-12")],
    { y4: [true, false, "DROPPED_OUT"], y5: [true, true, "GRADUATED"] },
  ],
  // Retained in grade 10: still class of 2024 (cohort never changes); graduates a year late.
  ["retained student, graduates in year 5", [enter("2020-09-01"), diploma("2025-06-12")], { y4: [true, false, "STILL_ENROLLED"], y5: [true, true, "GRADUATED"] }],
  [
    "deceased: removed",
    [enter("2020-09-01"), { kind: "DECEASED", effectiveDate: "2021-05-02" }],
    { y4: [false, false, "REMOVED_DECEASED"], y5: [false, false, "REMOVED_DECEASED"] },
  ],
  [
    "emigrated: removed",
    [enter("2020-09-01"), { kind: "EMIGRATED", effectiveDate: "2023-07-02" }],
    { y4: [false, false, "REMOVED_EMIGRATED"], y5: [false, false, "REMOVED_EMIGRATED"] },
  ],
  [
    "GED: stays, never a graduate",
    [enter("2020-09-01"), { kind: "DROPPED_OUT", effectiveDate: "2022-10-01" }, { kind: "EARNED_EQUIVALENCY", effectiveDate: "2023-04-01" }],
    { y4: [true, false, "EQUIVALENCY"], y5: [true, false, "EQUIVALENCY"] },
  ],
  [
    "certificate: stays, never a graduate",
    [enter("2020-09-01"), { kind: "GRADUATED", effectiveDate: "2024-06-10", credential: "CERTIFICATE" }],
    { y4: [true, false, "CERTIFICATE"], y5: [true, false, "CERTIFICATE"] },
  ],
  [
    "documented transfer out who comes back: in the cohort again",
    [enter("2020-09-01"), { kind: "TRANSFERRED_OUT", effectiveDate: "2021-06-01", documented: true }, enter("2022-09-01", true), diploma("2024-06-10")],
    { y4: [true, true, "GRADUATED"], y5: [true, true, "GRADUATED"] },
  ],
  ["transfer in after the 4-year window: only in the 5-year cohort", [enter("2024-10-01", true)], { y4: [false, false, "NOT_YET_ENTERED"], y5: [true, false, "STILL_ENROLLED"] }],
  ["diploma on September 1: after the 4-year window", [enter("2020-09-01"), diploma("2024-09-01")], { y4: [true, false, "STILL_ENROLLED"], y5: [true, true, "GRADUATED"] }],
  ["no status history: counted as still enrolled", [], { y4: [true, false, "STILL_ENROLLED"], y5: [true, false, "STILL_ENROLLED"] }],
  // When a student joined: the first `entered` or the first October 1 roll, whichever is earlier;
  // with neither (or a history that starts with something else), from 9th grade (DEFINITIONS.md §3).
  ["fifth-year diploma only, no entered row: in both cohorts, a 5-year graduate", [diploma("2025-06-12")], { y4: [true, false, "STILL_ENROLLED"], y5: [true, true, "GRADUATED"] }],
  ["history starting with a dropout", [{ kind: "DROPPED_OUT", effectiveDate: "2022-03-01" }], { y4: [true, false, "DROPPED_OUT"], y5: [true, false, "DROPPED_OUT"] }],
  [
    "history starting with a dropout after the 4-year window",
    [{ kind: "DROPPED_OUT", effectiveDate: "2024-11-01" }],
    { y4: [true, false, "STILL_ENROLLED"], y5: [true, false, "DROPPED_OUT"] },
  ],
  [
    "dropout who re-enters after the window: the history starts before the entry",
    [{ kind: "DROPPED_OUT", effectiveDate: "2022-03-01" }, enter("2024-10-01", true)],
    { y4: [true, false, "DROPPED_OUT"], y5: [true, false, "STILL_ENROLLED"] },
  ],
  [
    "roll year earlier than the entered event: joined on October 1, 2022",
    [enter("2024-10-01", true)],
    { y4: [true, false, "STILL_ENROLLED"], y5: [true, false, "STILL_ENROLLED"] },
    [2022],
  ],
  ["first roll after the 4-year window, no events: only in the 5-year cohort", [], { y4: [false, false, "NOT_YET_ENTERED"], y5: [true, false, "STILL_ENROLLED"] }, [2024]],
];

describe("acgrOutcome (34 CFR 200.19(b)) on a hand-computed class of 2024", () => {
  it.each(CLASS_OF_2024)("%s", (_name, events, want, rolls = []) => {
    const o4 = acgrOutcome(events, 2024, 4, rolls);
    const o5 = acgrOutcome(events, 2024, 5, rolls);
    expect([o4.inCohort, o4.graduated, o4.reason]).toEqual(want.y4);
    expect([o5.inCohort, o5.graduated, o5.reason]).toEqual(want.y5);
  });

  it("computes the 4- and 5-year rates of the whole class by hand", () => {
    const o4 = CLASS_OF_2024.map(([, ev, , rolls = []]) => acgrOutcome(ev, 2024, 4, rolls));
    const o5 = CLASS_OF_2024.map(([, ev, , rolls = []]) => acgrOutcome(ev, 2024, 5, rolls));
    // 21 students − 3 removed (documented transfer, deceased, emigrated) − 2 joined too late (the
    // transfer in of October 2024, the first roll of 2024-25) = 16; graduates within 4 years:
    // on-time, summer, transfer-in, came-back = 4 → 25.0%.
    expect(adjustedCohortRate(o4)).toEqual({ numerator: 4, denominator: 16, rate: 25 });
    // 5-year: the two late joiners are in (18); + year-5 dropout, retained, September diploma and
    // the fifth-year diploma without an entered row = 8 → 44.4%.
    expect(adjustedCohortRate(o5)).toEqual({ numerator: 8, denominator: 18, rate: 44.4 });
  });

  it("has no rate for an empty cohort", () => {
    expect(adjustedCohortRate([])).toEqual({ numerator: 0, denominator: 0, rate: null });
  });
});
