import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { ForbiddenError, NotFoundError } from "@/lib/access";
import { getPlansReport } from "./report";
import { PLAN_TABLE_COLUMNS, planTableCsv } from "./report-csv";

// The plans report on a real database: who may read it, the risk level from the latest snapshot
// ("No snapshot yet" otherwise), the share met's denominator, overdue follow-ups per owner, and
// the suppression of small rows (never a hidden number in the CSV).

useTestDatabase();

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const TODAY = d("2026-12-01");

async function school() {
  const s = await makeSchool();
  const counselor = await makeUser("COUNSELOR", s.id);
  const admin = await makeUser("SCHOOL_ADMIN", s.id);
  const students = async (n: number, level: "HIGH" | "MODERATE" | "LOW" | null) =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const st = await makeStudent(s.id, counselor.id);
        if (level) {
          // An older row with another level: the latest one counts.
          await db().riskSnapshot.create({
            data: { studentId: st.id, day: d("2026-10-01"), level: "LOW", reasons: [], schoolId: s.id, counselorId: counselor.id, creditsEarned: 0 },
          });
          await db().riskSnapshot.create({
            data: { studentId: st.id, day: d("2026-11-15"), level, reasons: ["ATTENDANCE"], schoolId: s.id, counselorId: counselor.id, creditsEarned: 0 },
          });
        }
        return st;
      }),
    );
  return { s, counselor, admin, students };
}

const plan = (studentId: string, ownerId: string, over: Record<string, unknown> = {}) =>
  db().interventionPlan.create({
    data: {
      studentId,
      ownerId,
      createdById: ownerId,
      type: "ATTENDANCE",
      tier: 2,
      goal: "Attend",
      metric: "ATTENDANCE_RATE",
      targetValue: 90,
      targetText: "",
      startDate: d("2026-10-01"),
      nextFollowUp: d("2026-12-10"),
      ...over,
    },
  });

