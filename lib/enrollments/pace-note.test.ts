import { describe, expect, it } from "vitest";
import { paceDisagreement } from "./pace-note";
import type { PaceStatus, ScheduleColour } from "./rules";

describe("paceDisagreement", () => {
  const s = (colour: ScheduleColour, due: number, done: number) => ({ colour, due, done });
  it.each<[PaceStatus, number, number, ReturnType<typeof s> | null, string | null]>([
    // Both good or both bad: they agree, nothing to explain.
    ["ON_PACE", 50, 50, s("GREEN", 2, 2), null],
    ["AHEAD", 80, 50, s("GREEN", 5, 4), null],
    ["BEHIND", 20, 60, s("RED", 4, 1), null],
    ["BEHIND", 20, 60, s("YELLOW", 3, 2), null],
    // Nothing due yet: there is no schedule figure to disagree with.
    ["BEHIND", 0, 10, null, null],
    // The card: 63% (expected 89%) Behind beside a green 100% on schedule.
    ["BEHIND", 63, 89, s("GREEN", 5, 5), "All 5 assessments due so far are done, but progress through the whole course (63%) is behind the target line (89% expected by today)."],
    ["BEHIND", 10, 40, s("GREEN", 1, 1), "The one assessment due so far is done, but progress through the whole course (10%) is behind the target line (40% expected by today)."],
    ["BEHIND", 50, 70, s("GREEN", 5, 4), "4 of 5 assessments due so far are done, but progress through the whole course (50%) is behind the target line (70% expected by today)."],
    // The converse.
    [
      "AHEAD",
      90,
      60,
      s("RED", 5, 2),
      "Progress through the whole course (90%) is ahead of the target line (60% expected by today), but 3 of 5 assessments due so far are not done.",
    ],
    ["ON_PACE", 60, 60, s("YELLOW", 3, 2), "Progress through the whole course (60%) is on the target line (60% expected by today), but 1 of 3 assessments due so far is not done."],
  ])("pace %s (%i%% of %i%%), schedule %j → %j", (status, progress, expected, schedule, want) => {
    expect(paceDisagreement({ status, expected }, progress, schedule)).toBe(want);
  });
});
