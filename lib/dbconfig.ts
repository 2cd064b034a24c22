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

/**
 * A direct connection to the PostgreSQL server, for what needs one session of its own and so cannot
 * go through a pooler in transaction mode: migrations, the job runner (pg-boss), session advisory
 * locks (lib/sql/session-lock.ts), bulk loads (the seed) and the connection budget's check.
 * DATABASE_DIRECT_URL when a pooler is in front (DATABASE_POOLER), else DATABASE_URL itself.
 */
export function directUrl(): string | null {
  const url = serverUrl();
  if (!url) return null;
  const direct = process.env.DATABASE_DIRECT_URL;
  if (!direct) return url;
  if (!/^postgres(ql)?:\/\//.test(direct)) throw new Error(`DATABASE_DIRECT_URL must be a postgres:// URL (got "${direct.slice(0, 20)}…").`);
  return direct;
}

/**
 * A streaming replica of the server (DATABASE_READ_URL), for the report aggregates: read there
 * only when it holds every write that can change them (lib/reports/cache.ts), else on the server.
 * It must name one replica (not a balancer over several): the check and the read go to the same one.
 */
export function readReplicaUrl(): string | null {
  const url = process.env.DATABASE_READ_URL;
  if (!url || !serverUrl()) return null;
  if (!/^postgres(ql)?:\/\//.test(url)) throw new Error(`DATABASE_READ_URL must be a postgres:// URL (got "${url.slice(0, 20)}…").`);
  return url;
}

/**
 * Whether DATABASE_URL is a pooler in transaction mode (DATABASE_POOLER=transaction: PgBouncer's
 * pool_mode = transaction). Each transaction, or statement outside one, may then run on another
 * server connection, so the request pool (lib/db.ts) sends no named prepared statements (lib/sql/
 * db.ts preparedQuery runs them unnamed: parsed and planned on every run) and no startup `options`
 * (PgBouncer 1.18 refuses the parameter): the planner settings come from the database itself
 * (migration 20261203020000_planner_settings). Unset or "none": a direct connection.
 */
export function poolerMode(): "transaction" | null {
  const v = (process.env.DATABASE_POOLER ?? "").trim().toLowerCase();
  if (v === "" || v === "none") return null;
  if (v === "transaction") {
    // Through the pooler, a migration's or the landing folder's session lock would be taken on one
    // server connection and left on it: what needs a session must have its own way in.
    if (!process.env.DATABASE_DIRECT_URL)
      throw new Error("DATABASE_POOLER=transaction needs DATABASE_DIRECT_URL: a direct connection to PostgreSQL, past the pooler, for migrations, jobs and locks.");
    return "transaction";
  }
  throw new Error(
    `DATABASE_POOLER must be "transaction" (a pooler such as PgBouncer in transaction mode in front of DATABASE_URL) or unset, not "${process.env.DATABASE_POOLER}".`,
  );
}

export function pgliteDir(): string {
  const dir = process.env.PGLITE_DIR ?? ".data/pglite";
  return dir.startsWith("memory://") ? dir : path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
}

/**
 * Planner settings for every connection to a PostgreSQL server (libpq `options`), set once per
 * connection rather than per query. The migrations also set them on the database (ALTER DATABASE …
 * SET, migration 20261203020000_planner_settings), which is what a connection through a pooler gets:
 * behind DATABASE_POOLER none are sent. Here they still cover a database the migrations did not
 * make (a test's copy of a template keeps no per-database settings). The settings:
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
  if (process.env.PG_SESSION_OPTIONS !== undefined) return process.env.PG_SESSION_OPTIONS;
  return poolerMode() ? "" : PLANNER_OPTIONS;
}

/** The planner settings above, as libpq options (the migration sets the same values on the database). */
export const PLANNER_OPTIONS = "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0 -c jit=off";
