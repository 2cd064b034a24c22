import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { getStudentRecord } from "@/lib/students/record";
import { getDrill } from "@/lib/reports/drill";
import { drillParams } from "@/lib/reports/schema";
import { studentsCsv } from "@/lib/exports/students";
import { auditFilterSchema, searchAudit } from "@/lib/audit/search";
import { handle as exportAudit } from "@/app/api/audit/export/handle";
import { districtDay, formatMoment } from "@/lib/calendar";

// "Who looked at this student?" on the audit page and in its CSV export: words, not codes; the
// student's own events, refused attempts on them and the lists and exports that included them;
// times in the district's zone; the export district administrators only, and itself audited.

useTestDatabase();

async function scene() {
  const school = await makeSchool();
  const counselor = viewerOf(await makeUser("COUNSELOR", school.id, { email: `okafor.${Date.now()}@test.example` }));
  const colleague = viewerOf(await makeUser("COUNSELOR", school.id));
  const schoolAdmin = viewerOf(await makeUser("SCHOOL_ADMIN", school.id));
  const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  const target = await makeStudent(school.id, counselor.id, { sisId: `T${Date.now()}`, lastName: "Targetsson", cohortYear: 2030 });
  const bystander = await makeStudent(school.id, counselor.id, { cohortYear: 2031 });
  await getStudentRecord(counselor, target.id, districtDay());
  await getStudentRecord(counselor, bystander.id, districtDay());
  await getStudentRecord(colleague, target.id, districtDay()).catch(() => undefined); // refused: not theirs
  await getDrill(schoolAdmin, drillParams.parse({ figure: "acgr4", cohort: "2030" })); // lists the target
  await getDrill(schoolAdmin, drillParams.parse({ figure: "acgr4", cohort: "2031" })); // does not
  for await (const chunk of studentsCsv(counselor)) void chunk; // exports both
  return { school, counselor, colleague, schoolAdmin, admin, target, bystander };
}

describe("who looked at this student?", () => {
  it("the student filter finds reads, refused attempts and the lists and exports that included them, in words", async () => {
    const { counselor, colleague, schoolAdmin, admin, target } = await scene();
    const found = await searchAudit(admin, auditFilterSchema.parse({ student: target.sisId }));
    expect(found.rows.map((r) => [r.user?.email, r.label])).toEqual([
      [counselor.email, "exported students (CSV)"],
      [schoolAdmin.email, "listed the students behind a report figure"],
      [colleague.email, "was refused a student record (not in their scope, or no such student)"],
      [counselor.email, "viewed the student record"],
    ]);
    expect(found.rows[0].summary).toBe("filter: scope own caseload · 2 students");
    // By last name too, and an action picked from the list matches that action only.
    expect((await searchAudit(admin, auditFilterSchema.parse({ student: "targetss", action: "student.read" }))).rows.map((r) => r.label)).toEqual(["viewed the student record"]);
  });

  it("exports the filtered log as CSV with words and district times, and records the export", async () => {
    const { admin, target, counselor } = await scene();
    const since = new Date(Date.now() - 1);
    const res = await exportAudit(admin, new Request(`http://test/api/audit/export?student=${target.sisId}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    // Named by the district's day (lib/exports/csv.ts datedFileName), not the server's UTC date.
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="audit-${districtDay().toISOString().slice(0, 10)}.csv"`);
    const rows: Record<string, string>[] = parse(await res.text(), { columns: true });
    expect(rows.map((r) => r.what)).toEqual([
      "exported students (CSV)",
      "listed the students behind a report figure",
      "was refused a student record (not in their scope, or no such student)",
      "viewed the student record",
    ]);
    const read = rows[3];
    expect(read).toMatchObject({ user_email: counselor.email, action: "student.read", student_sis_id: target.sisId, student_name: `Targetsson, Test` });
    expect(read.at_district).toBe(formatMoment(new Date(read.at_utc)));
    expect(await db().auditEventStudent.count({ where: { studentId: target.id } })).toBe(2); // the export and the drill-down
    const [own] = await db().auditEvent.findMany({ where: { userId: admin.id, at: { gte: since } } });
    expect(own).toMatchObject({ action: "audit.export", details: { filter: { student: target.sisId }, events: 4 } });
  });

  it("refuses every other role (403), and the refusal is on the record", async () => {
    const { counselor, schoolAdmin } = await scene();
    const since = new Date(Date.now() - 1);
    for (const v of [counselor, schoolAdmin]) {
      const res = await exportAudit(v, new Request("http://test/api/audit/export"));
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain("student");
      const events = await db().auditEvent.findMany({ where: { userId: v.id, at: { gte: since } } });
      expect(events.map((e) => [e.action, e.details])).toEqual([["access.refused", { path: "/api/audit/export" }]]);
    }
    expect((await exportAudit(null, new Request("http://test/api/audit/export"))).status).toBe(401);
  });
});
