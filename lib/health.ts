import "server-only";
import fs from "node:fs";
import path from "node:path";
import { migrationState } from "@/lib/sql/queries/migration-state";

// The health check a load balancer polls (GET /api/health, README "Several hosts and a pooler"):
// this process can serve — it is not draining (scripts/serve/worker.mjs: after SIGTERM it says so
// while it finishes its requests), its database answers, and every migration this build ships is
// applied and finished. Nothing here names a student or a user; database errors are logged, not
// returned (their text may name hosts).

export type Health = {
  status: "ok" | "draining" | "unavailable";
  database: "reachable" | "unreachable";
  migrations: { current: boolean; applied: number; expected: number; pending: string[]; unfinished: string[] } | null;
};

/** How long the database may take to answer before the check says it is unreachable. */
const DATABASE_TIMEOUT_MS = 3000;

/** Set by the server's worker on SIGTERM (scripts/serve/worker.mjs); read here, in the same process. */
export const isDraining = () => (globalThis as { __creditTrackDraining?: boolean }).__creditTrackDraining === true;

/** The migration folders this build ships (prisma/migrations), by name. */
export function shippedMigrations(dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations")): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export async function checkHealth(expected: string[] = shippedMigrations()): Promise<Health> {
  let recorded: { name: string; finished: boolean }[] | null;
  try {
    recorded = await withTimeout(migrationState(), DATABASE_TIMEOUT_MS);
  } catch (e) {
    console.error(`Health check: the database did not answer: ${e instanceof Error ? e.message : e}`);
    return { status: "unavailable", database: "unreachable", migrations: null };
  }
  const done = new Set((recorded ?? []).filter((m) => m.finished).map((m) => m.name));
  const unfinished = (recorded ?? []).filter((m) => !m.finished).map((m) => m.name);
  const pending = expected.filter((m) => !done.has(m));
  const current = pending.length === 0 && unfinished.length === 0;
  const migrations = { current, applied: done.size, expected: expected.length, pending, unfinished };
  const status = !current ? "unavailable" : isDraining() ? "draining" : "ok";
  return { status, database: "reachable", migrations };
}
