// Runs once when a server process starts (Next's instrumentation hook: each worker of
// scripts/serve.mjs, and `next dev`). Import runs whose process died while this server was down
// are marked "interrupted" now rather than at the first visit of the Imports page
// (lib/imports/interrupted.ts). Then the job runner starts (lib/jobs: the landing folder and its
// retention; pg-boss on PostgreSQL, in-process on the embedded database) unless JOBS=off (then
// `npm run jobs` runs them). Never during `next build` (it would open the database) and never in the
// edge runtime.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  try {
    const { markInterruptedRuns } = await import("@/lib/imports/interrupted");
    const marked = await markInterruptedRuns();
    if (marked.length > 0) console.log(`Imports: ${marked.length} run${marked.length === 1 ? "" : "s"} whose process stopped marked "interrupted" (${marked.join(", ")})`);
  } catch (e) {
    // A database that cannot be read yet says so on its own at the first request; start anyway.
    console.error("Imports: could not check for interrupted runs at start-up:", e instanceof Error ? e.message : e);
  }
  if (process.env.JOBS === "off") return;
  try {
    const { startJobs } = await import("@/lib/jobs");
    const runner = await startJobs();
    console.log(`Jobs: ${runner.kind} runner started (uploaded imports, landing folder, retention)`);
  } catch (e) {
    console.error("Jobs: the runner could not start (scheduled imports are off until the server restarts):", e instanceof Error ? e.message : e);
  }
}
