import "server-only";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { withSessionLock } from "@/lib/sql/session-lock";
import { runImport, type RunResult } from "@/lib/imports/run";
import { openSource, sha256File } from "@/lib/imports/source";
import { detectImportKind } from "@/lib/imports/detect";
import { markInterruptedRuns } from "@/lib/imports/interrupted";
import { landingConfig, landingFolderProblem } from "@/lib/imports/landing/settings";
import { deleteExpired, FAILED, fileAway, look, newEntries, PROCESSED, sameLook, writeReport } from "@/lib/imports/landing/files";
import type { ImportKind } from "@/lib/imports/report";

// One look at the landing folder (issue #15; README "Landing folder"), run by the job runner every
// interval (lib/jobs). For each new entry (a file or folder at the top, not processed/, failed/ or
// a dot-name):
//   1. its size and time are looked at twice, settleMs apart: one that changed is being written and
//      is left for the next tick (an upload stalled longer than settleMs can look finished: the
//      README asks for a temporary name and a rename, and names like x.csv.filepart are skipped);
//   2. its sha256 already imported from the folder → filed under processed/ as a duplicate, not
//      imported again;
//   3. its kind is detected (lib/imports/detect.ts); unknown → failed/ with the reason;
//   4. runImport(null, kind, file, { mapping, source: "landing" }): all-or-nothing, as from the
//      command line; written → processed/, refused → failed/.
// Each filed entry gets its report beside it (<filed name>.report.json) and a LandingFile row.

export type TickOutcome = { file: string; status: "imported" | "failed" | "duplicate" | "unsettled"; filedAs?: string; kind?: ImportKind; runId?: string; reason?: string };
export type TickOptions = {
  folder?: string | null;
  settleMs?: number;
  now?: () => Date;
  /** Called between the two looks (tests: a writer that is still writing). */
  betweenLooks?: () => void | Promise<void>;
};

/**
 * One tick at a time, whoever runs it: the job runner, `npm run jobs -- --once` from cron beside a
 * running server, or two server processes. In a process, ticks queue on one promise; across
 * processes on PostgreSQL, a tick holds a session advisory lock on a connection of its own, and a
 * tick that cannot take it does nothing (another process is looking at the folder). The embedded
 * database is one process's alone.
 */
let running: Promise<unknown> = Promise.resolve();
export function landingTick(opts: TickOptions = {}): Promise<TickOutcome[]> {
  const mine = running.then(() => withFolderLock(() => tick(opts)));
  running = mine.catch(() => undefined);
  return mine;
}

const LOCK_KEY = "credittrack:landing-tick";
/** Runs `fn` unless another process is looking at the folder (lib/sql/session-lock.ts): then nothing. */
function withFolderLock(fn: () => Promise<TickOutcome[]>): Promise<TickOutcome[]> {
  return withSessionLock(LOCK_KEY, [], fn);
}

async function tick(opts: TickOptions): Promise<TickOutcome[]> {
  const config = await landingConfig();
  const folder = opts.folder === undefined ? config.folder : opts.folder;
  if (!folder) return [];
  // Checked again on every tick: the folder (or a link on its path) may have changed since it was saved.
  const problem = await landingFolderProblem(folder);
  if (problem) {
    console.error(`Landing folder: not looked at: ${problem}`);
    return [];
  }
  const now = opts.now ?? (() => new Date());
  await markInterruptedRuns().catch((e: unknown) => console.error("could not mark interrupted import runs:", e));
  const names = await newEntries(folder);
  if (names.length === 0) return [];
  const first = new Map<string, Awaited<ReturnType<typeof look>>>();
  for (const n of names) first.set(n, await look(path.join(folder, n)).catch(() => ({ size: -1, mtimeMs: -1, files: -1 })));
  await opts.betweenLooks?.();
  await sleep(opts.settleMs ?? config.settleMs);
  const out: TickOutcome[] = [];
  for (const n of names) {
    const p = path.join(folder, n);
    const second = await look(p).catch(() => null);
    if (!second || !sameLook(first.get(n)!, second)) {
      out.push({ file: n, status: "unsettled" });
      continue;
    }
    out.push(await take(folder, n, now));
  }
  return out;
}

