import { describe, expect, it } from "vitest";
import { isSuppressed, suppressPartition } from "./suppression";
import { gapTone } from "./equity";

// The old one-partition rule, kept for the completers-by-grade table only (suppression.ts); the
// policy every other figure follows is tested in disclosure.test.ts.
describe("suppressPartition (legacy: one partition, fewer than 6 students)", () => {
  it("suppresses 5 students and shows 6", () => {
    expect(isSuppressed(5)).toBe(true);
    expect(isSuppressed(6)).toBe(false);
  });
  it.each([
    ["nothing small: nothing hidden", [40, 30, 6], true, ["none", "none", "none"]],
    ["one small cell in a partition: the next smallest is hidden too", [40, 5, 30, 12], true, ["none", "primary", "none", "complementary"]],
    ["two small cells protect each other", [40, 5, 3, 12], true, ["none", "primary", "primary", "none"]],
    ["an empty cell protects nothing", [40, 5, 0, 12], true, ["none", "primary", "primary", "complementary"]],
    ["only empty small cells: nothing to protect", [40, 0, 12], true, ["none", "primary", "none"]],
    ["a group shown without its complement needs no partner", [40, 5], false, ["none", "primary"]],
    ["ties: the first listed smallest is taken", [9, 2, 9], true, ["complementary", "primary", "none"]],
  ] as const)("%s", (_n, sizes, exhaustive, want) => {
    expect(suppressPartition([...sizes], exhaustive)).toEqual(want);
  });
});

describe("gapTone", () => {
  it("colours gaps by whether higher is better", () => {
    expect(gapTone(-3, true)).toBe("worse");
    expect(gapTone(-3, false)).toBe("better");
    expect(gapTone(0, true)).toBe("even");
    expect(gapTone(null, true)).toBe("none");
  });
});
