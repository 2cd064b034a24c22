import { describe, expect, it } from "vitest";
import { newId } from "./bulk";

describe("newId", () => {
  it("gives cuid-shaped ids, unique, across many draws of the pool", () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("uses every base-36 digit in every position", () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    for (let k = 1; k <= 24; k++) expect(new Set(ids.map((id) => id[k])).size).toBe(36);
  });
});
