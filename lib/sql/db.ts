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
import { runCompiled, type Tx } from "@/lib/db";

// The typed SQL boundary (issue 17). Every raw query of the app lives in lib/sql/queries/, one
// query per file named for what it returns, written with Kysely 0.28 (the last line for Node 20)
// over row types that prisma-kysely generates from prisma/schema.prisma (lib/generated/kysely), so
// the compiler checks every table, column and enum against the schema. Prisma stays the ORM for
// ordinary reads and multi-statement writes; this boundary carries what Prisma cannot say (or says
// too slowly on a hot path): data-modifying CTEs, aggregates, one-statement writes.
//
// - `sqlDb()` runs a query on the process's one pool (lib/db.ts: the same pg.Pool Prisma's adapter
//   uses, so one connection budget) or on the embedded PGlite; `sqlDb({ prepared: true })` names
//   the statement so PostgreSQL parses and plans it once per connection (the per-request
//   statements; a report's aggregate is planned afresh for its parameters).
// - `executeIn(tx, q)` / `rowsIn(tx, q)` run a built query inside a Prisma transaction, on that
//   transaction's connection, so a raw statement commits or rolls back with the Prisma writes.
// - Password hashes and two-factor secrets are not in the row types (`SafeDB`), and a plugin drops
//   them from any row at run time (a `selectAll()` on "User"): what Prisma's `omit` does for Prisma.
// - Kysely transactions are not offered: a multi-statement write is a Prisma transaction.

/** Columns no query of the boundary may read (Prisma's `omit` in lib/db.ts, for this path). */
const SECRET_COLUMNS = ["passwordHash", "totpSecret"] as const;
type Secret = (typeof SECRET_COLUMNS)[number];

/** The schema as this boundary sees it: the generated types less the users' secrets. */
export type SafeDB = Omit<DB, "User"> & { User: Omit<DB["User"], Secret> };

const stripSecrets: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async ({ result }) => {
    for (const row of result.rows as Record<string, unknown>[]) for (const c of SECRET_COLUMNS) if (c in row) delete row[c];
    return result;
  },
};

class Connection implements DatabaseConnection {
  constructor(private prepared: boolean) {}
  async executeQuery<R>(q: CompiledQuery): Promise<QueryResult<R>> {
    const { rows, affected } = await runCompiled<R>(q.sql, q.parameters, this.prepared);
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
  private connection: Connection;
  constructor(prepared: boolean) {
    this.connection = new Connection(prepared);
  }
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

function make(prepared: boolean): Kysely<SafeDB> {
  return new Kysely<SafeDB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new BoundaryDriver(prepared),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    plugins: [stripSecrets],
  });
}

// Stateless over lib/db.ts's current database (a test's new database included): made once.
const plain = make(false);
const prepared = make(true);

/** The query builder over the app's database. `prepared`: for statements every request runs. */
export function sqlDb(opts: { prepared?: boolean } = {}): Kysely<SafeDB> {
  return opts.prepared ? prepared : plain;
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
