import "server-only";
import fs from "node:fs";
import path from "node:path";

// The landing folder's layout: new files at its top level; what was taken is filed under
// processed/ (imported, or already imported before) or failed/, with a dated name that never
// overwrites, and its report beside it as <filed name>.report.json.

export const PROCESSED = "processed";
export const FAILED = "failed";

/**
 * Entries the tick considers: files and folders at the top, not processed/, failed/, dot-names or
 * the names upload tools give a file while they write it (WinSCP's `x.csv.filepart`, `.part`,
 * `.tmp`, `.partial`, `.crdownload`).
 */
export const PARTIAL_UPLOAD = /\.(filepart|part|partial|tmp|crdownload)$/i;
export async function newEntries(folder: string): Promise<string[]> {
  const names = await fs.promises.readdir(folder);
  return names.filter((n) => n !== PROCESSED && n !== FAILED && !n.startsWith(".") && !PARTIAL_UPLOAD.test(n)).sort();
}

export type Look = { size: number; mtimeMs: number; files: number };

/** A file's size and time; a folder's total size, newest time and file count (recursively). */
export async function look(p: string): Promise<Look> {
  const stat = await fs.promises.lstat(p); // a symbolic link is not followed (take() refuses it)
  if (!stat.isDirectory()) return { size: stat.size, mtimeMs: stat.mtimeMs, files: 1 };
  const out: Look = { size: 0, mtimeMs: stat.mtimeMs, files: 0 };
  for (const n of await fs.promises.readdir(p)) {
    const l = await look(path.join(p, n));
    out.size += l.size;
    out.files += l.files;
    out.mtimeMs = Math.max(out.mtimeMs, l.mtimeMs);
  }
  return out;
}

export const sameLook = (a: Look, b: Look) => a.size === b.size && a.mtimeMs === b.mtimeMs && a.files === b.files;

/**
 * Moves `p` into `<folder>/<sub>/` as `YYYY-MM-DDTHH-MM-SSZ_<name>` (UTC), `…_<name>-2`… when that
 * name is taken, and stamps it with the filing time (retention counts from it). Returns the new path.
 */
export async function fileAway(folder: string, sub: typeof PROCESSED | typeof FAILED, p: string, now: Date): Promise<string> {
  const dir = path.join(folder, sub);
  await fs.promises.mkdir(dir, { recursive: true });
  const stamp = now.toISOString().slice(0, 19).replaceAll(":", "-") + "Z";
  const name = path.basename(p);
  const ext = path.extname(name);
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? `${stamp}_${name}` : `${stamp}_${path.basename(name, ext)}-${i}${ext}`);
    if (fs.existsSync(candidate) || fs.existsSync(`${candidate}.report.json`)) continue;
    await fs.promises.rename(p, candidate);
    await fs.promises.utimes(candidate, now, now).catch(() => {});
    return candidate;
  }
}

export async function writeReport(filed: string, report: unknown): Promise<void> {
  await fs.promises.writeFile(`${filed}.report.json`, JSON.stringify(report, null, 2) + "\n", { mode: 0o600 });
}

/**
 * Retention (README "Landing folder"): deletes what processed/ and failed/ hold (files, folders
 * and reports) once filed more than `days` days before `now` (by the time stamped on filing).
 * They hold student data. Returns the deleted names (relative to the landing folder).
 */
export async function deleteExpired(folder: string, days: number, now = new Date()): Promise<string[]> {
  const cutoff = now.getTime() - days * 86_400_000;
  const deleted: string[] = [];
  for (const sub of [PROCESSED, FAILED]) {
    const dir = path.join(folder, sub);
    let names: string[];
    try {
      names = await fs.promises.readdir(dir);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw e;
    }
    for (const n of names) {
      const p = path.join(dir, n);
      const stat = await fs.promises.lstat(p);
      if (stat.mtimeMs >= cutoff) continue;
      await fs.promises.rm(p, { recursive: true, force: true });
      deleted.push(path.join(sub, n));
    }
  }
  return deleted;
}
