import "server-only";
import { db } from "@/lib/db";
import { getLandingSettings } from "@/lib/imports/landing/settings";

// Staleness (issue #15): the roster and each provider's results should keep arriving. A feed whose
// last successful import is older than the district's staleAfterDays (Settings, default 3) is
// named to district administrators on every page and on the Imports page.
//   - roster: the last OneRoster import that wrote (succeeded or partial, not a preview), by its end;
//   - a provider: Provider.resultsAsOf, set by every provider progress import that touched one of
//     its enrollments (lib/imports/progress/as-of.ts).
// A feed never imported is not "stale" (the Readiness page lists what was never loaded).

export type StaleFeed = { feed: "roster" | "provider"; name: string; lastAt: Date; days: number };

export async function staleFeeds(now = new Date()): Promise<{ thresholdDays: number; stale: StaleFeed[] }> {
  const { staleAfterDays } = await getLandingSettings();
  const cutoff = new Date(now.getTime() - staleAfterDays * 86_400_000);
  const daysSince = (d: Date) => Math.floor((now.getTime() - d.getTime()) / 86_400_000);
  const [roster, providers] = await Promise.all([
    db().importRun.findFirst({ where: { kind: "oneroster", dryRun: false, status: { in: ["succeeded", "partial"] }, finishedAt: { not: null } }, orderBy: { finishedAt: "desc" }, select: { finishedAt: true } }),
    db().provider.findMany({ where: { resultsAsOf: { lt: cutoff } }, select: { name: true, resultsAsOf: true }, orderBy: { name: "asc" } }),
  ]);
  const stale: StaleFeed[] = [];
  if (roster?.finishedAt && roster.finishedAt < cutoff) stale.push({ feed: "roster", name: "Roster", lastAt: roster.finishedAt, days: daysSince(roster.finishedAt) });
  for (const p of providers) stale.push({ feed: "provider", name: p.name, lastAt: p.resultsAsOf!, days: daysSince(p.resultsAsOf!) });
  return { thresholdDays: staleAfterDays, stale };
}

/** "Apex Learning results last arrived 4 days ago" / "The roster last arrived 4 days ago". */
export function staleText(f: StaleFeed): string {
  const ago = f.days === 1 ? "1 day ago" : `${f.days} days ago`;
  return f.feed === "roster" ? `The roster last arrived ${ago}` : `${f.name} results last arrived ${ago}`;
}

/** The landing folder's last files that were not imported (failed/), newest first. */
export async function landingFailures(take = 5) {
  return db().landingFile.findMany({ where: { status: "failed" }, orderBy: { createdAt: "desc" }, take, select: { id: true, fileName: true, filedAs: true, reason: true, createdAt: true, runId: true, kind: true } });
}
