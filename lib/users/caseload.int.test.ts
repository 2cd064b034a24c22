// The Users page's caseload column and the early-warning page's caseload table count the same
// students (lib/users/caseload.ts): checked for every counselor of the demo district, against a
// count written here from the rule's words.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { seedDemo } from "@/prisma/seed/seed";
import type { Viewer } from "@/lib/access";
import { getEarlyWarning } from "@/lib/reports/early-warning";
import { listStaff } from "./queries";

useTestDatabase();

let district: Viewer;

beforeAll(async () => {
  await seedDemo({ asOf: "2026-11-23" });
  const u = await db().user.findFirstOrThrow({ where: { role: "DISTRICT_ADMIN" } });
  district = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: null };
}, 300_000);

describe("caseload sizes", () => {
  it("the Users page and the early-warning page agree for every active counselor of the demo district", async () => {
    const staff = await listStaff(district);
    const counselors = staff.filter((u) => u.role === "COUNSELOR" && u.active);
    expect(counselors.length).toBeGreaterThan(3);
    const schools = [...new Set(counselors.map((c) => c.schoolId!))];
    let compared = 0;
    for (const schoolId of schools) {
      const ew = await getEarlyWarning(district, { school: schoolId });
      for (const c of counselors.filter((x) => x.schoolId === schoolId)) {
        const row = ew.caseloads.find((r) => r.counselorId === c.id);
        // The rule in words: currently enrolled, at the counselor's school, on their caseload.
        const byRule = await db().student.count({ where: { counselorId: c.id, schoolId, status: "ENROLLED" } });
        expect({ counselor: c.name, users: c.caseload, earlyWarning: row?.students }).toEqual({ counselor: c.name, users: byRule, earlyWarning: byRule });
        compared++;
      }
      // Every currently enrolled student of the school is in exactly one row of the table.
      const total = ew.caseloads.reduce((s, r) => s + r.students, 0);
      expect(total).toBe(await db().student.count({ where: { schoolId, status: "ENROLLED" } }));
    }
    expect(compared).toBe(counselors.length);
    // The demo has students who are no longer enrolled on caseloads: the two counts differ there.
    expect(staff.some((u) => u.onCaseload > u.caseload)).toBe(true);
  }, 120_000);

  it("a school admin sees their school's staff with the same caseload sizes", async () => {
    const sa = await db().user.findFirstOrThrow({ where: { role: "SCHOOL_ADMIN", active: true } });
    const viewer: Viewer = { id: sa.id, name: sa.name, email: sa.email, role: "SCHOOL_ADMIN", schoolId: sa.schoolId };
    const theirs = await listStaff(viewer);
    expect(theirs.every((u) => u.schoolId === sa.schoolId)).toBe(true);
    const all = await listStaff(district);
    for (const u of theirs) expect(u.caseload).toBe(all.find((x) => x.id === u.id)!.caseload);
  });
});
