// `npm run backup -- <file>` / `npm run restore -- <file>`
// PostgreSQL server (DATABASE_URL): pg_dump custom format / pg_restore --clean into that database.
// Embedded PGlite: a copy of the data folder, made holding the folder's lock (lib/pglite-lock.mjs):
// refused while the app or another command has the database open.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DatabaseInUseError, lockEmbedded } from "../lib/pglite-lock.mjs";

const [verb, file] = process.argv.slice(2);
if (!["backup", "restore"].includes(verb) || !file) {
  console.error("usage: node scripts/backup.mjs backup|restore <file-or-folder>");
  process.exit(2);
}
const PGBIN = fs.existsSync("/usr/lib/postgresql/15/bin") ? "/usr/lib/postgresql/15/bin/" : "";
// pg_dump and pg_restore set session settings before their transaction: past any pooler
// (DATABASE_DIRECT_URL, lib/dbconfig.ts directUrl).
const url = process.env.DATABASE_URL ? process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL : undefined;

if (url) {
  if (verb === "backup") execFileSync(`${PGBIN}pg_dump`, ["--format=custom", "--no-owner", `--file=${file}`, url], { stdio: "inherit" });
  else execFileSync(`${PGBIN}pg_restore`, ["--clean", "--if-exists", "--no-owner", "--single-transaction", `--dbname=${url}`, file], { stdio: "inherit" });
} else {
  const dir = path.resolve(process.env.PGLITE_DIR ?? ".data/pglite");
  let unlock;
  try {
    unlock = lockEmbedded(dir);
  } catch (e) {
    if (!(e instanceof DatabaseInUseError)) throw e;
    console.error(e.message);
    process.exit(1);
  }
  if (verb === "backup") fs.cpSync(dir, file, { recursive: true });
  else {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(file, dir, { recursive: true });
  }
  unlock();
}
console.log(`${verb} done: ${file}`);
