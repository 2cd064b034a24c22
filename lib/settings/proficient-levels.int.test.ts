import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { runValidated } from "@/lib/safe-action";
import { proficientLevelsSchema } from "./schema";
import { getProficientLevels, saveProficientLevels } from "./proficient-levels";
import { DEFAULT_PROFICIENT_LEVELS } from "./rules";

useTestDatabase();

const save = (viewer: Parameters<typeof saveProficientLevels>[0], proficientLevels: unknown) =>
  runValidated(viewer, proficientLevelsSchema, saveProficientLevels, { proficientLevels });

describe("state test levels that count as proficient, on the Settings page", () => {
  it("a district admin saves the levels: trimmed, deduplicated without case, audited with old and new, none for no change", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    // No settings row yet: the column's default.
    expect(await getProficientLevels()).toEqual(DEFAULT_PROFICIENT_LEVELS);
    const r = await save(admin, " Meeting Expectations \n exceeding expectations\nMEETING EXPECTATIONS, Advanced\n\n");
    expect(r).toMatchObject({ ok: true, data: { levels: ["Meeting Expectations", "exceeding expectations", "Advanced"], changed: true } });
    expect(await getProficientLevels()).toEqual(["Meeting Expectations", "exceeding expectations", "Advanced"]);
    const events = await db().auditEvent.findMany({ where: { action: "settings.proficient-levels" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: admin.id, entity: "DistrictSettings", entityId: "1" });
    expect(events[0]!.details).toEqual({ from: DEFAULT_PROFICIENT_LEVELS, to: ["Meeting Expectations", "exceeding expectations", "Advanced"] });

    // The same list again: nothing written.
    expect(await save(admin, "Meeting Expectations, exceeding expectations, Advanced")).toMatchObject({ ok: true, data: { changed: false } });
    expect(await db().auditEvent.count({ where: { action: "settings.proficient-levels" } })).toBe(1);
    // The other settings on the row stay as they were.
    expect(await db().districtSettings.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({ passingGrade: 60, twoFactorPolicy: "ADMINISTRATORS" });
  });

  it("refuses other roles, and names a bad list on its field", async () => {
    const school = await makeSchool();
    const before = await getProficientLevels();
    for (const role of ["SCHOOL_ADMIN", "COUNSELOR"] as const) {
      const viewer = viewerOf(await makeUser(role, school.id));
      expect(await save(viewer, "Proficient")).toEqual({ ok: false, message: "You do not have access to this." });
    }
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const fieldError = async (raw: unknown) => {
      const r = await save(admin, raw);
      return r.ok ? null : r.fieldErrors?.proficientLevels;
    };
    expect(await fieldError("  \n , ")).toEqual(["Enter at least one level that counts as proficient"]);
    expect(await fieldError(Array.from({ length: 31 }, (_, i) => `Level ${i}`).join("\n"))).toEqual(["Enter at most 30 levels (there are 31)"]);
    expect(await fieldError(`Proficient\n${"y".repeat(61)}`)).toEqual([`Keep each level to 60 characters: "${"y".repeat(30)}…" has 61`]);
    expect(await fieldError(undefined)).toEqual(["Enter the levels that count as proficient, one per line"]);
    expect(await fieldError(["Proficient", "Advanced"])).toEqual(["Enter the levels that count as proficient, one per line"]);
    expect(await fieldError("Proficient\nBad\u0000level")).toEqual(["Remove the invisible control character (NUL)."]);
    expect(await getProficientLevels()).toEqual(before);
  });
});
