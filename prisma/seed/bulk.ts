// Bulk writes for the seed: rows are collected column by column and inserted many at a time with
// INSERT … SELECT FROM unnest($1::text[], …), one statement per chunk, over one connection (the
// `pg` driver on a PostgreSQL server, the embedded PGlite otherwise), inside one transaction.
// Arrays are sent as PostgreSQL array literals, which both drivers pass through unchanged.
// On the typed boundary's allow-list (lib/sql/db.ts), with the statements seed.ts, family.ts and
// plans.ts send through it: demo data written in one transaction on the seed's own connection (its
// reads see its uncommitted rows), which the boundary — single statements on the shared pool, no
// transactions — does not offer. The rules it applies are the product's (calendar, setup defaults).
import pg from "pg";
import { embedded } from "@/lib/db";
import { directUrl } from "@/lib/dbconfig";

export interface Sql {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  close(): Promise<void>;
}

/** A raw connection to the app's database (the same one lib/db.ts opens). */
export async function openSql(): Promise<Sql> {
  const url = directUrl(); // a bulk load goes straight to the server, past any pooler
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // One statement at a time, in the order sent (TableWriter.flush does not wait for its own):
    // the queue is ours, as pg asks (queueing on a busy client is deprecated in pg 8).
    let tail: Promise<unknown> = Promise.resolve();
    const query = (t: string, p?: unknown[]) => {
      const run = tail.then(() => client.query(t, p));
      tail = run.catch(() => {});
      return run;
    };
    return { query, close: () => tail.then(() => client.end()) };
  }
  const lite = embedded()!;
  return { query: (t, p) => lite.query(t, p) as Promise<{ rows: Record<string, unknown>[] }>, close: async () => {} };
}

type Cell = string | number | boolean | null;
/** A column: its name and PostgreSQL type ("text", "int", "date", an enum name…), or a constant SQL value. */
export type Column = [name: string, type: string] | [name: string, type: "sql", value: string];

