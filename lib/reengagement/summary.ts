import "server-only";
import { db } from "@/lib/db";
import { can, studentScope, type Viewer, assertCan } from "@/lib/access";
import { disclose, disclosureCell, type Coded, type DisclosureCell, type DisclosureRelation } from "@/lib/reports/disclosure";
import { districtDay, schoolYearOf } from "@/lib/calendar";
import { reengagedByYear, type SummaryEvent } from "./rules";

// The Re-engagement summary (administrators): per school year, students re-engaged and how many of
// them later graduated (rules.ts reengagedByYear has the definition). A student counts at their
// school (Student.schoolId, the list's scope). Suppressed like every summary
// (lib/reports/disclosure.ts; DEFINITIONS.md "Suppression"): fewer than 6 re-engaged shows nothing,
// a count of graduates within one of none or all reads as a bound; for a district administrator,
// who can view every school and the district, each year's district cell = Σ its schools' cells, so
// complementary suppression keeps a school from being worked out as the district less the others.

export type SummaryYear = {
  year: number;
  /** null: suppressed (fewer than 6, or hidden to protect another cell). */
  reengaged: number | null;
  /** null when suppressed or coded. */
  graduated: number | null;
  /** Percent of the re-engaged who later graduated, one decimal; null when suppressed or coded. */
  rate: number | null;
  coded: Coded | null;
};

export async function reengagementSummary(viewer: Viewer, p: { school?: string; years: number }, now: Date = new Date()): Promise<SummaryYear[]> {
  assertCan(viewer, "reengagement.summary");
  const last = schoolYearOf(districtDay(now));
  const years = Array.from({ length: p.years }, (_, i) => last - i);
  const rows = await db().statusEvent.findMany({
    // Only students ever re-engaged: the district's graduates at large are not read.
    where: { kind: { in: ["REENGAGED", "GRADUATED"] }, student: { AND: [studentScope(viewer), { statusEvents: { some: { kind: "REENGAGED" } } }] } },
    select: { studentId: true, kind: true, effectiveDate: true, sequence: true, student: { select: { schoolId: true } } },
  });
  // Units: each school the viewer reaches, and for a district admin the district ("").
  const schoolOf = new Map(rows.map((r) => [r.studentId, r.student.schoolId]));
  const units = [...new Set(rows.map((r) => r.student.schoolId))].sort();
  if (can(viewer, "students.allSchools")) units.unshift("");
  const byUnit = new Map(units.map((u) => [u, reengagedByYear(rows.filter((r) => u === "" || schoolOf.get(r.studentId) === u) as SummaryEvent[])]));
  const cells: DisclosureCell[] = [];
  const relations: DisclosureRelation[] = [];
  const at = new Map<string, number>();
  for (const y of years) {
    for (const u of units) {
      const c = byUnit.get(u)!.get(y) ?? { reengaged: 0, graduated: 0 };
      at.set(`${u}:${y}`, cells.length);
      cells.push(disclosureCell({ size: c.reengaged, denominator: c.reengaged, numerators: [c.graduated], publish: true }));
    }
    if (can(viewer, "students.allSchools") && units.length > 1) {
      relations.push({ parent: at.get(`:${y}`)!, children: units.slice(1).map((u) => at.get(`${u}:${y}`)!) });
    }
  }
  const decisions = disclose({ cells, relations, denominatorIsStudents: true });
  const unit = p.school ?? (can(viewer, "students.allSchools") ? "" : (viewer.schoolId ?? ""));
  return years.map((year) => {
    const i = at.get(`${unit}:${year}`);
    // An empty cell is hidden too (DEFINITIONS.md "Suppression" rule 1), like a small one.
    if (i === undefined || decisions[i].state === "suppressed") return { year, reengaged: null, graduated: null, rate: null, coded: null };
    const c = cells[i];
    const d = decisions[i];
    const coded = d.coded[0] ?? null;
    return { year, reengaged: c.size, graduated: coded ? null : c.numerators[0], rate: coded ? null : Math.round((1000 * c.numerators[0]) / c.denominator) / 10, coded };
  });
}
