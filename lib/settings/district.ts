import "server-only";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { type Viewer, assertCan } from "@/lib/access";
import { SUBJECT_AREAS, type DistrictSettingsInput, type SubjectAreaName } from "@/lib/setup/schema";

// The district's name, diploma credits, credits per subject area and passing grade, as set at the
// first run (lib/setup/setup.ts) and changed on Settings by district administrators.

export type DistrictSettingsView = { districtName: string; totalCredits: number; passingGrade: number; requirements: Record<SubjectAreaName, number> };

export async function getDistrictSettings(): Promise<DistrictSettingsView | null> {
  const [row, reqs] = await Promise.all([db().districtSettings.findUnique({ where: { id: 1 } }), db().graduationRequirement.findMany()]);
  if (!row) return null;
  const requirements = Object.fromEntries(SUBJECT_AREAS.map((a) => [a, 0])) as Record<SubjectAreaName, number>;
  for (const r of reqs) requirements[r.subjectArea] = Number(r.credits);
  return { districtName: row.name, totalCredits: Number(row.totalCreditsRequired), passingGrade: row.passingGrade, requirements };
}

/**
 * Changes the district's settings and graduation requirements (district admins only), in one
 * transaction with an audit event holding the old and new values. Areas with 0 credits have no
 * requirement row. Every student's graduation audit reads the new figures at once.
 */
export async function saveDistrictSettings(viewer: Viewer, input: DistrictSettingsInput): Promise<DistrictSettingsView> {
  assertCan(viewer, "settings.manage");
  const to: DistrictSettingsView = { districtName: input.districtName, totalCredits: input.totalCredits, passingGrade: input.passingGrade, requirements: input.requirements };
  return db().$transaction(async (tx) => {
    const settings = { name: input.districtName, totalCreditsRequired: input.totalCredits, passingGrade: input.passingGrade };
    const [before, reqs] = await Promise.all([tx.districtSettings.findUnique({ where: { id: 1 } }), tx.graduationRequirement.findMany()]);
    await tx.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
    await tx.graduationRequirement.deleteMany({});
    const rows = SUBJECT_AREAS.filter((a) => input.requirements[a] > 0).map((subjectArea) => ({ subjectArea, credits: input.requirements[subjectArea] }));
    if (rows.length) await tx.graduationRequirement.createMany({ data: rows });
    const from = before
      ? {
          districtName: before.name,
          totalCredits: Number(before.totalCreditsRequired),
          passingGrade: before.passingGrade,
          requirements: Object.fromEntries(reqs.map((r) => [r.subjectArea, Number(r.credits)])),
        }
      : null;
    const changed = JSON.stringify(from) !== JSON.stringify({ ...to, requirements: Object.fromEntries(rows.map((r) => [r.subjectArea, r.credits])) });
    if (changed) {
      await recordAudit(
        viewer,
        {
          action: "settings.district",
          entity: "DistrictSettings",
          entityId: "1",
          details: { from, to: { ...to, requirements: Object.fromEntries(rows.map((r) => [r.subjectArea, r.credits])) } },
        },
        tx,
      );
    }
    return to;
  });
}
