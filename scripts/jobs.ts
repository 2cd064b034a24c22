// CLI: npm run jobs [-- --once]
// Runs the scheduled jobs (lib/jobs: the landing folder and its retention) and takes the imports
// uploaded on the Imports page of any host (lib/imports/queue.ts) in this process, for a
// server started with JOBS=off, or a host of its own that only runs jobs. On a PostgreSQL server it
// may run beside the app's own runners (pg-boss runs each job once per interval whatever the number
// of processes). On the embedded database it cannot run beside the app: one process may open it.
// --once: every queued upload, one landing-folder look and one retention pass, then exit (e.g. from
// cron); exit 1 when a job failed.
import { closeDb } from "@/lib/db";
import { JOBS, startJobs, stopJobs } from "@/lib/jobs";
import { runLogged } from "@/lib/jobs/types";
import { markInterruptedRuns } from "@/lib/imports/interrupted";
import { runNextQueuedImport } from "@/lib/imports/queue";

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--once")) {
    await markInterruptedRuns();
    let failed = 0;
    for (let id = await runNextQueuedImport(); id; id = await runNextQueuedImport()) console.log(`uploaded import ${id}: done`);
    for (const def of JOBS) {
      if ((await def.everySeconds()) === null) {
        console.log(`${def.name}: off (no landing folder set on the Settings page)`);
        continue;
      }
      const error = await runLogged(def);
      console.log(`${def.name}: ${error ? `failed: ${error}` : "done"}`);
      if (error) failed++;
    }
    return failed ? 1 : 0;
  }
  const runner = await startJobs();
  console.log(`Jobs: ${runner.kind} runner started (uploaded imports, landing folder, retention). Ctrl-C stops it after the running job.`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  console.log("Jobs: stopping…");
  // As long as the running import needs (an import may take minutes): a second Ctrl-C kills it.
  await stopJobs(4 * 3600_000);
  return 0;
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
