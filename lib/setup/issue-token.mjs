// The one-time setup token of a fresh install (issue #12 "First run"): whoever holds it may open
// /setup and create the first district administrator, so nobody else can claim a new server.
// Plain JavaScript over a bare `query(text, params)` function, so that its two callers share it: the
// production server's primary process (scripts/serve.mjs prints a token at start while no district
// administrator exists; it has no Prisma) and `npm run setup -- --token` (lib/setup/token.ts: rowsIn on a Prisma transaction).
// Only the SHA-256 hash is stored (SetupToken, one row, id 1): a new token replaces the old one.
// Typed-boundary allow-list (lib/sql/db.ts): raw SQL text, because the primary process loads no
// TypeScript and no Kysely; so its audit row is written here (auditRow's columns, no user, `at` by the column's default).
import { createHash, randomBytes } from "node:crypto";

/** How long a token stays good: a working day to finish setting up, then ask for a new one. */
export const SETUP_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** The stored form of a token (hex SHA-256): the token itself is never stored. */
export function hashSetupToken(token) {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/**
 * A new token (32 characters of base64url: 192 random bits), stored as its hash in place of any
 * earlier one and audited, unless a district administrator exists: then null and nothing written.
 * `query(text, params)` runs one statement and resolves to its rows.
 */
export async function issueSetupToken(query, { via, now = new Date() } = {}) {
  const [{ set_up: setUp }] = await query(`SELECT EXISTS (SELECT 1 FROM "User" WHERE "role" = 'DISTRICT_ADMIN') AS set_up`, []);
  if (setUp) return null;
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + SETUP_TOKEN_TTL_MS);
  await query(
    `INSERT INTO "SetupToken" ("id", "tokenHash", "createdAt", "expiresAt") VALUES (1, $1, $2::timestamp, $3::timestamp)
     ON CONFLICT ("id") DO UPDATE SET "tokenHash" = EXCLUDED."tokenHash", "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"`,
    [hashSetupToken(token), now.toISOString().replace("Z", ""), expiresAt.toISOString().replace("Z", "")],
  );
  await query(`INSERT INTO "AuditEvent" ("action", "entity", "entityId", "details") VALUES ('setup.token', 'SetupToken', '1', $1::jsonb)`, [
    JSON.stringify({ via: via ?? "unknown", expiresAt: expiresAt.toISOString() }),
  ]);
  return { token, expiresAt };
}
