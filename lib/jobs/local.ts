import "server-only";
import { db } from "@/lib/db";
import { runLogged, type JobDefinition, type JobRunner } from "@/lib/jobs/types";

// The embedded database's runner: one process may open a PGlite folder (lib/pglite-lock.mjs), so a
// timer in that process is the whole queue. Each job's next run is kept in JobSchedule, so a
// restart picks the schedule up where it was (a daily job that ran an hour ago does not run again
// at start; one that was due while the server was down runs once, at start). The claim is one
// conditional UPDATE on that row, so even two runners on one database could not both take a run.

export class LocalRunner implements JobRunner {
  readonly kind = "in-process" as const;
  private timer: NodeJS.Timeout | null = null;
  private running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    private defs: JobDefinition[],
    private pollMs = 1000,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    const loop = async () => {
      if (this.stopped) return;
      await this.poll().catch((e: unknown) => console.error("Jobs: could not read the schedule:", e instanceof Error ? e.message : e));
      if (!this.stopped) {
        this.timer = setTimeout(() => void loop(), this.pollMs); // loop catches its own errors
        this.timer.unref();
      }
    };
    await loop();
  }

  async stop(graceMs = 30_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.race([Promise.allSettled([...this.running.values()]), new Promise((r) => setTimeout(r, graceMs).unref())]);
  }

  /** One look at every job's schedule: starts those due (not awaited; one run per job at a time). */
  async poll(now = new Date()): Promise<void> {
    for (const def of this.defs) {
      if (this.running.has(def.name)) continue;
      const every = await def.everySeconds();
      if (every === null) continue;
      const claimed = await claim(def.name, every, now);
      if (!claimed) continue;
      const p = (async () => {
        const error = await runLogged(def);
        await db().jobSchedule.update({ where: { name: def.name }, data: { lastFinishedAt: new Date(), lastError: error } });
      })().finally(() => this.running.delete(def.name));
      this.running.set(def.name, p);
    }
  }

  /** Resolves when every run started so far has finished (tests). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }
}

/**
 * Takes the job's run due at `now`, if any: a job never seen runs at once; a changed interval
 * counts from the last start. Returns false when it is not due (or another runner took it).
 */
async function claim(name: string, everySeconds: number, now: Date): Promise<boolean> {
  const row = await db().jobSchedule.findUnique({ where: { name } });
  const next = new Date(now.getTime() + everySeconds * 1000);
  if (!row) {
    const created = await db().jobSchedule.createMany({ data: [{ name, everySeconds, nextRunAt: next, lastStartedAt: now }], skipDuplicates: true });
    return created.count === 1;
  }
  let due = row.nextRunAt;
  if (row.everySeconds !== everySeconds) {
    due = new Date((row.lastStartedAt ?? now).getTime() + everySeconds * 1000);
    await db().jobSchedule.updateMany({ where: { name, nextRunAt: row.nextRunAt }, data: { everySeconds, nextRunAt: due } });
    row.nextRunAt = due;
  }
  if (due > now) return false;
  const { count } = await db().jobSchedule.updateMany({ where: { name, nextRunAt: row.nextRunAt }, data: { nextRunAt: next, lastStartedAt: now, everySeconds } });
  return count === 1;
}
