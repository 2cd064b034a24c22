import "server-only";
import { db } from "@/lib/db";
import { getLandingSettings } from "@/lib/imports/landing/settings";

// Staleness (issue #15): the roster and each provider's results should keep arriving. A feed whose
// last successful import is older than its threshold is named to district administrators on every
// page (the banner in app/(app)/layout.tsx, Imports included):
//   - roster: the last OneRoster import that wrote (succeeded or partial, not a preview), by its
//     end; threshold: the district's staleAfterDays (Settings, default 3);
//   - a provider: Provider.resultsAsOf, set by every provider progress import that touched one of
//     its enrollments (lib/imports/progress/as-of.ts); threshold: its own Provider.staleAfterDays
//     (Settings → overdue provider results: a provider that sends weekly files needs more than a
//     daily one), else the district's.
// Stale when the last arrival is more than the threshold's days before now. A feed never imported
// is not "stale" (the Readiness page lists what was never loaded).

/**
 * expectedDays: the threshold that applied to this feed (its own, or the district's).
 * days: the whole days certainly past since lastAt, the largest whole number of days below the time
 * elapsed (4 d 1 h → 4; exactly 4 d → 3), so "more than `days` days ago" is always true. A stale
 * feed is past its threshold, so days ≥ expectedDays ≥ 1: a feed 1 minute past its 2 days reads
 * "more than 2 days ago (expected within 2 days)", never "2 days ago", which read as on time.
 */
export type StaleFeed = { feed: "roster" | "provider"; name: string; lastAt: Date; days: number; expectedDays: number };

const DAY_MS = 86_400_000;

export async function staleFeeds(now = new Date()): Promise<{ thresholdDays: number; stale: StaleFeed[] }> {
  // Three reads at once. Providers are few (one row per vendor), so each one's own threshold is
  // applied here rather than in SQL; one query whatever the number of providers.
  const [{ staleAfterDays }, roster, providers] = await Promise.all([
    getLandingSettings(),
    db().importRun.findFirst({
      where: { kind: "oneroster", dryRun: false, status: { in: ["succeeded", "partial"] }, finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
    db().provider.findMany({ where: { resultsAsOf: { not: null } }, select: { name: true, resultsAsOf: true, staleAfterDays: true }, orderBy: { name: "asc" } }),
  ]);
  const stale: StaleFeed[] = [];
  const check = (feed: StaleFeed["feed"], name: string, lastAt: Date, expectedDays: number) => {
    const elapsed = now.getTime() - lastAt.getTime();
    if (elapsed > expectedDays * DAY_MS) stale.push({ feed, name, lastAt, days: Math.ceil(elapsed / DAY_MS) - 1, expectedDays });
  };
  if (roster?.finishedAt) check("roster", "Roster", roster.finishedAt, staleAfterDays);
  for (const p of providers) check("provider", p.name, p.resultsAsOf!, p.staleAfterDays ?? staleAfterDays);
  return { thresholdDays: staleAfterDays, stale };
}

const dayCount = (n: number) => (n === 1 ? "1 day" : `${n} days`);

/**
 * The banner's one sentence for a stale feed (components/imports/stale-feeds.tsx adds the exact
 * moment): "Apex Learning results last arrived more than 4 days ago (expected within 2 days)" /
 * "The roster last arrived more than 3 days ago (expected within 3 days)".
 */
export function staleText(f: StaleFeed): string {
  const ago = `more than ${dayCount(f.days)} ago (expected within ${dayCount(f.expectedDays)})`;
  return f.feed === "roster" ? `The roster last arrived ${ago}` : `${f.name} results last arrived ${ago}`;
}

/** The landing folder's last files that were not imported (failed/), newest first. */
export async function landingFailures(take = 5) {
  return db().landingFile.findMany({
    where: { status: "failed" },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, fileName: true, filedAs: true, reason: true, createdAt: true, runId: true, kind: true },
  });
}
