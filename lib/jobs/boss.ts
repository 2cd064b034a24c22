import "server-only";
import PgBoss from "pg-boss";
import { runLogged, type JobDefinition, type JobRunner } from "@/lib/jobs/types";
import { JOB_CONNECTIONS } from "@/lib/sql/budget.mjs";
import { underSessionLock } from "@/lib/sql/session-lock";

// The PostgreSQL server's runner: pg-boss 10.4.2 (pinned: pg-boss 11+ needs Node 22, this app runs
// on Node 20). Its tables live in the schema "pgboss" of the app's database, created and migrated
// by pg-boss itself at start; several processes starting at once take turns (start(), below).
//
// Run once across processes, with pg-boss's own guarantees only:
// - Every process offers each job once per slot: send(name, { singletonSeconds: interval }). pg-boss
//   stamps the job with its slot (floor(epoch / interval)), and its unique index on (name, slot,
//   singletonKey) admits one job per slot, whatever the number of processes. The slot is derived
//   from the clock, and a completed job keeps its slot taken until it is archived (3 days here,
//   longer than the longest interval, a day): a restart in the middle of a slot offers again and is
//   refused, so a daily job runs once a day.
// - Workers fetch with SELECT … FOR UPDATE SKIP LOCKED: one process takes the job.
// - The queue's policy is "singleton": never two active jobs of a queue, so a slow tick (a big
//   roster) is never overlapped by the next one; that next slot's job waits until it ends.

const ARCHIVE_AFTER_SECONDS = 3 * 86_400;

export class BossRunner implements JobRunner {
  readonly kind = "pg-boss" as const;
  private boss: PgBoss;
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private defs: JobDefinition[],
    private connectionString: string,
    private offerEveryMs = 5000,
  ) {
    this.boss = new PgBoss({
      connectionString,
      max: JOB_CONNECTIONS,
      schema: "pgboss",
      archiveCompletedAfterSeconds: ARCHIVE_AFTER_SECONDS,
      archiveFailedAfterSeconds: ARCHIVE_AFTER_SECONDS,
      // No pg-boss cron here (its schedules have minute granularity and are kept apart from the
      // district's settings): the offers below are the schedule.
      schedule: false,
    } as PgBoss.ConstructorOptions);
    this.boss.on("error", (e) => console.error("Jobs (pg-boss):", e instanceof Error ? e.message : e));
  }

  async start(): Promise<void> {
    // One process at a time: pg-boss's schema install and createQueue (a partition of its job
    // table each) deadlock when several processes run them at once on a new database (two of three
    // runners failed in lib/jobs/boss.int.test.ts, and a web server's worker once started without
    // its runner). Later starts find it all in place and take the lock for milliseconds. A wait past
    // 30 s (a holder whose host died) fails this start, which instrumentation.ts reports.
    await underSessionLock(
      "credittrack:pg-boss-start",
      async () => {
        await this.boss.start();
        for (const def of this.defs) await this.boss.createQueue(def.name, { name: def.name, policy: "singleton", retryLimit: 0, expireInSeconds: def.maxRunSeconds });
      },
      { url: this.connectionString },
    );
    for (const def of this.defs) {
      await this.boss.work(def.name, { pollingIntervalSeconds: 1, batchSize: 1 }, async () => {
        const error = await runLogged(def);
        if (error) throw new Error(error);
      });
      const offer = () => void this.offer(def).catch((e: unknown) => console.error(`Jobs: could not offer ${def.name}:`, e instanceof Error ? e.message : e));
      offer();
      const t = setInterval(offer, this.offerEveryMs);
      t.unref();
      this.timers.push(t);
    }
  }

  /** Offers the job for the current slot; pg-boss returns null when the slot is already taken. */
  async offer(def: JobDefinition): Promise<string | null> {
    const every = await def.everySeconds();
    if (every === null) return null;
    return this.boss.send(def.name, {}, { singletonKey: def.name, singletonSeconds: Math.max(1, Math.round(every)), retryLimit: 0, expireInSeconds: def.maxRunSeconds });
  }

  async stop(graceMs = 30_000): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.boss.stop({ graceful: true, wait: true, timeout: graceMs });
  }
}
