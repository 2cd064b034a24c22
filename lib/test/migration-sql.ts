// Every migration's SQL in order: what a fresh test database runs (lib/test/db.ts) and what the
// run's PostgreSQL template is made of (lib/test/global-setup.ts).
import fs from "node:fs";
import path from "node:path";

export function migrationSql(): string {
  const dir = path.resolve(import.meta.dirname, "../../prisma/migrations");
  return fs
    .readdirSync(dir)
    .filter((d) => fs.statSync(path.join(dir, d)).isDirectory())
    .sort()
    .map((d) => fs.readFileSync(path.join(dir, d, "migration.sql"), "utf8"))
    .join("\n");
}