async function take(folder: string, name: string, now: () => Date): Promise<TickOutcome> {
  const p = path.join(folder, name);
  const stat = await fs.promises.lstat(p);
  // A symbolic link could lead anywhere the server can read: it is filed, never followed.
  if (stat.isSymbolicLink())
    return file(
      folder,
      p,
      { file: name, status: "failed", reason: `"${name}" is a symbolic link: the landing folder takes files and folders only, and does not follow links.` },
      "",
      null,
      now(),
    );
  const isDir = stat.isDirectory();
  const checksum = isDir ? await folderChecksum(p) : await sha256File(p);
  // A run an administrator reverted does not count: its file may come again (lib/imports/revert.ts).
  const reverted = await db().importRun.findMany({ where: { checksum, revertedAt: { not: null } }, select: { id: true } });
  const earlier = await db().landingFile.findFirst({ where: { checksum, status: "imported", runId: { notIn: reverted.map((r) => r.id) } }, orderBy: { createdAt: "asc" } });
  if (earlier) {
    const reason = `Already imported from the landing folder on ${earlier.createdAt.toISOString()} (as ${path.basename(earlier.filedAs)}, import run ${earlier.runId}): not imported again.`;
    return file(folder, p, { file: name, status: "duplicate", kind: (earlier.kind ?? undefined) as ImportKind | undefined, reason }, checksum, null, now());
  }
  // Imported, but the process stopped before the file was filed (the import commits first).
  const run = await db().importRun.findFirst({
    where: { source: "landing", checksum, dryRun: false, revertedAt: null, status: { in: ["succeeded", "partial"] } },
    orderBy: { startedAt: "asc" },
    select: { id: true, kind: true, startedAt: true },
  });
  if (run) {
    const reason = `Already imported from the landing folder on ${run.startedAt.toISOString()} (import run ${run.id}; the file was not filed then): not imported again.`;
    return file(folder, p, { file: name, status: "duplicate", kind: run.kind as ImportKind, runId: run.id, reason }, checksum, null, now());
  }
  const detected = await detectImportKind(p);
  if (detected.kind === null) return file(folder, p, { file: name, status: "failed", reason: detected.reason }, checksum, null, now());
  let result: RunResult;
  try {
    result = await runImport(null, detected.kind, p, { ...(detected.mapping ? { mapping: detected.mapping } : {}), source: "landing" }, name);
  } catch (e) {
    // runImport recorded the run as failed; the file is filed so the next tick does not retry it forever.
    console.error(`Landing folder: importing ${name} stopped on an unexpected error:`, e);
    return file(
      folder,
      p,
      { file: name, status: "failed", kind: detected.kind, reason: "The import stopped on an unexpected error; nothing was written. The server's log has the details." },
      checksum,
      null,
      now(),
      detected.mapping,
    );
  }
  const written = result.status === "succeeded" || result.status === "partial";
  const reason = written
    ? undefined
    : `The import refused the file (${result.errorTotal} error${result.errorTotal === 1 ? "" : "s"}; nothing was written): ${result.errors[0]?.message ?? "see the report"}`;
  return file(folder, p, { file: name, status: written ? "imported" : "failed", kind: detected.kind, runId: result.runId, reason }, checksum, result, now(), detected.mapping);
}

async function file(folder: string, p: string, o: TickOutcome, checksum: string, result: RunResult | null, at: Date, mapping?: string): Promise<TickOutcome> {
  const filedAs = await fileAway(folder, o.status === "failed" ? FAILED : PROCESSED, p, at);
  await writeReport(filedAs, {
    file: o.file,
    filedAs: path.relative(folder, filedAs),
    status: o.status,
    kind: o.kind ?? null,
    mapping: mapping ?? null,
    checksum,
    reason: o.reason ?? null,
    runId: o.runId ?? null,
    at: at.toISOString(),
    report: result,
  });
  await db().landingFile.create({
    data: {
      fileName: o.file,
      filedAs: path.relative(folder, filedAs),
      checksum,
      kind: o.kind ?? null,
      mapping: mapping ?? null,
      status: o.status,
      reason: o.reason ?? null,
      runId: o.runId ?? null,
      createdAt: at,
    },
  });
  if (o.status !== "imported") console.log(`Landing folder: ${o.file} → ${path.relative(folder, filedAs)} (${o.status}${o.reason ? `: ${o.reason}` : ""})`);
  return { ...o, filedAs };
}

/** A folder's checksum as the import computes it (openSource: its CSV files' names and contents). */
async function folderChecksum(dir: string): Promise<string> {
  const source = await openSource(dir);
  await source.cleanup();
  return source.checksum;
}

/** The daily retention job: deletes filed files older than the setting (default 30 days). */
export async function landingRetention(now = new Date()): Promise<string[]> {
  const config = await landingConfig();
  if (!config.folder) return [];
  const deleted = await deleteExpired(config.folder, config.retentionDays, now);
  if (deleted.length > 0) console.log(`Landing folder: deleted ${deleted.length} filed file${deleted.length === 1 ? "" : "s"} older than ${config.retentionDays} days`);
  return deleted;
}
