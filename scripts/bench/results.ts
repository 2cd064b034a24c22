// What `npm run bench` and `npm run load` leave in bench-results/ (kept in the repository: the
// issue's record of the budgets, with the machine they were measured on). A run of some areas
// (`--only reports`) replaces those areas' rows and keeps the others', each area with when, at which
// commit and on what machine it was measured, so the file stays the whole table of the last run of
// every area.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BenchRow } from "./harness";

export type Machine = { cores: number; cpu: string; memoryGB: number; node: string; platform: string };

/**
 * The machine a run measured: the cores it may use (PostgreSQL, the server and the bench share
 * them; load.ts divides by the same count), CPU, memory and Node.
 */
export function machine(): Machine {
  return {
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? "unknown",
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/**
 * The commit measured ("+changes": with uncommitted changes to tracked files other than the results
 * themselves, which an earlier run of another area may have left), or null outside a git checkout.
 */
export function commit(): string | null {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const head = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--untracked-files=no", "--", ".", ":(exclude)bench-results") === "" ? head : `${head}+changes`;
  } catch {
    return null;
  }
}

type AreaRun = { at: string; commit: string | null; machine: Machine };
type ResultsFile = { at: string; scale: string; students: number; areas: Record<string, AreaRun>; rows: BenchRow[] };

/**
 * Writes `rows` (the run of `areas`) to `file`: the rows of other areas already there are kept when
 * the file is of the same scale and students, and replaced whole otherwise.
 */
export function writeResults(file: string, run: { scale: string; students: number; areas: string[]; rows: BenchRow[] }, now = new Date()): ResultsFile {
  const at = now.toISOString();
  let kept: ResultsFile | undefined;
  try {
    const old = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<ResultsFile>;
    if (old.scale === run.scale && old.students === run.students && Array.isArray(old.rows) && old.areas) kept = old as ResultsFile;
  } catch {
    // none yet, or not one of these files: written anew
  }
  const ran = new Set(run.areas);
  const areas: Record<string, AreaRun> = {};
  for (const [area, a] of Object.entries(kept?.areas ?? {})) if (!ran.has(area)) areas[area] = a;
  const measured = { at, commit: commit(), machine: machine() };
  for (const area of run.areas) areas[area] = measured;
  const rows = [...(kept?.rows ?? []).filter((r) => !ran.has(r.area)), ...run.rows].sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
  const out: ResultsFile = { at, scale: run.scale, students: run.students, areas, rows };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(out, null, 2) + "\n");
  return out;
}
