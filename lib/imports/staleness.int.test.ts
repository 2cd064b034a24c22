import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { staleFeeds, staleText } from "@/lib/imports/staleness";

// Overdue feeds (issue #15) with each provider's own threshold (Provider.staleAfterDays, null = the
// district's DistrictSettings.staleAfterDays), against a real database. Every case is computed by
// hand from one fixed "now": stale when the last arrival is more than the threshold's days ago. The
// banner says "more than N days ago", N the whole days certainly past: 4 d 1 h → 4, exactly 4 d → 3.

useTestDatabase();
const now = new Date("2026-12-01T12:00:00Z");
const HOUR = 3_600_000;
/** n days and h hours before now. */
const ago = (n: number, h = 0) => new Date(now.getTime() - n * 86_400_000 - h * HOUR);

async function provider(code: string, name: string, resultsAsOf: Date | null, staleAfterDays: number | null) {
  await db().provider.create({ data: { code, name, resultsAsOf, staleAfterDays } });
}
async function rosterFinished(at: Date) {
  await db().importRun.create({ data: { kind: "oneroster", fileName: "roster.zip", checksum: "x", status: "succeeded", startedAt: at, finishedAt: at } });
}
async function districtDays(n: number) {
  await db().districtSettings.upsert({ where: { id: 1 }, create: { id: 1, staleAfterDays: n }, update: { staleAfterDays: n } });
}
const texts = async () => (await staleFeeds(now)).stale.map(staleText);

beforeEach(async () => {
  await db().$executeRawUnsafe(`TRUNCATE "Provider", "ImportRun", "DistrictSettings" CASCADE`);
});

describe("staleFeeds with per-provider thresholds", () => {
  it("names a provider by its own threshold when the district's would not, and spares one the district's would name", async () => {
    // District default 3 (no settings row).
    await provider("APEX", "Apex Learning", ago(2, 1), 1); // 2 d 1 h > own 1 → stale (district's 3 would not)
    await provider("EDG", "Edgenuity", ago(5), 10); // 5 d ≤ own 10 → not stale (district's 3 would)
    const r = await staleFeeds(now);
    expect(r.thresholdDays).toBe(3);
    expect(r.stale).toEqual([{ feed: "provider", name: "Apex Learning", lastAt: ago(2, 1), days: 2, expectedDays: 1 }]);
    expect(r.stale.map(staleText)).toEqual(["Apex Learning results last arrived more than 2 days ago (expected within 1 day)"]);
  });

  it("falls back to the district's days for a provider without its own", async () => {
    await provider("IMG", "Imagine Edgenuity", ago(4), null); // 4 d > district 3 → stale
    await provider("FLVS", "FLVS", ago(2, 23), null); // 2 d 23 h ≤ 3 → not stale
    await provider("NEW", "Never Imported", null, 1); // no results yet: never "stale"
    expect(await texts()).toEqual(["Imagine Edgenuity results last arrived more than 3 days ago (expected within 3 days)"]);
    await districtDays(5); // 4 d ≤ 5 → nobody
    expect(await texts()).toEqual([]);
    await districtDays(2); // both over 2
    expect(await texts()).toEqual([
      "FLVS results last arrived more than 2 days ago (expected within 2 days)",
      "Imagine Edgenuity results last arrived more than 3 days ago (expected within 2 days)",
    ]);
  });

  it("is correct when no provider has a threshold of its own", async () => {
    await provider("APEX", "Apex Learning", ago(4), null);
    await provider("EDG", "Edgenuity", ago(1), null);
    expect(await texts()).toEqual(["Apex Learning results last arrived more than 3 days ago (expected within 3 days)"]);
  });

  it("counts exactly the threshold's days as on time, a minute more as overdue, and says more than the threshold", async () => {
    await provider("A", "On Time", ago(2), 2);
    await provider("B", "Just Late", new Date(ago(2).getTime() - 60_000), 2);
    // Not "2 days ago (expected within 2 days)": that reads as on time.
    expect(await texts()).toEqual(["Just Late results last arrived more than 2 days ago (expected within 2 days)"]);
    await db().provider.updateMany({ where: { code: "A" }, data: { resultsAsOf: ago(3) } }); // exactly 3 d: more than 2, not more than 3
    expect(await texts()).toEqual([
      "Just Late results last arrived more than 2 days ago (expected within 2 days)",
      "On Time results last arrived more than 2 days ago (expected within 2 days)",
    ]);
  });

  it("leaves the roster on the district's days whatever the providers' own", async () => {
    await rosterFinished(ago(4)); // 4 d > district 3 → stale
    await provider("APEX", "Apex Learning", ago(4), 30); // own 30 → not stale
    expect(await texts()).toEqual(["The roster last arrived more than 3 days ago (expected within 3 days)"]);
    await districtDays(7); // the roster is on time; Apex still on its own 30
    expect(await texts()).toEqual([]);
    await db().provider.updateMany({ data: { staleAfterDays: 1 } }); // Apex late; the roster still on the district's 7
    expect(await texts()).toEqual(["Apex Learning results last arrived more than 3 days ago (expected within 1 day)"]);
  });

  it("says 1 day in the singular", async () => {
    await provider("APEX", "Apex Learning", ago(1, 2), 1);
    expect(await texts()).toEqual(["Apex Learning results last arrived more than 1 day ago (expected within 1 day)"]);
  });
});
