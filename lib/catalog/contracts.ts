import "server-only";
import { db, isUniqueViolation, type Tx } from "@/lib/db";
import { assertCan, assertLookupId, NotFoundError, type Viewer } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { yearLabel } from "@/lib/calendar";
import { DomainError } from "@/lib/safe-action";
import type { ContractDeleteInput, ContractInput } from "./schema";

// What the district pays each provider per school year (ProviderContract; issue #18: the program
// quality report's cost per credit), entered on the Catalog page by district administrators. One
// row per provider and year: saving a year that has a contract changes it. Each write is one
// transaction with its audit event (from → to of what changed).

export type SavedContract = { year: string; created: boolean; changed: boolean };

/** The provider, or not found (the same answer for a nonexistent id as for a malformed one). */
async function providerOf(tx: Tx, providerId: string) {
  assertLookupId(providerId, "Provider");
  const p = await tx.provider.findUnique({ where: { id: providerId }, select: { id: true, code: true } });
  if (!p) throw new NotFoundError("Provider", providerId);
  return p;
}

const costText = (c: { toFixed(n: number): string }) => c.toFixed(2);

export async function saveContract(viewer: Viewer, input: ContractInput): Promise<SavedContract> {
  assertCan(viewer, "catalog.manage");
  const year = yearLabel(input.schoolYear);
  try {
    return await db().$transaction(async (tx) => {
      const provider = await providerOf(tx, input.providerId);
      const key = { providerId: provider.id, schoolYear: input.schoolYear };
      const before = await tx.providerContract.findUnique({ where: { providerId_schoolYear: key } });
      const from = before ? { cost: costText(before.cost), note: before.note } : { cost: null, note: null };
      const changes = Object.fromEntries((["cost", "note"] as const).filter((k) => from[k] !== input[k]).map((k) => [k, { from: from[k], to: input[k] }]));
      if (before && Object.keys(changes).length === 0) return { year, created: false, changed: false };
      await tx.providerContract.upsert({
        where: { providerId_schoolYear: key },
        create: { ...key, cost: input.cost, note: input.note },
        update: { cost: input.cost, note: input.note },
      });
      await recordAudit(
        viewer,
        {
          action: before ? "catalog.contract.update" : "catalog.contract.create",
          entity: "Provider",
          entityId: provider.id,
          details: { provider: provider.code, schoolYear: year, changes },
        },
        tx,
      );
      return { year, created: !before, changed: true };
    });
  } catch (e) {
    // Two first saves of one year at once: the second is told, nothing is overwritten unseen.
    if (isUniqueViolation(e)) throw new DomainError(`A contract for ${year} was saved meanwhile: reload the page to see it.`, "schoolYear");
    throw e;
  }
}

export async function deleteContract(viewer: Viewer, input: ContractDeleteInput): Promise<{ year: string }> {
  assertCan(viewer, "catalog.manage");
  const year = yearLabel(input.schoolYear);
  return db().$transaction(async (tx) => {
    const provider = await providerOf(tx, input.providerId);
    const key = { providerId: provider.id, schoolYear: input.schoolYear };
    const before = await tx.providerContract.findUnique({ where: { providerId_schoolYear: key } });
    if (!before) throw new DomainError(`There is no ${year} contract to remove: the page may be out of date.`);
    await tx.providerContract.delete({ where: { providerId_schoolYear: key } });
    await recordAudit(
      viewer,
      {
        action: "catalog.contract.delete",
        entity: "Provider",
        entityId: provider.id,
        details: { provider: provider.code, schoolYear: year, changes: { cost: { from: costText(before.cost), to: null }, note: { from: before.note, to: null } } },
      },
      tx,
    );
    return { year };
  });
}
