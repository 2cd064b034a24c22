import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";
import { perDatabase, sqlRows } from "@/lib/db";

// The report aggregates (sql.ts), reused while their sources are unchanged (DEFINITIONS.md "How
// fresh the figures are"). Each source table has a version (ReportSource), set to a never-used value
// by a trigger in the transaction of every write that can change a figure (migration
// 20261201130000_report_sources). A read takes the versions first, then the data: whatever the
// data statement sees was committed with those versions or later, so rows kept under a version are
// never older than a write the version includes. A later write changes the version, and the next
// read computes afresh: the figures are exact after every write, on every host (the versions live in
// PostgreSQL; each process keeps its own rows).
// The rows are frozen: shared by every request that reads them (figures.ts memoizes its
// disclosure decisions per rows object, so an unchanged figure is not decided again).

/** What the figures read (ReportSource.name). */
export type Source = "students" | "statusEvents" | "rolls" | "enrollments";

/** Entries kept (least recently used go first): a district view, each school's 5-year views, the API's years. */
const MAX_ENTRIES = 256;

type State = { entries: Map<string, Promise<readonly unknown[]>>; versions: Promise<Map<string, string>> | null };
const state = () => perDatabase<State>("reportCache", () => ({ entries: new Map(), versions: null }));

/** REPORT_CACHE=off computes every figure from the records on every read (for comparison and debugging). */
const enabled = () => process.env.REPORT_CACHE !== "off";

/**
 * The sources' versions, read in one statement. Reads that start while one is in flight share it:
 * it began before any of their data statements.
 */
function versions(): Promise<Map<string, string>> {
  const s = state();
  if (!s.versions) {
    const read = sqlRows<{ name: string; version: string }>(Prisma.sql`SELECT name, version::text AS version FROM "ReportSource"`);
    s.versions = read.then((rows) => new Map(rows.map((r) => [r.name, r.version])));
    const clear = () => {
      s.versions = null;
    };
    s.versions.then(clear, clear);
  }
  return s.versions;
}

const freeze = <T>(rows: T[]): readonly T[] => {
  for (const r of rows) Object.freeze(r);
  return Object.freeze(rows);
};

/** The rows of `query`, which reads only `sources`: computed once per version of those sources. */
export async function cachedRows<T>(sources: Source[], query: Prisma.Sql): Promise<readonly T[]> {
  if (!enabled()) return freeze(await sqlRows<T>(query));
  const v = await versions();
  const key = createHash("sha1")
    .update(sources.map((s) => `${s}=${v.get(s) ?? "none"}`).join(","))
    .update("\0")
    .update(query.text)
    .update("\0")
    .update(JSON.stringify(query.values))
    .digest("base64");
  const { entries } = state();
  let hit = entries.get(key);
  if (hit) {
    entries.delete(key); // most recently used last
    entries.set(key, hit);
    return hit as Promise<readonly T[]>;
  }
  hit = sqlRows<T>(query).then(freeze);
  entries.set(key, hit);
  hit.catch(() => entries.delete(key));
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  return hit as Promise<readonly T[]>;
}

/** Forgets every kept figure (tests compare the kept path with a fresh one). */
export function clearReportCache(): void {
  state().entries.clear();
}