/** Values as a PostgreSQL array literal (text[] parameters, which both drivers pass through). */
export function arrayLiteral(values: Cell[]): string {
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i) out += ",";
    if (v === null || v === undefined) out += "NULL";
    else if (typeof v === "string") out += `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
    else out += String(v);
  }
  return out + "}";
}

const BUILT_IN = new Set(["text", "int", "date", "numeric", "boolean", "timestamp"]);

/**
 * Collects rows for one table and writes them in chunks. `parents`: the writers of the rows this
 * table references (foreign keys), flushed before each chunk of this one, so a chunk never reaches
 * the database ahead of rows still waiting in a parent's buffer (the district-scale seed's plan
 * check-ins once did: their chunk filled before the plans' did). The seed checks its foreign keys
 * at the end of its load (foreignKeysDropped), but the order still matters: the report sources'
 * statement triggers read a result's enrollment as its chunk arrives, and the seed's later phases
 * read what it wrote (and a role that cannot drop the keys has them checked row by row).
 */
export class TableWriter {
  private cols: Cell[][];
  private data: Column[];
  private sqlText: string;
  /** Rows handed to the database (sent or queued on the connection). */
  written = 0;
  /** This table's statement still running, if any: the next chunk is built while it runs. */
  private inflight: Promise<void> | null = null;
  /** The first statement of this table that failed (its transaction is then aborted). */
  private failure: unknown = null;

  constructor(
    private sql: Sql,
    table: string,
    columns: Column[],
    private chunk = 10_000,
    private parents: TableWriter[] = [],
  ) {
    this.data = columns.filter((c) => c[1] !== "sql");
    this.cols = this.data.map(() => []);
    const names = columns.map((c) => `"${c[0]}"`).join(", ");
    let i = 0;
    const select = columns
      .map((c) => {
        if (c[1] === "sql") return (c as [string, "sql", string])[2];
        const ref = `u.c${i++}`;
        return BUILT_IN.has(c[1]) ? ref : `${ref}::"${c[1]}"`;
      })
      .join(", ");
    const unnest = this.data.map((c, j) => `$${j + 1}::${BUILT_IN.has(c[1]) ? c[1] : "text"}[]`).join(", ");
    const alias = this.data.map((_, j) => `c${j}`).join(", ");
    this.sqlText = `INSERT INTO "${table}" (${names}) SELECT ${select} FROM unnest(${unnest}) AS u(${alias})`;
  }

  /** Adds a row: values in the order of the non-constant columns. */
  async add(...values: Cell[]): Promise<void> {
    for (let j = 0; j < this.cols.length; j++) this.cols[j].push(values[j]);
    if (this.cols[0].length >= this.chunk) await this.flush();
  }

  /**
   * Sends the buffered rows. The statement is queued on the seed's one connection and not awaited:
   * the seed builds the next chunk while the server inserts this one (the city-scale seed spent
   * about half its time with one side idle, waiting on the other). The connection runs statements in
   * the order they were sent, so a parent's rows still reach the server before its children's and
   * any later statement sees them. At most two statements of a table are outstanding: the one
   * before is awaited here, which bounds the memory held by queued chunks.
   */
  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const n = this.cols[0].length;
    if (n === 0) return;
    for (const p of this.parents) await p.flush();
    const before = this.inflight;
    this.inflight = this.sql.query(this.sqlText, this.cols.map(arrayLiteral)).then(
      () => {},
      (e: unknown) => {
        this.failure ??= e;
      },
    );
    this.written += n;
    this.cols = this.data.map(() => []);
    await before;
    if (this.failure) throw this.failure;
  }

  /** Waits for the statements already sent (sends nothing); the first that failed, if any. */
  async drain(): Promise<unknown> {
    await this.inflight;
    return this.failure;
  }

  /** Waits for this table's statements; throws the first that failed. */
  async settle(): Promise<void> {
    await this.flush();
    await this.inflight;
    this.inflight = null;
    if (this.failure) throw this.failure;
  }
}

/**
 * Flushes and settles every writer. A failed statement aborts the transaction, and the statements
 * queued after it fail with "current transaction is aborted": the one thrown is the cause.
 */
export async function settleAll(writers: Record<string, TableWriter>): Promise<void> {
  const failed: unknown[] = [];
  for (const w of Object.values(writers)) await w.settle().catch((e: unknown) => failed.push(e));
  const cause = failed.find((e) => !aborted(e)) ?? failed[0];
  if (cause) throw cause;
}

const aborted = (e: unknown) => String((e as Error)?.message).includes("current transaction is aborted");

/**
 * For a seed that failed with `e`: when `e` only says the transaction was aborted, the statement a
 * writer sent earlier that aborted it (sending nothing more); otherwise `e` itself.
 */
export async function causeOf(e: unknown, writers: Record<string, TableWriter>): Promise<unknown> {
  if (!aborted(e)) return e;
  for (const w of Object.values(writers)) {
    const f = await w.drain();
    if (f && !aborted(f)) return f;
  }
  return e;
}

/** Every table the app writes, children first: TRUNCATE … CASCADE empties them in one statement. */
export const ALL_TABLES = [
  "AuditEventStudent",
  "AuditEvent",
  "ImportChange",
  "ImportRun",
  "ImportMapping",
  "Session",
  "RecoveryCode",
  "PasswordSetToken",
  "SetupToken",
  "PlanCheckIn",
  "InterventionPlan",
  "Contact",
  "Guardian",
  "NoteShare",
  "TodayDismissal",
  "RiskSnapshot",
  "RiskSnapshotRun",
  "SavedView",
  "Note",
  "AssessmentResult",
  "ActivitySession",
  "StateTestResult",
  "ProviderContract",
  "CourseSequence",
  "RigorPolicy",
  "Enrollment",
  "TranscriptCourse",
  "CourseAssessment",
  "OnlineCourse",
  "Provider",
  "StatusEvent",
  "StudentYear",
  "Student",
  "SignInThrottle",
  "User",
  "School",
  "GraduationRequirement",
  "DistrictSettings",
  "LandingFile",
  "JobSchedule",
];

export async function truncateAll(sql: Sql): Promise<void> {
  await sql.query(`TRUNCATE ${ALL_TABLES.map((t) => `"${t}"`).join(", ")} RESTART IDENTITY CASCADE`);
}

/**
 * Drops the foreign keys of `tables` for the seed's load; `back` adds them again as they were
 * (pg_get_constraintdef), in the same transaction. PostgreSQL checks a foreign key row by row as
 * rows arrive: a lookup of the referenced key (and a lock on its row) for every row, ~45% of each
 * 10,000-result chunk's time here (EXPLAIN ANALYZE: the insert 105 ms; its enrollment, assessment
 * and recorder keys' checks 44, 35 and 9 ms). Adding a key back checks every row in one join
 * (PostgreSQL 15 documentation, 14.4.4 "Remove Foreign Key Constraints"). A seed that fails rolls
 * the drop back with everything else; an orphan (a row that refers to a row that does not exist)
 * makes the add, and so the seed, fail: nothing is committed that the keys refuse.
 * The tables are locked first, all in one statement, as the seed's TRUNCATE locks them: the seed
 * holds them alone until it commits. Only valid keys of the tables themselves (not a partition's
 * inherited ones) are dropped: a NOT VALID key added back would check nothing loaded. A role that
 * does not own the tables (ALTER TABLE needs it) loads with the keys in place, checked row by row
 * as before (`dropped` 0).
 */
export async function foreignKeysDropped(sql: Sql, tables: readonly string[]): Promise<{ dropped: number; back: () => Promise<void> }> {
  const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
  await sql.query("SAVEPOINT seed_keys");
  const byTable = new Map<string, { name: string; definition: string }[]>();
  try {
    await sql.query(`LOCK TABLE ${tables.map(quote).join(", ")} IN ACCESS EXCLUSIVE MODE`);
    const { rows } = await sql.query(
      `SELECT t.relname AS "table", c.conname AS "name", pg_get_constraintdef(c.oid) AS "definition"
       FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
       WHERE c.contype = 'f' AND c.convalidated AND c.conparentid = 0
         AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY($1::text[])
       ORDER BY t.relname, c.conname`,
      [arrayLiteral([...tables])],
    );
    for (const r of rows) {
      const list = byTable.get(r.table as string) ?? [];
      list.push({ name: r.name as string, definition: r.definition as string });
      byTable.set(r.table as string, list);
    }
    for (const [table, keys] of byTable) await sql.query(`ALTER TABLE ${quote(table)} ${keys.map((k) => `DROP CONSTRAINT ${quote(k.name)}`).join(", ")}`);
    await sql.query("RELEASE SAVEPOINT seed_keys");
  } catch (e) {
    if ((e as { code?: string }).code !== "42501") throw e; // insufficient_privilege: not the tables' owner
    await sql.query("ROLLBACK TO SAVEPOINT seed_keys");
    return { dropped: 0, back: async () => {} };
  }
  return {
    dropped: [...byTable.values()].reduce((n, keys) => n + keys.length, 0),
    back: async () => {
      // The transaction's deferred triggers (the report sources' versions) fire now rather than at
      // COMMIT: a table with trigger events pending cannot be altered.
      await sql.query("SET CONSTRAINTS ALL IMMEDIATE");
      for (const [table, keys] of byTable) await sql.query(`ALTER TABLE ${quote(table)} ${keys.map((k) => `ADD CONSTRAINT ${quote(k.name)} ${k.definition}`).join(", ")}`);
    },
  };
}

export async function countAll(sql: Sql): Promise<Record<string, number>> {
  const parts = ALL_TABLES.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(" UNION ALL ");
  const { rows } = await sql.query(parts);
  return Object.fromEntries(rows.map((r) => [r.t as string, r.n as number]));
}
