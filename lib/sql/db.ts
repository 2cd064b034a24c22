import "server-only";
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type Compilable,
  type DatabaseConnection,
  type Driver,
  type KyselyPlugin,
  type QueryResult,
  type UnknownRow,
} from "kysely";
import type { DB } from "@/lib/generated/kysely/types";
import { isDeepStrictEqual } from "node:util";
import { createHash } from "node:crypto";
import { runCompiled, type Tx } from "@/lib/db";

// The typed SQL boundary (issue 17). Every raw query of the app lives in lib/sql/queries/, one
// query per file named for what it returns, written with Kysely 0.28 (the last line for Node 20)
// over row types that prisma-kysely generates from prisma/schema.prisma (lib/generated/kysely), so
// the compiler checks every table, column and enum against the schema. Prisma stays the ORM for
// ordinary reads and multi-statement writes; this boundary carries what Prisma cannot say (or says
// too slowly on a hot path): data-modifying CTEs, aggregates, one-statement writes.
//
// - `sqlDb()` runs a query on the process's one pool (lib/db.ts: the same pg.Pool Prisma's adapter
//   uses, so one connection budget) or on the embedded PGlite. A statement every request runs is a
//   `preparedQuery`: built and compiled once per shape, run as a named statement so PostgreSQL
//   parses and plans it once per connection (a report's aggregate is planned afresh for its
//   parameters).
// - `executeIn(tx, q)` / `rowsIn(tx, q)` run a built query inside a Prisma transaction, on that
//   transaction's connection, so a raw statement commits or rolls back with the Prisma writes.
// - Password hashes and two-factor secrets are not in the row types (`SafeDB`), and they are dropped
//   from any row at run time (a `selectAll()` on "User"; a plugin of the builder, and preparedQuery
//   itself): what Prisma's `omit` does for Prisma.
// - Kysely transactions are not offered: a multi-statement write is a Prisma transaction.

/** Columns no query of the boundary may read (Prisma's `omit` in lib/db.ts, for this path). */
const SECRET_COLUMNS = ["passwordHash", "totpSecret"] as const;
type Secret = (typeof SECRET_COLUMNS)[number];

/** The schema as this boundary sees it: the generated types less the users' secrets. */
export type SafeDB = Omit<DB, "User"> & { User: Omit<DB["User"], Secret> };

function dropSecrets(rows: readonly unknown[]): void {
  for (const row of rows as Record<string, unknown>[]) for (const c of SECRET_COLUMNS) if (c in row) delete row[c];
}

const stripSecrets: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async ({ result }) => {
    dropSecrets(result.rows);
    return result;
  },
};

class Connection implements DatabaseConnection {
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affected } = await runCompiled<R>(q.sql, q.parameters);
    return { rows, ...(affected === null ? {} : { numAffectedRows: BigInt(affected) }) };
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("Streaming is not offered by lib/sql: page with LIMIT/OFFSET or a keyset.");
  }
}

const noTransactions = async () => {
  throw new Error("lib/sql runs single statements; a multi-statement write is a Prisma transaction (executeIn).");
};

class BoundaryDriver implements Driver {
  private connection = new Connection();
  async init() {}
  async acquireConnection() {
    return this.connection;
  }
  beginTransaction = noTransactions;
  commitTransaction = noTransactions;
  rollbackTransaction = noTransactions;
  async releaseConnection() {}
  async destroy() {}
}

function make(): Kysely<SafeDB> {
  return new Kysely<SafeDB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new BoundaryDriver(),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [stripSecrets],
  });
}

// Stateless over lib/db.ts's current database (a test's new database included): made once.
const builder = make();

/** The query builder over the app's database (for a statement every request runs: preparedQuery). */
export function sqlDb(): Kysely<SafeDB> {
  return builder;
}

/** A value of a prepared query: its placeholder while the query is built, the call's value when it runs. */
class Slot {
  constructor(readonly key: string) {}
  // Looked at (a string built from it, a JSON text, a number): refused at once, in production too.
  toString(): never {
    throw new Error(`preparedQuery: the placeholder "${this.key}" was looked at while the query was built; pass it into the query as a value`);
  }
  toJSON(): never {
    return this.toString();
  }
  [Symbol.toPrimitive](): never {
    return this.toString();
  }
}

