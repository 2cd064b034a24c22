// The connection budget (issue 17): how many PostgreSQL connections the app may hold, in one home.
// Each server process (a worker of scripts/serve.mjs) holds ONE pool of DATABASE_POOL connections,
// shared by Prisma's adapter and the SQL boundary (lib/db.ts), plus the job runner's
// JOB_CONNECTIONS when it runs jobs (lib/jobs/boss.ts). Over every host:
//
//   hosts × workers × (pool + jobs) ≤ max_connections − reserved − headroom
//
// - max_connections and the connections reserved for superusers (superuser_reserved_connections,
//   and reserved_connections from PostgreSQL 16) are read from the server at start-up;
// - headroom (DATABASE_HEADROOM, default 10) is kept for what else connects: psql, migrations,
//   backups, `npm run import`/`report` commands (each opens a pool of its own), the landing
//   folder's tick (one direct connection for its session lock while it runs) and the job runner's
//   start (one while pg-boss starts, processes taking turns): lib/sql/session-lock.ts;
// - hosts (APP_HOSTS, default 1): how many machines run this server against the same database.
// Unset DATABASE_POOL is chosen to fit (at most DEFAULT_POOL); a set one that does not fit stops
// the server with the figures, rather than failing later with "too many clients" under load.
// Plain JavaScript: the server's primary process (scripts/serve.mjs) runs it before Next loads.

export const DEFAULT_POOL = 10;
/** pg-boss's pool in each process that runs jobs (lib/jobs/boss.ts). */
export const JOB_CONNECTIONS = 2;
export const DEFAULT_HEADROOM = 10;
/**
 * How long a pooled connection may sit idle before the pool closes it (node-postgres closes them
 * after 10 s by default). A connection opened again pays for its start-up, and its server process
 * for its first statements: each named statement prepared again, the catalogs read again. With
 * 10 s, a district view read after a quiet spell — at the city scale, after the bench's 7–12 s
 * baselines — found its connections closed, and its statements took 300–450 ms instead of ~100.
 * The budget above counts every pooled connection as held, so keeping idle ones longer takes
 * nothing from it.
 */
export const POOL_IDLE_MS = 5 * 60_000;
/**
 * TCP keepalive on the pools' connections after this much quiet: a firewall or NAT between the app
 * and the server that forgets idle connections sooner than POOL_IDLE_MS (some clouds' after 4
 * minutes) would otherwise leave a kept connection dead, and the next statement on it waiting for
 * TCP to give up (the system's default first probe comes after 2 hours).
 */
export const KEEPALIVE_MS = 60_000;

function count(env, name, fallback, min) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min}, not "${raw}"`);
  return n;
}

/** This process's pool size: DATABASE_POOL (set by the server's primary when it chose it), or the default. */
export function poolSize(env = process.env) {
  return count(env, "DATABASE_POOL", DEFAULT_POOL, 1);
}

/**
 * The budget for `workers` processes on this host given the server's limits. Returns the pool
 * each process gets and the arithmetic, or throws an Error whose message says what to change.
 */
export function planBudget({ maxConnections, reserved, workers, jobs }, env = process.env) {
  const hosts = count(env, "APP_HOSTS", 1, 1);
  const headroom = count(env, "DATABASE_HEADROOM", DEFAULT_HEADROOM, 0);
  const jobConnections = jobs ? JOB_CONNECTIONS : 0;
  const limit = maxConnections - reserved - headroom;
  const processes = hosts * workers;
  const fits = Math.floor(limit / processes) - jobConnections;
  const chosen = env.DATABASE_POOL === undefined || env.DATABASE_POOL.trim() === "";
  // Behind a pooler in transaction mode (DATABASE_POOLER, lib/dbconfig.ts) the pools connect to the
  // pooler, whose own pool (PgBouncer's default_pool_size) is what the server sees: only the direct
  // connections (the job runner's) count here, and the pool keeps its default.
  const pooler = (env.DATABASE_POOLER ?? "").trim().toLowerCase() === "transaction";
  const pool = chosen ? (pooler ? DEFAULT_POOL : Math.min(DEFAULT_POOL, fits)) : poolSize(env);
  const total = processes * ((pooler ? 0 : pool) + jobConnections);
  const each = pooler
    ? `(${pool} pooled through the pooler, not counted${jobConnections ? ` + ${jobConnections} jobs direct` : ""})`
    : `(${pool} pooled${jobConnections ? ` + ${jobConnections} jobs` : ""})`;
  const line = `${hosts} host${hosts === 1 ? "" : "s"} × ${workers} worker${workers === 1 ? "" : "s"} × ${each} = ${total} connections of ${limit} (max_connections ${maxConnections} − ${reserved} reserved − ${headroom} headroom)`;
  if (pool < 2 || total > limit) {
    throw new Error(
      `The database connection budget does not fit: ${line}. ` +
        (chosen
          ? "Lower WEB_CONCURRENCY or APP_HOSTS, or raise the server's max_connections."
          : "Lower DATABASE_POOL, WEB_CONCURRENCY or APP_HOSTS, or raise the server's max_connections.") +
        " (README: Connection budget)",
    );
  }
  return { pool, total, limit, line };
}

/** Reads the server's limits (one short connection) and plans the budget for `workers` processes. */
export async function checkConnectionBudget(url, { workers, jobs, options }, env = process.env) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, options: options || undefined, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT current_setting('max_connections')::int AS max,
              current_setting('superuser_reserved_connections')::int
              + coalesce(current_setting('reserved_connections', true)::int, 0) AS reserved`,
    );
    return planBudget({ maxConnections: rows[0].max, reserved: rows[0].reserved, workers, jobs }, env);
  } finally {
    await client.end();
  }
}
