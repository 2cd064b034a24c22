import "server-only";
import fs from "node:fs";
import path from "node:path";
import { migrationState } from "@/lib/sql/queries/migration-state";

// The health check a load balancer polls (GET /api/health, README "Several hosts and a pooler"):
// this process can serve — it is not draining (scripts/serve/worker.mjs: after SIGTERM it says so
// while it finishes its requests), its database answers, and every migration this build ships is
// applied and finished. It answers anyone, so it says counts, not names: the migrations' names, and
// database errors (whose text may name hosts), go to the server's log.

export type Health = {
  status: "ok" | "draining" | "unavailable";
  database: "reachable" | "unreachable";
  migrations: { current: boolean; applied: number; expected: number; pending: number; unfinished: number } | null;
};

/** Set by the server's worker on SIGTERM (scripts/serve/worker.mjs); read here, in the same process. */
export const isDraining = () => (globalThis as { __creditTrackDraining?: boolean }).__creditTrackDraining === true;

/**
 * The migration folders this build ships (prisma/migrations), by name: in the app's folder, which
 * the server's worker names (CT_APP_DIR: `npm start -- <folder>`), else the working directory.
 */
export function shippedMigrations(dir = path.join(/*turbopackIgnore: true*/ process.env.CT_APP_DIR ?? process.cwd(), "prisma", "migrations")): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

let lastLogged = "";
/** Logs a reason once, not on every poll. */
function logOnce(line: string): void {
  if (line === lastLogged) return;
  lastLogged = line;
  console.error(`Health check: ${line}`);
}

export async function checkHealth(expected?: string[]): Promise<Health> {
  let shipped: string[];
  try {
    shipped = expected ?? shippedMigrations();
  } catch (e) {
    logOnce(`cannot read this build's migrations (${e instanceof Error ? e.message : e}); set CT_APP_DIR to the app's folder.`);
    return { status: "unavailable", database: "reachable", migrations: null };
  }
  let recorded: { name: string; finished: boolean }[] | null;
  try {
    recorded = await migrationState();
  } catch (e) {
    logOnce(`the database did not answer: ${e instanceof Error ? e.message : e}`);
    return { status: isDraining() ? "draining" : "unavailable", database: "unreachable", migrations: null };
  }
  const done = new Set((recorded ?? []).filter((m) => m.finished).map((m) => m.name));
  const unfinished = (recorded ?? []).filter((m) => !m.finished).map((m) => m.name);
  const pending = shipped.filter((m) => !done.has(m));
  const current = pending.length === 0 && unfinished.length === 0;
  if (!current) logOnce(`migrations not applied: ${[...pending, ...unfinished.map((m) => `${m} (unfinished)`)].join(", ")}`);
  const migrations = { current, applied: done.size, expected: shipped.length, pending: pending.length, unfinished: unfinished.length };
  const status = isDraining() ? "draining" : current ? "ok" : "unavailable";
  return { status, database: "reachable", migrations };
}
