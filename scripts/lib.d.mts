// Types of the parts of scripts/lib.mjs that TypeScript scripts and tests import.
export declare function ensureSecret(): string;
export declare function pendingMigrations(): Promise<string[]>;
/** Migrations recorded as started and neither finished nor rolled back (embedded database). */
export declare function unfinishedMigrations(): Promise<string[]>;
export declare function migrateTimeoutMs(): number;
export declare function migrateDeploy(opts?: {
  /** Prisma's own output is not shown (its errors still are). */
  quiet?: boolean;
  timeoutMs?: number;
  /** How long a run may go on after printing its success line. */
  graceMs?: number;
  /** How often a line says it is still running. */
  heartbeatMs?: number;
  /** The command in place of `prisma migrate deploy` (tests). */
  command?: [string, string[]];
  /** The check of what is left to apply, in place of pendingMigrations (tests). */
  pending?: () => Promise<string[]>;
  /** The check of migrations left started by a stopped run, in place of unfinishedMigrations (tests). */
  unfinished?: () => Promise<string[]>;
}): Promise<void>;
