import { describe, expect, it } from "vitest";
import { gapTone } from "./equity";

describe("gapTone", () => {
  it("colours gaps by whether higher is better", () => {
    expect(gapTone(-3, true)).toBe("worse");
    expect(gapTone(-3, false)).toBe("better");
    expect(gapTone(0, true)).toBe("even");
    expect(gapTone(null, true)).toBe("none");
  });
});
