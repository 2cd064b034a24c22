import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "@/lib/test/temp-dir";
import { writeResults } from "./results";

describe("bench-results files", () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir("ct-bench-results-");
  });
  const read = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

  it("keeps the other areas' rows when some areas run again, each with when and where it ran", () => {
    const file = path.join(dir, "city.json");
    const first = new Date("2026-12-05T10:00:00Z");
    const second = new Date("2026-12-06T10:00:00Z");
    writeResults(
      file,
      {
        scale: "city",
        students: 300_000,
        areas: ["counselor", "reports"],
        rows: [
          { area: "reports", name: "district summary", stats: { n: 20, p50: 100, p95: 200, p99: 210, mean: 110, max: 220 }, budget: 500 },
          { area: "counselor", name: "caseload page", stats: { n: 100, p50: 27, p95: 32, p99: 40, mean: 28, max: 45 }, budget: 50 },
        ],
      },
      first,
    );
    writeResults(file, { scale: "city", students: 300_000, areas: ["reports"], rows: [{ area: "reports", name: "district quality view", value: 0.15, unit: "×" }] }, second);
    const out = read(file);
    expect(out.rows.map((r: { area: string; name: string }) => `${r.area}: ${r.name}`)).toEqual(["counselor: caseload page", "reports: district quality view"]);
    expect(out.areas.counselor.at).toBe(first.toISOString());
    expect(out.areas.reports.at).toBe(second.toISOString());
    expect(out.areas.reports.machine).toMatchObject({ cores: os.availableParallelism(), node: process.version });
    expect(out.areas.reports.commit).toMatch(/^[0-9a-f]{7,}(\+changes)?$/);
    expect(out.areas.reports.machine.cpu).toEqual(expect.any(String));
  });

  it("starts again for another scale or seed, and over a file that is not one of its own", () => {
    const file = path.join(dir, "latest.json");
    writeResults(file, { scale: "district", students: 60_000, areas: ["counselor"], rows: [{ area: "counselor", name: "caseload page" }] });
    writeResults(file, { scale: "district", students: 59_000, areas: ["reports"], rows: [{ area: "reports", name: "school summary" }] });
    expect(read(file).rows.map((r: { name: string }) => r.name)).toEqual(["school summary"]);
    expect(Object.keys(read(file).areas)).toEqual(["reports"]);
    fs.writeFileSync(file, "not json");
    writeResults(file, { scale: "district", students: 60_000, areas: ["imports"], rows: [{ area: "imports", name: "OneRoster import" }] });
    expect(read(file).rows.map((r: { name: string }) => r.name)).toEqual(["OneRoster import"]);
  });
});
