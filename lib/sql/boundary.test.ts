import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Holds the typed SQL boundary of issue 17 (lib/sql/db.ts): every raw query of the product lives in
// lib/sql/queries (one query per file, named for what it returns) or lib/sql/fragments, typed by
// Kysely over the generated row types; lib/db.ts is the driver under it. Anywhere else, SQL text or
// a raw-query API is a finding, unless the file is on the allow-list below with its reason.

const ROOT = path.resolve(__dirname, "../..");

/** Where a raw query may be, and why it cannot go through the boundary. */
const ALLOWED: Record<string, string> = {
  // The boundary's own foundations.
  "lib/db.ts": "the driver under the boundary: the one pool, PGlite, runCompiled",
  "lib/audit.ts": "the one audit writer: builds the AuditEvent row every statement of lib/sql/queries writes (auditRow, auditSelect) and runs the plain event insert",
  "lib/sql/budget.mjs": "reads max_connections before any app code loads (plain JS, run by the server's primary)",
  // The setup token: one issuer, shared with the server's primary process (plain JS, no Kysely).
  "lib/setup/issue-token.mjs": "the setup token's issuer, shared with the primary process, which loads no TypeScript; its audit row has auditRow's columns",
  "scripts/serve/setup-token.mjs": "the primary process's own short-lived transaction around the issuer, before any worker starts",
  "lib/setup/token.ts": "bridges that one plain-JS issuer onto a Prisma transaction for npm run setup -- --token",
  // Database administration: databases, migrations' bookkeeping (Prisma's own table, not in the types).
  "scripts/lib.mjs": "_prisma_migrations reads (pending and unfinished migrations), before the app may open the database",
  "scripts/e2e-server.mjs": "creates and drops the e2e run's own database",
  "scripts/crash-test.ts": "creates and drops the crash test's database; a SELECT 1 readiness check",
  "scripts/bench/imports.ts": "creates and drops the imports bench's throwaway database",
  "lib/test/db.ts": "test harness: creates, migrates and drops the test databases",
  "lib/test/global-setup.ts": "test harness: the per-run migrated template database",
  "lib/test/pooler-child.ts": "test harness: the pooler test's child holds a transaction open through PgBouncer and reads the settings back",
  // The seed's own writer: one transaction on its own connection (its reads see its uncommitted
  // rows), which the boundary does not offer; it repeats no product rule (settings from
  // lib/setup/schema.ts, the zone from lib/calendar.ts).
  "prisma/seed/bulk.ts": "the seed's bulk writer (unnest INSERTs, TRUNCATE, table counts; the load's foreign keys dropped and added back)",
  "prisma/seed/seed.ts": "the seed's transaction: reference rows, setval, ANALYZE",
  "prisma/seed/family.ts": "the seed's family contacts, in the seed's transaction",
  "prisma/seed/plans.ts": "the seed's intervention plans, in the seed's transaction",
  "prisma/seed/quality.ts": "the seed's administrators' overrides and the program quality report's inputs, in the seed's transaction",
  // Oracles: SQL written apart from the product's on purpose, to check it.
  "lib/reports/test/truth.ts": "test oracle: an independent SQL reading of every report figure",
  "lib/test/fuzz/counts.ts": "test oracle: the fuzz tests' independent row counts",
  "scripts/crash/invariants.ts": "test oracle: the crash test's and seed test's invariants, restated in SQL",
  "scripts/bench/reports.ts": "the hand-written baselines the report aggregates are timed against",
};

/** SQL text: a string or template literal that opens with a statement keyword. */
const SQL_TEXT =
  /[`"']\s*(SELECT\s|INSERT\s+INTO|UPDATE\s+"|DELETE\s+FROM|WITH\s+\w+\s+AS\s*\(|CREATE\s+(DATABASE|TABLE|INDEX)|DROP\s|ALTER\s|TRUNCATE\s|BEGIN\b|COMMIT\b|ROLLBACK\b|SET\s+LOCAL|ANALYZE\b)/;
/** Raw-query APIs: Prisma's, the old pg path's, and the boundary's own (only lib/sql calls it). */
const RAW_API = /\$(queryRaw|executeRaw)(Unsafe)?\b|\bPrisma\.(sql|raw|join)\b|\b(sqlRows|runCompiled)\b|\b(sqlDb|executeIn|rowsIn)\b|^import\s+(?!type\b).*from\s+"kysely"/;

const SOURCE = /\.(ts|tsx|mjs|js)$/;
const isTest = (f: string) => /\.test\.(ts|tsx|mjs)$/.test(f) || f.startsWith("e2e/");

function productFiles(): string[] {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" });
  return out
    .split("\n")
    .filter((f) => SOURCE.test(f) && !isTest(f) && !f.startsWith("lib/generated/") && fs.existsSync(path.join(ROOT, f)))
    .filter((f) => /^(app|components|lib|scripts|prisma)\//.test(f) || !f.includes("/"));
}

function findings(file: string): string[] {
  const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
  return lines.flatMap((line, i) => (SQL_TEXT.test(line) || RAW_API.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 100)}`] : []));
}

describe("the typed SQL boundary (lib/sql)", () => {
  const files = productFiles();

  it("has no raw SQL outside lib/sql but the allow-list", () => {
    const found = files.filter((f) => !f.startsWith("lib/sql/") && !(f in ALLOWED)).flatMap(findings);
    expect(found).toEqual([]);
  });

  it("keeps the allow-list true: each entry exists and still holds raw SQL", () => {
    for (const f of Object.keys(ALLOWED)) {
      expect(fs.existsSync(path.join(ROOT, f)), f).toBe(true);
      expect(findings(f).length, `${f} holds no raw SQL any more: take it off the allow-list`).toBeGreaterThan(0);
    }
  });

  it("holds one exported query per lib/sql/queries file, named for the file", () => {
    const queries = files.filter((f) => f.startsWith("lib/sql/queries/"));
    expect(queries.length).toBeGreaterThan(40);
    for (const f of queries) {
      const text = fs.readFileSync(path.join(ROOT, f), "utf8");
      const exported = [...text.matchAll(/^export\s+(?:async\s+)?(?:function|const)\s+(\w+)/gm)].map((m) => m[1]);
      const camel = path.basename(f, ".ts").replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
      expect(exported, f).toEqual([camel]);
    }
  });

  it("runs no statement through Prisma's raw API inside lib/sql but the transaction bridge", () => {
    const raw = files.filter((f) => f.startsWith("lib/sql/") && f !== "lib/sql/db.ts").filter((f) => /\$(queryRaw|executeRaw)/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
    expect(raw).toEqual([]);
  });
});
