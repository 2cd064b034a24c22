// CLI: npm run import -- <oneroster|students|progress|gradebook|catalog|activity> <path> [--dry-run] [--partial]
//        [--preview-exit-zero] [--create-enrollments] [--full] [--as <admin email>] [--json]
// Runs the same library as the Imports page (lib/imports/run.ts). Exit code 1 when nothing was
// written because of errors, and when a preview (--dry-run) found errors that would make the import
// write nothing (any error without --partial): a script can stop before the real run.
// --preview-exit-zero keeps such a preview at 0. 2 on a usage error.
import { performance } from "node:perf_hooks";
import v8 from "node:v8";
import vm from "node:vm";
import cliProgress from "cli-progress";
import { closeDb, db } from "@/lib/db";
import { runImport, type RunResult } from "@/lib/imports/run";
import type { ImportKind, Progress } from "@/lib/imports/report";
import { NotFoundError, type Viewer } from "@/lib/access";
import { revertImportRun } from "@/lib/imports/revert";

// V8 grows the heap lazily (its limit here is several GB), so a streaming import that keeps
// ~100 MB live would still reach 600 MB of RSS in garbage. The CLI runs a full collection every
// few MB of input instead (about 50 ms each), which keeps the process near its live size.
v8.setFlagsFromString("--expose-gc");
const collectGarbage = vm.runInNewContext("gc") as () => void;
const GC_EVERY_BYTES = 6 * 1024 * 1024;
const GC_EVERY_ROWS = 20_000;

const USAGE = `usage: npm run import -- <oneroster|students|progress|gradebook|catalog|activity> <dir|zip|csv> [--dry-run] [--partial] [--preview-exit-zero] [--create-enrollments] [--full] [--mapping <name>] [--as <admin email>] [--json]
  --mapping <name>     read a provider progress file through a saved column mapping (by default a
                       file whose header matches a saved mapping's sample is read through it)
  --dry-run            preview: report what would change, write nothing (exit 1 when it would fail)
  --partial            write the valid rows and report the rest (default: any error writes nothing)
  --preview-exit-zero  a preview that would fail still exits 0 (a file that cannot be read: 1)
       npm run import -- --revert <import run id> [--check] [--reason <text>]
  --revert             delete what the run created and put back what it updated, unless something
                       written since depends on it (--check: say what it would do, write nothing)`;

const KNOWN_FLAGS = ["--dry-run", "--partial", "--preview-exit-zero", "--create-enrollments", "--full", "--mapping", "--as", "--json"];

