import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { districtSettingsSchema, setupFieldErrors, setupFromForm } from "@/lib/setup/schema";
import { getDistrictSettings, saveDistrictSettings } from "./district";

useTestDatabase();

const form = (over: Record<string, string> = {}) =>
  setupFromForm({
    districtName: "Lakeside Public Schools",
    totalCredits: "24",
    passingGrade: "65",
    "requirements.ENGLISH": "4",
    "requirements.MATHEMATICS": "4",
    "requirements.SCIENCE": "3",
    "requirements.HISTORY_SOCIAL_STUDIES": "3",
    "requirements.WORLD_LANGUAGE": "0",
    "requirements.ARTS": "1",
    "requirements.ELECTIVE": "2.5",
    ...over,
  });

describe("district settings on the Settings page", () => {
  it("a district admin changes the requirements: one transaction, an audit event with old and new, none for no change", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    await db().districtSettings.create({ data: { id: 1, name: "Old Name", totalCreditsRequired: 22 } });
    await db().graduationRequirement.createMany({
      data: [
        { subjectArea: "ENGLISH", credits: 4 },
        { subjectArea: "WORLD_LANGUAGE", credits: 2 },
      ],
    });
    const input = districtSettingsSchema.parse(form());
    await saveDistrictSettings(admin, input);
    expect(await getDistrictSettings()).toEqual({
      districtName: "Lakeside Public Schools",
      totalCredits: 24,
      passingGrade: 65,
      requirements: { ENGLISH: 4, MATHEMATICS: 4, SCIENCE: 3, HISTORY_SOCIAL_STUDIES: 3, WORLD_LANGUAGE: 0, ARTS: 1, ELECTIVE: 2.5 },
    });
    // WORLD_LANGUAGE 0 → its row is gone.
    expect(await db().graduationRequirement.count({ where: { subjectArea: "WORLD_LANGUAGE" } })).toBe(0);
    const events = await db().auditEvent.findMany({ where: { action: "settings.district" } });
    expect(events).toHaveLength(1);
    expect(events[0].details).toMatchObject({
      from: { districtName: "Old Name", requirements: { ENGLISH: 4, WORLD_LANGUAGE: 2 } },
      to: { districtName: "Lakeside Public Schools", requirements: { ELECTIVE: 2.5 } },
    });
    await saveDistrictSettings(admin, input);
    expect(await db().auditEvent.count({ where: { action: "settings.district" } })).toBe(1);
  });

  it("refuses other roles, and names bad fields by the form's names", async () => {
    const school = await makeSchool();
    const sa = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
    await expect(saveDistrictSettings(sa, districtSettingsSchema.parse(form()))).rejects.toThrow(/do not have access/);
    const bad = districtSettingsSchema.safeParse(form({ totalCredits: "10", "requirements.ARTS": "x" }));
    expect(bad.success).toBe(false);
    expect(setupFieldErrors(bad.error!)).toEqual({ "requirements.ARTS": ["Enter the credits required as a number, e.g. 4 or 2.5"] });
    const over = districtSettingsSchema.safeParse(form({ totalCredits: "10" }));
    expect(setupFieldErrors(over.error!).totalCredits?.[0]).toMatch(/add up to 17.5 credits, more than the diploma's 10/);
  });
});
