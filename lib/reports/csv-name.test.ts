import { describe, expect, it } from "vitest";
import { csvFileName } from "./csv-name";

describe("csvFileName", () => {
  const harbor = { id: "s1", name: "Harbor High", stateCode: "04440505" };
  it("names the school by its state code, the district by nothing", () => {
    expect(csvFileName(["program", 2024], harbor)).toBe("credittrack-program-04440505-2024.csv");
    expect(csvFileName(["program", 2024], null)).toBe("credittrack-program-2024.csv");
    expect(csvFileName(["equity", "acgr4", undefined], harbor)).toBe("credittrack-equity-acgr4-04440505-latest.csv");
  });
  it("keeps a file name safe whatever a code holds", () => {
    expect(csvFileName(["quality", "course", 2024], { ...harbor, stateCode: 'a"b/c d' })).toBe("credittrack-quality-course-a-b-c-d-2024.csv");
  });
});
