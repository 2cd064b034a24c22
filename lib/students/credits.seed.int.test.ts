// On the demo district: the caseload (its SQL inputs) and the student page (its record) give every
// student the same credit figures, in the same words (lib/students/credits.ts; issue 13).
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { seedDemo } from "@/prisma/seed/seed";
import { listCaseload, type CaseloadRow } from "./caseload";
import { getStudentRecord } from "./record";
import { caseloadParamsSchema } from "./schema";

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

describe("credit figures on the demo district", () => {
  it("the caseload's credits earned, still needed and behind-the-line reason equal the student page's, for every student", async () => {
    const rows = await wholeCaseload();
    expect(rows.length).toBe(await db().student.count());
    const differ: unknown[] = [];
    let withProgress = 0;
    for (const row of rows) {
      const r = await getStudentRecord(admin, row.id, AS_OF);
      const behind = (risk: { reasons: { code: string; label: string; brief: string }[] }) => risk.reasons.find((x) => x.code === "CREDITS_BEHIND") ?? null;
      const caseload = { earned: row.creditsEarned, required: row.creditsRequired, stillNeeded: row.creditsStillNeeded, behind: behind(row.risk) };
      const page = { earned: r.audit.total.earned, required: r.audit.diplomaCredits, stillNeeded: r.audit.total.stillNeeded, behind: behind(r.risk) };
      if (JSON.stringify(caseload) !== JSON.stringify(page)) differ.push({ sisId: row.sisId, caseload, page });
      if (r.audit.total.inProgress > 0) withProgress++;
      // The audit's rows add up to its total.
      expect(r.audit.lines.reduce((n, l) => n + l.stillNeeded, 0)).toBeCloseTo(r.audit.total.stillNeeded, 9);
      expect(r.audit.lines.reduce((n, l) => n + l.required, 0)).toBeCloseTo(r.audit.total.required, 9);
    }
    expect(differ).toEqual([]);
    // The comparison means something: students with courses in progress (where the old audit's
    // "missing" and the caseload's "short" disagreed) are among them.
    expect(withProgress).toBeGreaterThan(50);
  }, 600_000);
});