/** The name a prepared statement goes by on every connection: from its text, so equal texts share it. */
const statementName = (text: string) => `ct_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;

/** Whether to check each prepared query's cached text against a fresh build (tests: every call). */
const CHECK_PREPARED = Boolean(process.env.VITEST) || process.env.CT_CHECK_PREPARED === "1";

/**
 * A statement every request runs, built and compiled by Kysely once per shape and then run with
 * each call's values. Building and compiling a query is pure CPU that grows with the query: ~0.7 ms
 * of the student record's nine statements, a third of its data layer, and more while the process's
 * JIT is cold (CPU profile, 60,000-student bench district). The statement runs as a named
 * statement, which PostgreSQL parses and plans once per connection (planning was ~2 ms of each
 * caseload statement, EXPLAIN ANALYZE); its name is worked out once too.
 *
 * `build(v, shape)` returns the query. `v` holds placeholders, not values: put each one in the
 * query as a value (a comparison, an insert, a `sql` template's value) and never look at it — no
 * `if`, no `.length`, no string built from it, no `in` list (say `= any(${v.ids})`). Whatever
 * decides the text of the SQL (a role, whether a filter is set) comes in `shape`, and `key(shape)`
 * names the text it gives. Under Vitest (or CT_CHECK_PREPARED=1) every call also builds the query
 * from its real values and throws if the text or the values differ from the cached statement's,
 * so a placeholder that was looked at fails the integration tests rather than a request.
 */
export function preparedQuery<V extends Record<string, unknown>, R, S = undefined>(
  build: (v: V, shape: S) => Compilable<R>,
  key: (shape: S) => string = () => "",
): (v: V, shape: S) => Promise<{ rows: R[]; affected: number | null }> {
  const compiled = new Map<string, { sql: string; parameters: readonly unknown[]; name: string }>();
  const slots = new Proxy({} as V, { get: (_t, k) => new Slot(String(k)) });
  return async (v, shape) => {
    const k = key(shape);
    let c = compiled.get(k);
    if (!c) {
      const q = build(slots, shape).compile();
      c = { sql: q.sql, parameters: q.parameters, name: statementName(q.sql) };
      compiled.set(k, c);
    }
    const parameters = c.parameters.map((p) => (p instanceof Slot ? v[p.key] : p));
    if (CHECK_PREPARED) {
      const fresh = build(v, shape).compile();
      if (fresh.sql !== c.sql || !isDeepStrictEqual(fresh.parameters, parameters)) {
        throw new Error(
          `preparedQuery: the cached statement differs from a fresh build for shape "${k}" — a placeholder was looked at, or the key misses what shapes the SQL.\n` +
            `cached: ${c.sql}\n        ${JSON.stringify(parameters)}\nfresh:  ${fresh.sql}\n        ${JSON.stringify(fresh.parameters)}`,
        );
      }
    }
    const r = await runCompiled<R>(c.sql, parameters, c.name);
    dropSecrets(r.rows);
    return r;
  };
}

/** Statements reusedAggregate keeps (each an aggregate's text for one set of arguments). */
const MAX_AGGREGATES = 128;

/**
 * A report aggregate of lib/sql/queries/ (`build(...args, schools)`: a cube, or one school's rows,
 * of every school for `schools` null, else of those) built and compiled once per `args` and
 * whether it is of every school, then run with each call's schools as the value they are.
 * Building and compiling the program quality rows took ~1.7 ms of CPU in each request that computed
 * them (CPU profile, district seed) — beside a 30 ms statement, on the two cores PostgreSQL uses.
 * Unlike preparedQuery the statement runs unnamed, planned for its values each time (a report's
 * plan depends on how many schools it reads). `schools` may only be passed in as a value (`=
 * any(${schools})`) and tested for null: its items must not shape the text. Under Vitest (or
 * CT_CHECK_PREPARED=1) every call is checked against a fresh build, as preparedQuery's are.
 */
export function reusedAggregate<A extends unknown[], R>(build: (...a: [...A, string[] | null]) => Compilable<R>): (...a: [...A, string[] | null]) => { execute(): Promise<R[]> } {
  const compiled = new Map<string, { sql: string; parameters: readonly unknown[]; slot: readonly string[] | null }>();
  return (...a) => ({
    async execute() {
      const args = a.slice(0, -1) as unknown as A;
      const schools = a[a.length - 1] as string[] | null;
      const key = `${schools === null ? "all" : "some"}\0${JSON.stringify(args)}`;
      let c = compiled.get(key);
      if (!c) {
        // A list no call passes: where the compiled values hold it, each call's list goes.
        const slot: string[] | null = schools === null ? null : [];
        const q = build(...args, slot).compile();
        // A builder that copied the list would run every call with the empty one: refused, in production too.
        if (slot !== null && !q.parameters.includes(slot))
          throw new Error("reusedAggregate: the schools' list is not among the statement's values; pass it in as one value (= any(...)).");
        c = { sql: q.sql, parameters: q.parameters, slot };
        compiled.set(key, c);
        while (compiled.size > MAX_AGGREGATES) compiled.delete(compiled.keys().next().value!);
      }
      const parameters = c.parameters.map((p) => (c.slot !== null && p === c.slot ? schools : p));
      if (CHECK_PREPARED) {
        const fresh = build(...args, schools).compile();
        if (fresh.sql !== c.sql || !isDeepStrictEqual(fresh.parameters, parameters)) {
          throw new Error(
            `reusedAggregate: the kept statement differs from a fresh build — the schools' list shaped the text, or was copied.\nkept:  ${c.sql}\nfresh: ${fresh.sql}`,
          );
        }
      }
      const r = await runCompiled<R>(c.sql, parameters);
      dropSecrets(r.rows);
      return r.rows;
    },
  });
}

/** Runs a built write inside a Prisma transaction; returns the number of rows it changed. */
export async function executeIn(tx: Tx, query: Compilable<unknown>): Promise<number> {
  const c = query.compile();
  return tx.$executeRawUnsafe(c.sql, ...isoDates(c.parameters));
}

/**
 * Runs a built query inside a Prisma transaction and returns its rows. Prisma converts the values
 * (numeric → Prisma.Decimal, int8 → bigint), unlike the pool's driver: select such columns cast
 * to int or text in SQL, as the row type then says.
 */
export async function rowsIn<R>(tx: Tx, query: Compilable<R>): Promise<R[]> {
  const c = query.compile();
  return tx.$queryRawUnsafe<R[]>(c.sql, ...isoDates(c.parameters));
}

/** Dates go as ISO strings, as on the pool (lib/db.ts runCompiled): UTC into `timestamp` columns. */
const isoDates = (params: readonly unknown[]) => params.map((v) => (v instanceof Date ? v.toISOString() : v));

export type { UnknownRow };