/** npm run import -- --revert <run id> [--check]: revert an import run (lib/imports/revert.ts). */
async function revert(argv: string[]): Promise<number> {
  const runId = argv[argv.indexOf("--revert") + 1];
  if (!runId || runId.startsWith("--")) {
    console.error("usage: npm run import -- --revert <import run id> [--check] [--reason <text>]");
    return 2;
  }
  const reasonIdx = argv.indexOf("--reason");
  const outcome = await revertImportRun(null, runId, { dryRun: argv.includes("--check"), reason: reasonIdx >= 0 ? argv[reasonIdx + 1] : "command line" }).catch((e: unknown) => {
    if (e instanceof NotFoundError) return null;
    throw e;
  });
  if (!outcome) {
    console.error(`No import run has the id ${runId}.`);
    return 2;
  }
  if (!outcome.ok) {
    console.error(`Cannot revert: ${outcome.message}`);
    for (const p of outcome.problems) console.error(`  ${p.table} ${p.row}: ${p.message}`);
    if (outcome.problemTotal > outcome.problems.length) console.error(`  …and ${outcome.problemTotal - outcome.problems.length} more`);
    return 1;
  }
  console.log(outcome.dryRun ? "Reverting would:" : "Reverted:");
  for (const [t, c] of Object.entries(outcome.counts))
    console.log(`  ${t}: delete ${c.deleted}, put back ${c.restored}${c.keptDeleted ? `, ${c.keptDeleted} deleted by the run stay deleted` : ""}`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--revert")) return revert(argv);
  const flags = new Set(argv.filter((a) => a.startsWith("--")));
  const asIdx = argv.indexOf("--as");
  const asEmail = asIdx >= 0 ? argv[asIdx + 1] : undefined;
  const mappingIdx = argv.indexOf("--mapping");
  const mapping = mappingIdx >= 0 ? argv[mappingIdx + 1] : undefined;
  if (mappingIdx >= 0 && (!mapping || mapping.startsWith("--"))) {
    console.error(USAGE);
    return 2;
  }
  const positional = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--as" && argv[i - 1] !== "--mapping");
  const [kind, input, ...extra] = positional;
  if (!["oneroster", "students", "progress", "gradebook", "catalog", "activity"].includes(kind ?? "") || !input) {
    console.error(USAGE);
    return 2;
  }
  // One import reads one path: a file, or a folder or zip of the files read together (a student
  // extract's students, status events, transcript and roll). Further paths were ignored, so a
  // district giving its four extract files one by one loaded the first alone and was told it
  // succeeded; an unknown flag (a misspelt --create-enrollments) was ignored too.
  const unknown = [...flags].filter((f) => !KNOWN_FLAGS.includes(f));
  if (extra.length > 0 || unknown.length > 0) {
    if (extra.length > 0) console.error(`import reads one path (a file, or a folder or zip of the files read together); also given: ${extra.join(", ")}. Nothing was read.`);
    if (unknown.length > 0) console.error(`unknown option${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Nothing was read.`);
    console.error(USAGE);
    return 2;
  }
  let viewer: Viewer | null = null;
  if (asEmail) {
    const u = await db().user.findUnique({ where: { email: asEmail.toLowerCase() } });
    if (!u || u.role !== "DISTRICT_ADMIN") {
      console.error(`--as: no district administrator has the email ${asEmail}`);
      return 2;
    }
    viewer = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: u.schoolId };
  }
  const json = flags.has("--json");
  const bar = new cliProgress.SingleBar({ format: "{phase} [{bar}] {percentage}% {file}", hideCursor: true, stream: process.stderr }, cliProgress.Presets.shades_classic);
  let phase = "";
  let tenth = 0;
  const started = performance.now();
  let lastGc = 0;
  let gcPhase = "";
  const onProgress = (p: Progress) => {
    // Reading: every few MB of input. Other phases: at each phase's start, then every few
    // thousand rows planned or written (a 250,000-row write made ~400 MB of garbage between them).
    const due = p.phase === "read" ? p.done - lastGc > GC_EVERY_BYTES || p.done < lastGc : p.phase !== gcPhase || p.done - lastGc > GC_EVERY_ROWS || p.done < lastGc;
    if (due) {
      lastGc = p.done;
      gcPhase = p.phase;
      collectGarbage();
    }
    if (json) return;
    if (!process.stderr.isTTY) {
      // Logs and tests get one line per phase instead of a bar, and in the write phase one line
      // per tenth written (lib/imports/killed.int.test.ts kills the import on that count).
      if (p.phase !== phase) {
        console.error(`phase: ${(phase = p.phase)} at ${((performance.now() - started) / 1000).toFixed(1)} s, rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
        tenth = 0;
      }
      if (p.phase === "write" && p.total > 0 && Math.floor((10 * p.done) / p.total) > tenth) {
        tenth = Math.floor((10 * p.done) / p.total);
        console.error(`written: ${p.done} of ${p.total}`);
      }
      return;
    }
    if (p.phase !== phase) {
      if (phase) bar.stop();
      phase = p.phase;
      if (p.phase !== "done") bar.start(Math.max(1, p.total), 0, { phase: p.phase.padEnd(8), file: p.file ?? "" });
      return;
    }
    bar.setTotal(Math.max(1, p.total));
    bar.update(p.done, { file: p.file ?? "" });
  };
  const report = await runImport(viewer, kind as ImportKind, input, {
    dryRun: flags.has("--dry-run"),
    partial: flags.has("--partial"),
    createEnrollments: flags.has("--create-enrollments"),
    full: flags.has("--full"),
    mapping,
    onProgress,
  });
  if (phase && phase !== "done" && process.stderr.isTTY) bar.stop();
  const elapsedMs = Math.round(performance.now() - started);
  const peakRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  if (json) {
    console.log(JSON.stringify({ ...report, elapsedMs, peakRssMB }, null, 2));
  } else {
    console.log(`${kind} import ${report.status} (run ${report.runId}): ${report.rows} rows read in ${(elapsedMs / 1000).toFixed(1)} s, peak memory ${peakRssMB} MB`);
    if (report.shortcut) console.log(`  unchanged: ${report.shortcut} (--full compares every row)`);
    for (const [entity, c] of Object.entries(report.counts)) {
      console.log(`  ${entity.padEnd(14)} created ${c.created}  updated ${c.updated}  deleted ${c.deleted}  unchanged ${c.unchanged}  skipped ${c.skipped}`);
    }
    for (const e of report.errors.slice(0, 25))
      console.log(`  ERROR ${e.file}:${e.line}${e.column ? ` [${e.column}]` : ""}${e.value !== null ? ` "${e.value}"` : ""}: ${e.message}`);
    if (report.errors.length > 25) console.log(`  … ${report.errors.length - 25} more errors (see the Imports page or --json)`);
    for (const w of report.warnings.slice(0, 10)) console.log(`  warning ${w.file}: ${w.message}`);
    if (report.dryRun) console.log(previewVerdict(report));
    else if (report.status === "failed") console.log("Nothing was written.");
  }
  if (report.status === "failed") return 1;
  return report.wouldFail && !flags.has("--preview-exit-zero") ? 1 : 0;
}

/** The last line of a preview: whether the import itself would write anything. */
function previewVerdict(r: RunResult): string {
  const n = r.errorTotal.toLocaleString("en-US");
  if (r.wouldFail) return `Preview: would fail: ${n} error${r.errorTotal === 1 ? "" : "s"} — nothing was written`;
  if (r.errorTotal === 0) return "Preview: no errors — nothing was written yet";
  // With --partial: the rows with errors are left out (a row can have several errors).
  const rows = new Set(r.errors.map((e) => `${e.file}:${e.line}`)).size;
  const some =
    r.errorTotal > r.errors.length
      ? `at least ${rows.toLocaleString("en-US")} rows have errors (${n} errors)`
      : `${rows.toLocaleString("en-US")} row${rows === 1 ? " has" : "s have"} errors${rows === r.errorTotal ? "" : ` (${n} errors)`}`;
  return `Preview: would write the valid rows; ${some} — nothing was written yet`;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(e);
    await closeDb();
    process.exit(1);
  });
