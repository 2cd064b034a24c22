// The plans report's three tables as the page shows them and the CSV exports them: one list of
// column names for both, and each row's cells with hidden values null ("—") and coded rates as
// bounds ("≤ 16.7"), never the numbers behind them (lib/reports/csv.ts).
import { rateCell, toCsv } from "@/lib/reports/csv";
import { countShown, type Shown } from "./report-publish";
import { OWNER, RISK, TYPE, type PlansReport } from "./report";

export const PLAN_TABLES = ["risk", "types", "owners"] as const;
export type PlanTable = (typeof PLAN_TABLES)[number];

export const PLAN_TABLE_COLUMNS: Record<PlanTable, string[]> = {
  risk: ["Risk level", "Enrolled students", "With an active plan", "Without an active plan", "Share with an active plan (%)", "Suppressed"],
  types: ["Plan type", "Students", "Active plans", "Met", "Not met", "Discontinued", "Share met (%)", "Suppressed"],
  // Overdue follow-ups only: an owner's active plans (and students) would restate the plans by type's
  // active count (and the risk table's students with a plan) under a decision of its own, so a count
  // one table hides could be read off the other. The overdue count is published nowhere else.
  owners: ["Owner", "Follow-ups overdue", "Suppressed"],
};

export type Cell = string | number | null;

const supp = (r: Shown) => (r.suppression === "none" ? "" : r.suppression);

/**
 * The cells of one row, in the order of PLAN_TABLE_COLUMNS[table]: a count within one of none or
 * all as its bound ("≤ 1"), a hidden one null ("—"), and a share with nothing to divide by (no
 * student, no plan closed yet) the empty string — blank, not hidden.
 */
export function planTableCells(table: PlanTable, r: Shown): Cell[] {
  const rate = r.noDenominator ? "" : (rateCell(r.rate, r.coded) ?? null);
  const n = (k: number) => countShown(r, k);
  switch (table) {
    case "risk":
      return [r.label, r.size, n(RISK.withPlan), n(RISK.withoutPlan), rate, supp(r)];
    case "types":
      return [r.label, r.size, n(TYPE.active), n(TYPE.met), n(TYPE.notMet), n(TYPE.discontinued), rate, supp(r)];
    case "owners":
      return [r.label, n(OWNER.overdue), supp(r)];
  }
}

export function planTableCsv(table: PlanTable, report: PlansReport): string {
  const rows = table === "risk" ? report.risk : table === "types" ? report.types : report.owners;
  return toCsv(
    PLAN_TABLE_COLUMNS[table],
    rows.map((r) => planTableCells(table, r)),
  );
}