describe("plans report", () => {
  it("is refused to counselors and not found for another school's admin", async () => {
    const a = await school();
    const b = await school();
    await expect(getPlansReport(viewerOf(a.counselor), {}, TODAY)).rejects.toThrow(ForbiddenError);
    await expect(getPlansReport(viewerOf(b.admin), { school: a.s.id }, TODAY)).rejects.toThrow(NotFoundError);
  });

  it("counts students by their latest snapshot's level, with and without an active plan; suppresses small rows", async () => {
    const { s, counselor, admin, students } = await school();
    const high = await students(8, "HIGH");
    const moderate = await students(2, "MODERATE");
    const none = await students(7, null);
    for (const st of high.slice(0, 3)) await plan(st.id, counselor.id, { nextFollowUp: d("2026-11-20") });
    await plan(moderate[0].id, counselor.id);
    await plan(none[0].id, counselor.id, { status: "DISCONTINUED", statusReason: "x", closedOn: d("2026-11-01") });
    const r = await getPlansReport(viewerOf(admin), {}, TODAY);
    expect(r.school?.id).toBe(s.id);
    const row = (key: string) => r.risk.find((x) => x.key === key)!;
    expect(row("total")).toMatchObject({ size: 17, counts: [4, 13], suppression: "none" });
    expect(row("MODERATE").suppression).toBe("suppressed");
    // Complementary suppression: with Moderate hidden, one more row must go, or total − the others gives it
    // away; the coded one goes first (7 without a snapshot, none with an active plan: "≤ 1").
    expect(row("NONE")).toMatchObject({ size: null, counts: [null, null], suppression: "suppressed" });
    // Still, High's counts with the total's bound Moderate's 1 plan of 2 students (4 − 3 − "≤ 1" leaves
    // 0 or 1 of 2): one more count of High goes, and so its other count (they add up to its 8 students).
    expect(row("HIGH")).toMatchObject({ size: 8, counts: [null, null], rate: null, suppression: "coded" });
    expect(row("LOW")).toMatchObject({ size: 0 });
    const csv = planTableCsv("risk", r);
    expect(csv.split("\r\n")[0]).toBe(PLAN_TABLE_COLUMNS.risk.join(","));
    expect(csv).toContain("Moderate risk,—,—,—,—,suppressed");
    expect(csv).toContain("No snapshot yet,—,—,—,—,suppressed");
    expect(csv).toContain("High risk,8,—,—,—,coded");
    expect(csv).toContain("All,17,4,13,23.5,");
  });

  it("plans by type: share met = met ÷ (met + not met); overdue follow-ups per owner", async () => {
    const { counselor, admin, students } = await school();
    const kids = await students(10, "HIGH");
    const statuses = ["MET", "MET", "MET", "MET", "NOT_MET", "NOT_MET", "DISCONTINUED", "ACTIVE", "ACTIVE", "ACTIVE"] as const;
    for (const [i, st] of kids.entries()) {
      const closed = statuses[i] !== "ACTIVE";
      await plan(st.id, statuses[i] === "ACTIVE" && i === 9 ? admin.id : counselor.id, {
        status: statuses[i],
        closedOn: closed ? d("2026-11-20") : null,
        statusReason: statuses[i] === "DISCONTINUED" ? "moved" : null,
        nextFollowUp: d(i === 7 ? "2026-11-25" : "2026-12-05"),
      });
    }
    const r = await getPlansReport(viewerOf(admin), {}, TODAY);
    const att = r.types.find((t) => t.key === "ATTENDANCE")!;
    // Ten plans: 3 active, 4 met, 2 not met, 1 discontinued. One discontinued is within one of none,
    // so it reads "≤ 1", and one more count goes (the smallest, not met): the share met goes with it.
    expect(att).toMatchObject({ size: 10, denominator: 10, counts: [3, 4, null, null], bounds: [null, null, null, { op: "≤", count: 1 }], rate: null, suppression: "coded" });
    expect(planTableCsv("types", r)).toContain("Attendance,10,3,4,—,≤ 1,—,coded");
    expect(r.types.find((t) => t.key === "BEHAVIOR")).toMatchObject({ size: 0 });
    // Three active plans of three students: fewer than 6, so every owner row and the total are hidden.
    expect(r.owners.every((o) => o.suppression === "suppressed")).toBe(true);
    expect(planTableCsv("owners", r)).not.toMatch(/,1,/);
  });

  it("protects every count: none within one of none is exact, and none hidden can be worked out from the total", async () => {
    const { admin, students } = await school();
    const kids = await students(12, "HIGH");
    const statuses = ["MET", "MET", "MET", "MET", "NOT_MET", "NOT_MET", "DISCONTINUED", "ACTIVE", "ACTIVE", "ACTIVE"] as const;
    for (const [i, st] of kids.slice(0, 10).entries()) {
      const closed = statuses[i] !== "ACTIVE";
      await plan(st.id, admin.id, { status: statuses[i], closedOn: closed ? d("2026-11-20") : null, statusReason: statuses[i] === "DISCONTINUED" ? "moved" : null });
    }
    // Two students with an active behavior plan: their row is hidden (fewer than 6).
    for (const st of kids.slice(10)) await plan(st.id, admin.id, { type: "BEHAVIOR" });
    const r = await getPlansReport(viewerOf(admin), {}, TODAY);
    expect(r.types.find((t) => t.key === "BEHAVIOR")!.suppression).toBe("suppressed");
    const lines = planTableCsv("types", r)
      .split("\r\n")
      .filter(Boolean)
      .map((l) => l.split(","));
    const [header, ...rows] = lines;
    const total = rows.find((l) => l[0] === "All")!;
    const others = rows.filter((l) => l !== total);
    for (const col of ["Active plans", "Met", "Not met", "Discontinued"]) {
      const k = header.indexOf(col);
      const hidden = others.filter((l) => l[k] === "—");
      // A hidden count is safe only if the total hides it too, or another row's count of the column is unknown.
      const known = (v: string) => /^\d+$/.test(v);
      if (hidden.length === 1) expect(known(total[k]) && others.every((l) => l === hidden[0] || known(l[k]))).toBe(false);
      // A count within one of none (one student's plan, here the one discontinued) is never exact: "≤ 1".
      for (const l of rows) if (l[1] !== "0") expect([l[0], l[k]]).not.toEqual([l[0], expect.stringMatching(/^[01]$/)]);
    }
    expect(total[header.indexOf("Discontinued")]).toBe("≤ 1");
  });

  it("a hidden total hides its whole table: no 0 beside it, no owner's name", async () => {
    const { admin, counselor, students } = await school();
    // Four enrolled students, all high risk, one with a plan: "Moderate 0, Low 0" would say all four are high risk.
    const kids = await students(4, "HIGH");
    await plan(kids[0].id, counselor.id, { nextFollowUp: d("2026-11-20") });
    const r = await getPlansReport(viewerOf(admin), {}, TODAY);
    expect(r.risk.every((x) => x.suppression === "suppressed" && x.size === null && x.counts.every((c) => c === null))).toBe(true);
    expect(planTableCsv("risk", r)).toContain("Low risk,—,—,—,—,suppressed");
    expect(r.types.every((x) => x.suppression === "suppressed")).toBe(true);
    expect(r.owners.map((o) => o.key)).toEqual(["total"]);
    expect(planTableCsv("owners", r)).not.toContain(counselor.name);
  });

  it("owners: only the overdue count, published by no other table (their active plans restate the types table's)", async () => {
    const { admin } = await school();
    const r = await getPlansReport(viewerOf(admin), {}, TODAY);
    expect(planTableCsv("owners", r).split("\r\n")[0]).toBe("Owner,Follow-ups overdue,Suppressed");
  });
});
