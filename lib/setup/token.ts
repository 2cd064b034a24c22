import "server-only";
import { CompiledQuery } from "kysely";
import { db, type Tx } from "@/lib/db";
import { rowsIn } from "@/lib/sql/db";
import { hashSetupToken, issueSetupToken } from "./issue-token.mjs";

// Reading and issuing the one-time setup token through Prisma (the page, the CLI, the tests).
// Issuing has one home, lib/setup/issue-token.mjs, which the server's primary process runs too:
// plain JavaScript over a bare query function (that process loads no TypeScript), so its SQL text
// is on the typed boundary's allow-list; here it runs on a Prisma transaction through rowsIn.

export type SetupTokenState = "valid" | "expired" | "unknown";

/** Whether `token` is the current setup token and still good. Compared by hash; a wrong token and no token read alike. */
export async function setupTokenState(token: string | null | undefined, now = new Date(), tx?: Tx): Promise<SetupTokenState> {
  if (!token || token.length > 100) return "unknown";
  const row = await (tx ?? db()).setupToken.findUnique({ where: { id: 1 } });
  if (!row || row.tokenHash !== hashSetupToken(token)) return "unknown";
  return row.expiresAt > now ? "valid" : "expired";
}

/**
 * Issues a new setup token (replacing any earlier one), audited, in one transaction; null when a
 * district administrator exists. `via`: who asked ("cli", "server start"), for the audit event.
 */
export async function issueSetupTokenNow(via: string, now = new Date()): Promise<{ token: string; expiresAt: Date } | null> {
  return db().$transaction((tx) => issueSetupToken((text, params) => rowsIn<Record<string, unknown>>(tx, { compile: () => CompiledQuery.raw(text, params) }), { via, now }));
}

/** Whether a district administrator exists (then setup is closed for good). */
export async function districtIsSetUp(tx?: Tx): Promise<boolean> {
  return (await (tx ?? db()).user.count({ where: { role: "DISTRICT_ADMIN" } })) > 0;
}
