// On the demo district: the caseload (its SQL inputs) and the student page (its record) give every
// student the same credit figures, in the same words (lib/students/credits.ts; issue 13), and the
// same risk — level and every reason (mastery failed, inactive, behind pace, credits behind,
// attendance…) — so the risk inputs each path reads (credits earned: lib/students/credits.ts
// creditsEarned over lib/sql/fragments/credits-earned.ts; mastery failed:
// lib/sql/fragments/mastery-failed.ts) cannot drift apart unnoticed (issue 17). The students
// CSV's credits_earned is the same figure (creditsEarned over the same per-subject sums).
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { seedDemo } from "@/prisma/seed/seed";
import { listCaseload, type CaseloadRow } from "./caseload";
import { getStudentRecord } from "./record";
import { caseloadParamsSchema } from "./schema";
import { parse } from "csv-parse/sync";
import { studentsCsv } from "@/lib/exports/students";

useTestDatabase();

const AS_OF_DAY = "2026-11-23";
const AS_OF = new Date(`${AS_OF_DAY}T00:00:00Z`);
let admin: Viewer;

beforeAll(async () => {
  await seedDemo({ asOf: AS_OF_DAY });
  const u = await db().user.findFirstOrThrow({ where: { role: "DISTRICT_ADMIN" } });
  admin = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: null };
}, 300_000);

/** Every student of every school as the caseload lists them (all statuses, every page). */
async function wholeCaseload(): Promise<CaseloadRow[]> {
  const rows: CaseloadRow[] = [];
  for (const school of await db().school.findMany({ select: { id: true } })) {
    for (let page = 1; ; page++) {
      const p = await listCaseload(admin, caseloadParamsSchema.parse({ school: school.id, status: "ALL", sort: "name", page: String(page) }), AS_OF);
      rows.push(...p.rows);
      if (page >= p.pageCount) break;
    }
  }
  return rows;
}

/** Each student's page, read in parallel batches (the record's statements run concurrently anyway). */
async function studentPages(ids: string[]) {
  const pages = new Map<string, Awaited<ReturnType<typeof getStudentRecord>>>();
  for (let i = 0; i < ids.length; i += 16) {
    const batch = ids.slice(i, i + 16);
    const records = await Promise.all(batch.map((id) => getStudentRecord(admin, id, AS_OF, { notes: false })));
    batch.forEach((id, j) => pages.set(id, records[j]));
  }
  return pages;
}

describe("credit figures and risk on the demo district", () => {
  it("the caseload's credits, risk level and risk reasons equal the student page's, for every student", async () => {
    const rows = await wholeCaseload();
    expect(rows.length).toBe(await db().student.count());
    const pages = await studentPages(rows.map((r) => r.id));
    const differ: unknown[] = [];
    let withProgress = 0;
    const reasons = new Map<string, number>();
    for (const row of rows) {
      const r = pages.get(row.id)!;
      const caseload = { earned: row.creditsEarned, required: row.creditsRequired, stillNeeded: row.creditsStillNeeded, risk: row.risk };
      const page = { earned: r.creditsEarned, required: r.audit.diplomaCredits, stillNeeded: r.audit.total.stillNeeded, risk: r.risk };
      if (JSON.stringify(caseload) !== JSON.stringify(page)) differ.push({ sisId: row.sisId, caseload, page });
      // The audit's total earned is the same figure as the page's credits earned.
      if (r.audit.total.earned !== r.creditsEarned) differ.push({ sisId: row.sisId, auditEarned: r.audit.total.earned, earned: r.creditsEarned });
      if (r.audit.total.inProgress > 0) withProgress++;
      for (const x of row.risk.reasons) reasons.set(x.code, (reasons.get(x.code) ?? 0) + 1);
      // The audit's rows add up to its total.
      expect(r.audit.lines.reduce((n, l) => n + l.stillNeeded, 0)).toBeCloseTo(r.audit.total.stillNeeded, 9);
      expect(r.audit.lines.reduce((n, l) => n + l.required, 0)).toBeCloseTo(r.audit.total.required, 9);
    }
    expect(differ).toEqual([]);
    // The comparison means something: students with courses in progress (where the old audit's
    // "missing" and the caseload's "short" disagreed) are among them, and the online risk inputs
    // each fire for some students.
    expect(withProgress).toBeGreaterThan(50);
    expect(Object.fromEntries(reasons)).toMatchObject({
      MASTERY_FAILED: expect.any(Number),
      INACTIVE: expect.any(Number),
      BEHIND_PACE: expect.any(Number),
      CREDITS_BEHIND: expect.any(Number),
    });
  }, 600_000);

  it("the students CSV's credits_earned is the caseload's credits earned, for every student", async () => {
    const caseload = new Map((await wholeCaseload()).map((r) => [r.sisId, r.creditsEarned]));
    let text = "";
    for await (const chunk of studentsCsv(admin)) text += chunk;
    const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBe(caseload.size);
    const differ = rows
      .filter((r) => Number(r.credits_earned) !== caseload.get(r.sis_id))
      .map((r) => ({ sisId: r.sis_id, csv: r.credits_earned, caseload: caseload.get(r.sis_id) }));
    expect(differ).toEqual([]);
    // Fractional credits (half-credit semesters) are among them, where a second sum could round apart.
    expect(rows.some((r) => !Number.isInteger(Number(r.credits_earned)))).toBe(true);
  }, 600_000);
});
