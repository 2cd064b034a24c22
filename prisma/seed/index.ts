// `npm run seed [-- --reset] [-- --if-empty] [-- --scale district|city]`: argv in, seed, counts out.
// Everything else lives in seed.ts; this file only parses flags and closes the database.
import cliProgress from "cli-progress";
import { closeDb } from "@/lib/db";
import { seedCity, seedDemo, seedDistrict, type SeedPhase } from "./seed";
import { SCALE_NAMES, type ScaleName } from "./scale";
import { printDemoLogins } from "./demo-logins";

function parseArgs(argv: string[]) {
  const flags = { reset: false, ifEmpty: false, scale: "demo" as ScaleName };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--reset") flags.reset = true;
    else if (a === "--if-empty") flags.ifEmpty = true;
    else if (a === "--scale" || a.startsWith("--scale=")) {
      const v = a.includes("=") ? a.split("=")[1] : argv[++i];
      if (!SCALE_NAMES.includes(v as ScaleName)) throw new Error(`--scale must be one of ${SCALE_NAMES.join(", ")} (got "${v}")`);
      flags.scale = v as ScaleName;
    } else throw new Error(`Unknown flag "${a}". Flags: --reset, --if-empty, --scale demo|district|city`);
  }
  return flags;
}

const PHASE_LABEL: Record<SeedPhase, string> = { students: "Schools (students, years, events, transcripts)", online: "Students' online enrollments and results" };

/**
 * The seed's progress: a bar on a terminal (the city scale takes minutes); elsewhere (CI logs, a
 * pipe) one line per tenth of each phase.
 */
function progressBar() {
  const tty = process.stdout.isTTY;
  const bar = new cliProgress.SingleBar(
    { format: "  {phase} [{bar}] {value}/{total} ({percentage}%)", hideCursor: true, stream: process.stdout },
    cliProgress.Presets.shades_classic,
  );
  let phase: SeedPhase | null = null;
  let tenth = 0;
  return {
    update(p: SeedPhase, done: number, total: number) {
      if (p !== phase) {
        if (phase && tty) bar.stop();
        phase = p;
        tenth = 0;
        if (tty) bar.start(total, done, { phase: PHASE_LABEL[p] });
        else console.log(`  ${PHASE_LABEL[p]}: ${done} of ${total}`);
        return;
      }
      if (tty) bar.update(done);
      else if (total > 0 && Math.floor((10 * done) / total) > tenth) {
        tenth = Math.floor((10 * done) / total);
        console.log(`  ${PHASE_LABEL[p]}: ${done} of ${total}`);
      }
    },
    /** Ends the bar before a line of the log (the next update starts a new one). */
    pause() {
      if (phase && tty) bar.stop();
      phase = null;
    },
  };
}

async function main() {
  const flags = parseArgs(process.argv.slice(2));
  const run = { demo: seedDemo, district: seedDistrict, city: seedCity }[flags.scale];
  const bar = progressBar();
  // The demo district seeds in seconds: no bar.
  const progress = flags.scale === "demo" ? undefined : bar.update;
  let summary: Awaited<ReturnType<typeof run>>;
  try {
    summary = await run({ reset: flags.reset, ifEmpty: flags.ifEmpty, log: (l) => (bar.pause(), console.log(l)), progress });
  } finally {
    bar.pause(); // a running bar's redraw timer would keep a failed seed from exiting
  }
  if (summary.skipped) return;
  console.log(`Seeded in ${summary.seconds.toFixed(1)} s (as of ${summary.asOf}):`);
  for (const [table, n] of Object.entries(summary.counts)) if (n > 0) console.log(`  ${table.padEnd(22)} ${n.toLocaleString("en-US")}`);
  console.log("");
  printDemoLogins();
}

try {
  await main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
} finally {
  await closeDb();
}
