// Where the database lives. Shared by the app (lib/db.ts), prisma.config.ts and scripts.
// No DATABASE_URL → embedded PGlite in PGLITE_DIR (default .data/pglite).
// DATABASE_URL=postgres://… → a PostgreSQL server.
import path from "node:path";

export const PLACEHOLDER_URL = "postgresql://embedded.invalid/pglite";

export function serverUrl(): string | null {
  const url = process.env.DATABASE_URL;
  if (!url || url === PLACEHOLDER_URL) return null;
  if (!/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(`DATABASE_URL must be a postgres:// URL (got "${url.slice(0, 20)}…"). Unset it to use the embedded database.`);
  }
  return url;
}

export function pgliteDir(): string {
  const dir = process.env.PGLITE_DIR ?? ".data/pglite";
  return dir.startsWith("memory://") ? dir : path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
}

/**
 * Planner settings for every connection to a PostgreSQL server (libpq `options`), set once per
 * connection rather than per query:
 * - random_page_cost = 1.1, PostgreSQL's usual value for SSD or in-memory data (the default of 4
 *   assumes spinning disks): at 4 the planner hashes whole tables (60,000 students) to join the few
 *   thousand rows of one school or one caseload; at 1.1 it uses the indexes;
 * - max_parallel_workers_per_gather = 0: a summary sends its five queries at once and many people
 *   use the app at once, so workers only contend for the same cores (measured on the 2-core bench
 *   machine: one school's summary 58 ms p50 without workers, 70 ms with; the district's no slower);
 * - jit = off: JIT compiles a statement whose estimated cost passes jit_above_cost, and the program
 *   quality report's correlated subqueries inflate its estimate: compiling took 2.5 s of a 4.7 s
 *   district read on the 60k bench (EXPLAIN ANALYZE), for no gain on statements this short.
 * PG_SESSION_OPTIONS overrides them (empty string: the server's own settings).
 */
export function pgSessionOptions(): string {
  return process.env.PG_SESSION_OPTIONS ?? "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0 -c jit=off";
}
