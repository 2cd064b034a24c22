// `npm run backup -- <file>` / `npm run restore -- <file>`
// PostgreSQL server (DATABASE_URL): pg_dump custom format / pg_restore --clean into that database.
// Embedded PGlite: a copy of the data folder — stop the app first (one process may open it).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const [verb, file] = process.argv.slice(2);
if (!["backup", "restore"].includes(verb) || !file) {
  console.error("usage: node scripts/backup.mjs backup|restore <file-or-folder>");
  process.exit(2);
}
const PGBIN = fs.existsSync("/usr/lib/postgresql/15/bin") ? "/usr/lib/postgresql/15/bin/" : "";
const url = process.env.DATABASE_URL;

if (url) {
  if (verb === "backup") execFileSync(`${PGBIN}pg_dump`, ["--format=custom", "--no-owner", `--file=${file}`, url], { stdio: "inherit" });
  else execFileSync(`${PGBIN}pg_restore`, ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${url}`, file], { stdio: "inherit" });
} else {
  const dir = path.resolve(process.env.PGLITE_DIR ?? ".data/pglite");
  const lock = path.join(dir, "postmaster.pid");
  if (fs.existsSync(lock)) console.warn(`note: ${lock} exists; make sure the app is stopped`);
  if (verb === "backup") fs.cpSync(dir, file, { recursive: true });
  else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(file, dir, { recursive: true });
  }
}
console.log(`${verb} done: ${file}`);
