// Prisma CLI configuration: migrations run through a driver adapter and the bundled WASM schema
// engine, so nothing is downloaded (see ../shared/STACK.md). PostgreSQL server when DATABASE_URL is
// set (adapter-pg 7.x, whose CLI migrate support works on PG 15), embedded PGlite otherwise.
import { defineConfig } from "prisma/config";
import type { PrismaPg as PrismaPg7 } from "adapter-pg7";
import { PLACEHOLDER_URL, directUrl, pgliteDir } from "./lib/dbconfig";

// The 6.19 CLI must see a DATABASE_URL to read the schema, even when the adapter decides.
process.env.DATABASE_URL ??= PLACEHOLDER_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    // Migrations take a session of their own: past any pooler (DATABASE_DIRECT_URL, dbconfig.ts).
    const url = directUrl();
    if (url) {
      const { PrismaPg } = await import("adapter-pg7");
      return wholeScripts(new PrismaPg({ connectionString: url }));
    }
    embedded ??= embeddedAdapter();
    return embedded;
  },
});

// The embedded database for the CLI, with two fixes to pglite-prisma-adapter 0.6.1 (found after a
// clean-clone CI run's `migrate deploy` exited 0 with no schema applied):
// - the CLI asks for the adapter twice per command (counted), and two PGlite instances on one
//   folder overwrite each other's files: one instance per process;
// - its executeScript, which runs each migration's SQL, starts `exec` without awaiting it (and
//   so also drops its errors): awaited here, so a migration is on disk, or fails, before the CLI
//   records it and exits.
let embedded: ReturnType<typeof embeddedAdapter> | undefined;
async function embeddedAdapter() {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const fs = await import("node:fs");
  fs.mkdirSync(pgliteDir(), { recursive: true });
  // One process per folder (lib/pglite-lock.mjs); released when the CLI exits.
  const { lockEmbedded } = await import("./lib/pglite-lock.mjs");
  lockEmbedded(pgliteDir());
  const pglite = new PGlite(pgliteDir());
  const factory = new PrismaPGlite(pglite);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    adapter.executeScript = async (script: string) => {
      await pglite.exec(script);
    };
    return adapter;
  };
  return factory;
}

/**
 * adapter-pg 7.x runs a migration by splitting its SQL at every ";" — inside a comment, a string or
 * a function body too (a PL/pgSQL trigger function cannot be written) — and sends the pieces one by
 * one, outside a transaction, so a failing migration is left half applied. Here the script goes to
 * the server whole: one simple-protocol query, which PostgreSQL runs as one transaction.
 */
function wholeScripts(factory: PrismaPg7): PrismaPg7 {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const pool = adapter.underlyingDriver();
    adapter.executeScript = async (script: string) => {
      try {
        await pool.query(script);
      } catch (e) {
        // The adapter's own error mapping (protected): the CLI prints the database's message.
        (adapter as unknown as { onError(e: unknown): never }).onError(e);
      }
    };
    return adapter;
  };
  return factory;
}
