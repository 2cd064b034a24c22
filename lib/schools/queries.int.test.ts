import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { listSchoolOverviews } from "@/lib/schools/queries";
import { ForbiddenError } from "@/lib/access";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";

useTestDatabase();

describe("listSchoolOverviews", () => {
  it("counts enrolled students and counselors per school, within the viewer's scope", async () => {
    const a = await makeSchool({ name: "A school" });
    const b = await makeSchool({ name: "B school" });
    const ca = await makeUser("COUNSELOR", a.id);
    await makeUser("COUNSELOR", a.id, { active: false });
    await makeStudent(a.id, ca.id);
    await makeStudent(a.id, ca.id);
    await makeStudent(a.id, ca.id, { status: "GRADUATED" });
    await makeStudent(b.id, null);

    const district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const rows = await listSchoolOverviews(district);
    const ra = rows.find((r) => r.id === a.id)!;
    expect(ra).toMatchObject({ enrolled: 2, counselors: 1 });
    expect(rows.find((r) => r.id === b.id)).toMatchObject({ enrolled: 1, counselors: 0 });

    const schoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", b.id));
    expect((await listSchoolOverviews(schoolAdmin)).map((r) => r.id)).toEqual([b.id]);
  });

  it("refuses counselors, and a school admin without a school sees nothing", async () => {
    const s = await makeSchool();
    await expect(listSchoolOverviews(viewerOf(await makeUser("COUNSELOR", s.id)))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await listSchoolOverviews(viewerOf(await makeUser("SCHOOL_ADMIN", null)))).toEqual([]);
  });
});
