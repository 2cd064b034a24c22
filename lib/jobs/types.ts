// The job runner's interface (issue #15): recurring jobs, each run at most once per interval across
// every server process. Two implementations with this one interface: pg-boss on a PostgreSQL
// server (lib/jobs/boss.ts), an in-process runner on the embedded database (lib/jobs/local.ts).

export type JobDefinition = {
  /** Queue name: letters, digits, "-", "_", "." (pg-boss's rule). */
  name: string;
  /**
   * Seconds between two runs, asked again before every scheduling decision (a district setting can
   * change it while the server runs). null: the job is off for now (e.g. no landing folder set).
   */
  everySeconds: () => Promise<number | null> | number | null;
  /** A run may take this long before the runner gives up on it (pg-boss's expiry). */
  maxRunSeconds: number;
  run: () => Promise<void>;
};

export interface JobRunner {
  readonly kind: "pg-boss" | "in-process";
  start(): Promise<void>;
  /** Stops taking jobs and waits for the running ones (up to graceMs). */
  stop(graceMs?: number): Promise<void>;
}

/** A job's failure is logged and the schedule goes on: one bad file must not stop the next tick. */
export async function runLogged(def: JobDefinition): Promise<string | null> {
  try {
    await def.run();
    return null;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.error(`Job ${def.name} failed:`, e instanceof Error ? (e.stack ?? message) : message);
    return message;
  }
}
