import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { type Viewer, assertCan } from "@/lib/access";
import { DEFAULT_PROFICIENT_LEVELS } from "./rules";
import type { ProficientLevelsInput } from "./schema";

// The state test levels that count as proficient (DistrictSettings.proficientLevels; issue #18):
// the program quality report reads a result's own proficient flag, else its level against these,
// without case. Set on Settings by district administrators.

/** The district's levels (the schema's default when the district has no settings row yet). */
export async function getProficientLevels(): Promise<string[]> {
  const row = await db().districtSettings.findUnique({ where: { id: 1 }, select: { proficientLevels: true } });
  return row?.proficientLevels ?? DEFAULT_PROFICIENT_LEVELS;
}

/**
 * Saves the levels (district admins only), in one transaction with an audit event holding the old
 * and new lists; none when nothing changed (a change of spelling or order is a change).
 */
export async function saveProficientLevels(viewer: Viewer, input: ProficientLevelsInput): Promise<{ levels: string[]; changed: boolean }> {
  assertCan(viewer, "settings.manage");
  const to = input.proficientLevels;
  return db().$transaction(async (tx) => {
    const row = await tx.districtSettings.findUnique({ where: { id: 1 }, select: { proficientLevels: true } });
    const from = row?.proficientLevels ?? DEFAULT_PROFICIENT_LEVELS;
    if (row && JSON.stringify(from) === JSON.stringify(to)) return { levels: to, changed: false };
    await tx.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, proficientLevels: to }, update: { proficientLevels: to } });
    await recordAudit(viewer, { action: "settings.proficient-levels", entity: "DistrictSettings", entityId: "1", details: { from, to } }, tx);
    return { levels: to, changed: true };
  });
}
