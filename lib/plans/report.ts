import "server-only";
import { can, NotFoundError, type Viewer } from "@/lib/access";
import { planRiskCounts } from "@/lib/sql/queries/plan-risk-counts";
import { planTypeCounts } from "@/lib/sql/queries/plan-type-counts";
import { planOwnerCounts } from "@/lib/sql/queries/plan-owner-counts";
import { assertCanReport, reportSchool, reportSchools, type ReportSchool } from "@/lib/reports/queries";
import { DISTRICT } from "@/lib/reports/published";
import { districtDay } from "@/lib/calendar";
import { publishUnits, type Row, type Shown } from "./report-publish";
import { PLAN_TYPES, PLAN_TYPE_LABELS } from "./schema";
import { riskText } from "@/lib/labels";

// The intervention-plans report (issue 16) for one school or the district, today:
//  (a) enrolled students with and without an active plan, by current risk level — the level of
//      the student's latest RiskSnapshot row on or before today; students with none are counted
//      under "No snapshot yet", never given a level here;
//  (b) plans by type: active, met, not met, discontinued, and the share met = met ÷ (met + not
//      met) — discontinued plans are left out of the denominator (they did not run to a verdict);
//  (c) follow-ups overdue per owner of active plans (next follow-up before today); only the overdue
//      count is shown (lib/plans/report-csv.ts says why), the active plans are its denominator.
// Every table goes through the disclosure rules of the other summaries (lib/reports/disclosure.ts):
// a district admin's tables are decided over every school and the district together, so a
// school's table never shows what the district's hides. Counselors are refused (assertCanReport).

export const LEVELS = ["HIGH", "MODERATE", "LOW", "NONE"] as const;
export const LEVEL_LABELS: Record<(typeof LEVELS)[number], string> = { HIGH: riskText("HIGH"), MODERATE: riskText("MODERATE"), LOW: riskText("LOW"), NONE: "No snapshot yet" };
export const TOTAL = "total";
/** Each table's outcome counts, in order: they add up to the row's denominator. */
export const RISK = { withPlan: 0, withoutPlan: 1 } as const;
export const TYPE = { active: 0, met: 1, notMet: 2, discontinued: 3 } as const;
export const OWNER = { overdue: 0, notOverdue: 1 } as const;

export type PlansReport = {
  school: ReportSchool | null;
  asOf: Date;
  risk: Shown[];
  types: Shown[];
  owners: Shown[];
};

/** `school`: a school id or state code in the viewer's scope; none: the school admin's own school, or the district for a district admin. */
export async function getPlansReport(viewer: Viewer, input: { school?: string }, asOf: Date = districtDay()): Promise<PlansReport> {
  assertCanReport(viewer);
  const school = input.school ? await reportSchool(viewer, input.school) : can(viewer, "students.allSchools") ? null : (await reportSchools(viewer))[0];
  if (school === undefined) throw new NotFoundError("School");
  const [risk, types, owners] = await Promise.all([planRiskCounts(viewer, asOf), planTypeCounts(viewer), planOwnerCounts(viewer, asOf)]);
  const district = can(viewer, "students.allSchools");
  const unitOf = (s: string | null) => s ?? DISTRICT;
  const unit = school?.id ?? DISTRICT;

  // (a) Students are in one school each: the district's rows and totals are the schools' sums.
  const riskUnits = new Map<string, Row[]>();
  const addRisk = (u: string, level: string, students: number, withPlan: number) => {
    const rows = riskUnits.get(u) ?? LEVELS.map((l) => emptyRow(l, 2)).concat(emptyRow(TOTAL, 2));
    riskUnits.set(u, rows);
    for (const r of [rows.find((x) => x.key === level)!, rows.find((x) => x.key === TOTAL)!]) {
      r.size += students;
      r.denominator += students;
      r.counts[0] += withPlan;
      r.counts[1] += students - withPlan;
    }
  };
  for (const r of risk) {
    addRisk(r.school, r.level, r.students, r.withPlan);
    if (district) addRisk(DISTRICT, r.level, r.students, r.withPlan);
  }
  ensureUnit(riskUnits, unit, () => LEVELS.map((l) => emptyRow(l, 2)).concat(emptyRow(TOTAL, 2)));

  // (b) One row per type and the total, per school and (district admins) the district: the type's
  // plans by status (they add up to its plans, the row's denominator).
  const typeUnits = new Map<string, Row[]>();
  for (const t of types) {
    if (t.school === null && !district) continue;
    const u = unitOf(t.school);
    const rows = typeUnits.get(u) ?? PLAN_TYPES.map((k) => emptyRow(k, 4)).concat(emptyRow(TOTAL, 4));
    typeUnits.set(u, rows);
    const plans = t.active + t.met + t.notMet + t.discontinued;
    Object.assign(
      rows.find((x) => x.key === (t.type ?? TOTAL))!,
      { size: t.students, denominator: plans, counts: [t.active, t.met, t.notMet, t.discontinued] },
    );
  }
  ensureUnit(typeUnits, unit, () => PLAN_TYPES.map((k) => emptyRow(k, 4)).concat(emptyRow(TOTAL, 4)));

  // (c) One row per owner with active plans, and the total: overdue and not (they add up to the active plans).
  const ownerUnits = new Map<string, Row[]>();
  for (const o of owners) {
    if (o.school === null && !district) continue;
    const u = unitOf(o.school);
    const rows = ownerUnits.get(u) ?? [emptyRow(TOTAL, 2)];
    ownerUnits.set(u, rows);
    const row = o.owner === null ? rows[0] : (rows.push(emptyRow(o.owner, 2, o.name ?? "")), rows[rows.length - 1]);
    Object.assign(row, { size: o.students, denominator: o.active, counts: [o.overdue, o.active - o.overdue] });
  }
  ensureUnit(ownerUnits, unit, () => [emptyRow(TOTAL, 2)]);
  for (const rows of ownerUnits.values()) rows.sort((a, b) => Number(a.key === TOTAL) - Number(b.key === TOTAL) || a.label.localeCompare(b.label));

  const pick = (m: Map<string, Shown[]>) => m.get(unit) ?? [];
  const ownerRows = pick(publishUnits(ownerUnits, district, { sizeAdditive: false, denominatorIsStudents: false, rate: { numerator: OWNER.overdue, over: "denominator" } }));
  return {
    school,
    asOf,
    risk: pick(publishUnits(riskUnits, district, { sizeAdditive: true, denominatorIsStudents: true, rate: { numerator: RISK.withPlan, over: "denominator" } })),
    types: pick(publishUnits(typeUnits, district, { sizeAdditive: false, denominatorIsStudents: false, rate: { numerator: TYPE.met, over: [TYPE.met, TYPE.notMet] } })),
    // A hidden total lists no owner: who owns active plans is not told for a unit whose figures are hidden.
    owners: ownerRows.find((r) => r.key === TOTAL)?.suppression === "suppressed" ? ownerRows.filter((r) => r.key === TOTAL) : ownerRows,
  };
}

function emptyRow(key: string, n: number, label?: string): Row {
  const words = label ?? (key === TOTAL ? "All" : ((LEVEL_LABELS as Record<string, string>)[key] ?? PLAN_TYPE_LABELS[key as keyof typeof PLAN_TYPE_LABELS] ?? key));
  return { key, label: words, size: 0, denominator: 0, counts: Array<number>(n).fill(0) };
}

function ensureUnit(m: Map<string, Row[]>, unit: string, make: () => Row[]) {
  if (!m.has(unit)) m.set(unit, make());
}
