// Prisma CLI configuration: migrations run through a driver adapter and the bundled WASM schema
// engine, so nothing is downloaded (see ../shared/STACK.md). PostgreSQL server when DATABASE_URL is
// set (adapter-pg 7.x, whose CLI migrate support works on PG 15), embedded PGlite otherwise.
import { defineConfig } from "prisma/config";
import { PLACEHOLDER_URL, pgliteDir, serverUrl } from "./lib/dbconfig";

// The 6.19 CLI must see a DATABASE_URL to read the schema, even when the adapter decides.
process.env.DATABASE_URL ??= PLACEHOLDER_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = serverUrl();
    if (url) {
      const { PrismaPg } = await import("adapter-pg7");
      return new PrismaPg({ connectionString: url });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const fs = await import("node:fs");
    fs.mkdirSync(pgliteDir(), { recursive: true });
    return new PrismaPGlite(new PGlite(pgliteDir()));
  },
});
