import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import type { ProviderDays } from "./schema";
import { assertLookupId, NotFoundError, type Viewer, assertCan } from "@/lib/access";

// Each provider's own overdue threshold (issue #15: "a feed that has not arrived for N days (per
// provider)"): Provider.staleAfterDays, null = the district's staleAfterDays. Read by
// lib/imports/staleness.ts; set by district administrators on Settings, one number field per
// provider named `staleAfterDays.<providerId>` (blank = the district default; the schema:
// lib/settings/schema.ts providerOverdueSchema).

/** The providers with their own threshold (null = the district's) and when their results last arrived. */
export async function listProviderOverdue(viewer: Viewer) {
  assertCan(viewer, "settings.manage");
  return db().provider.findMany({ orderBy: [{ name: "asc" }, { code: "asc" }], select: { id: true, code: true, name: true, staleAfterDays: true, resultsAsOf: true } });
}

/**
 * Saves the providers' thresholds (district admins): one transaction, one audit event naming each
 * provider changed with its old and new value (null = the district's). A provider id that exists
 * nowhere refuses the whole form as not found. Returns how many changed.
 */
export async function saveProviderOverdue(viewer: Viewer, input: ProviderDays[]): Promise<{ changed: number }> {
  assertCan(viewer, "settings.manage");
  for (const r of input) assertLookupId(r.providerId, "Provider");
  return db().$transaction(async (tx) => {
    const ids = [...new Set(input.map((r) => r.providerId))];
    const stored = new Map((await tx.provider.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, name: true, staleAfterDays: true } })).map((p) => [p.id, p]));
    const missing = ids.find((id) => !stored.has(id));
    if (missing !== undefined) throw new NotFoundError("Provider", missing);
    const changes = input.filter((r) => stored.get(r.providerId)!.staleAfterDays !== r.staleAfterDays);
    for (const c of changes) await tx.provider.update({ where: { id: c.providerId }, data: { staleAfterDays: c.staleAfterDays } });
    if (changes.length > 0) {
      const details = changes.map((c) => {
        const p = stored.get(c.providerId)!;
        return { provider: p.code, name: p.name, from: p.staleAfterDays, to: c.staleAfterDays };
      });
      await recordAudit(
        viewer,
        { action: "settings.provider-overdue", entity: "Provider", ...(changes.length === 1 ? { entityId: changes[0]!.providerId } : {}), details: { changes: details } },
        tx,
      );
    }
    return { changed: changes.length };
  });
}
