// One process at a time on an embedded (PGlite) database folder.
// PGlite 0.5 takes no lock of its own: a second process opens the same folder silently, and two
// writers overwrite each other's files. Tried: with `npm run seed` writing, `npm run report` on the
// same PGLITE_DIR died with "Aborted(). Build with -sASSERTIONS…", a page of PGlite's minified
// source and a WebAssembly trace; with the other process idle, both opened. Its postmaster.pid
// holds no process id (-42) and stays behind after a crash, so it cannot tell who holds the folder.
// So every process that opens the folder (lib/db.ts, prisma.config.ts, scripts/lib.mjs,
// scripts/backup.mjs) first creates `<folder>.lock` holding its process id, and removes it when it
// closes the database or exits. A lock whose process is gone (killed, crashed) is taken over.
// Plain JavaScript so the Node scripts (.mjs) and the TypeScript code share it.
import fs from "node:fs";
import path from "node:path";

export const lockFileOf = (dir) => `${path.resolve(dir)}.lock`;

/**
 * One line for the person at the terminal: which process holds which lock file, and the way out
 * when that process id is no longer CreditTrack's (a kill -9 leaves the file, and the system may
 * give its id to another program, which then looks like a living holder).
 */
export class DatabaseInUseError extends Error {
  constructor(dir, pid) {
    const file = lockFileOf(dir);
    super(
      `The embedded database in ${dir} is in use by another process (process ${pid}, lock file ${file}): is the app running? Stop it, or set DATABASE_URL. ` +
        `If no CreditTrack process ${pid} is running (after a kill -9 its id can pass to another program), delete ${file} to free it.`,
    );
    this.name = "DatabaseInUseError";
    this.dir = dir;
    this.pid = pid;
    this.lockFile = file;
  }
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === "EPERM"; // exists, owned by someone else
  }
}

function holderOf(file) {
  try {
    const pid = Number(fs.readFileSync(file, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function youngerThan(file, ms) {
  try {
    return Date.now() - fs.statSync(file).mtimeMs < ms;
  } catch {
    return false;
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const mine = new Set();

function release(file) {
  if (!mine.delete(file)) return;
  if (holderOf(file) === process.pid) fs.rmSync(file, { force: true });
}

process.on("exit", () => {
  for (const file of [...mine]) release(file);
});

/**
 * Takes the folder's lock for this process (again, if it already holds it) and returns its
 * release. Throws DatabaseInUseError while another living process holds it, after waiting up to
 * `waitMs` for that process to let go (a server worker replacing one that is still exiting).
 */
export function lockEmbedded(dir, { waitMs = 0 } = {}) {
  const file = lockFileOf(dir);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      mine.add(file);
      return () => release(file);
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
    }
    const pid = holderOf(file);
    if (pid === process.pid) {
      mine.add(file);
      return () => release(file);
    }
    if (pid !== null && alive(pid)) {
      if (Date.now() >= deadline) throw new DatabaseInUseError(dir, pid);
      sleep(100);
      continue;
    }
    if (pid === null && youngerThan(file, 1000)) {
      sleep(20); // another process is writing its id into the file it just created
      continue;
    }
    // Its process is gone: take the lock over. (Two processes taking over the same stale lock at
    // the same instant could both succeed; a crash followed by two starts in one millisecond.)
    fs.rmSync(file, { force: true });
  }
}
