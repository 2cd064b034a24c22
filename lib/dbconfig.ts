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
