// The plans report's three tables as the page shows them and the CSV exports them: one list of
// column names for both, and each row's cells with hidden values null ("—") and coded rates as
// bounds ("≤ 16.7"), never the numbers behind them (lib/reports/csv.ts).
import { rateCell, toCsv } from "@/lib/reports/csv";
import type { Shown } from "./report-publish";
import type { PlansReport } from "./report";

export const PLAN_TABLES = ["risk", "types", "owners"] as const;
export type PlanTable = (typeof PLAN_TABLES)[number];

export const PLAN_TABLE_COLUMNS: Record<PlanTable, string[]> = {
  risk: ["Risk level", "Enrolled students", "With an active plan", "Without an active plan", "Share with an active plan (%)", "Suppressed"],
  types: ["Plan type", "Students", "Active plans", "Met", "Not met", "Discontinued", "Share met (%)", "Suppressed"],
  owners: ["Owner", "Students with an active plan", "Active plans", "Follow-ups overdue", "Share overdue (%)", "Suppressed"],
};

export type Cell = string | number | null;

const supp = (r: Shown) => (r.suppression === "none" ? "" : r.suppression);

/** The cells of one row, in the order of PLAN_TABLE_COLUMNS[table]. */
export function planTableCells(table: PlanTable, r: Shown): Cell[] {
  const rate = rateCell(r.rate, r.coded) ?? null;
  switch (table) {
    case "risk":
      return [r.label, r.size, r.numerator, r.extra[0], rate, supp(r)];
    case "types":
      return [r.label, r.size, r.extra[0], r.numerator, r.extra[1], r.extra[2], rate, supp(r)];
    case "owners":
      return [r.label, r.size, r.denominator, r.numerator, rate, supp(r)];
  }
}

export function planTableCsv(table: PlanTable, report: PlansReport): string {
  const rows = table === "risk" ? report.risk : table === "types" ? report.types : report.owners;
  // A share with no denominator (no plan closed met or not met yet) is blank, not hidden.
  return toCsv(PLAN_TABLE_COLUMNS[table], rows.map((r) => planTableCells(table, r).map((c, i, all) => (c === null && i === all.length - 2 && r.suppression === "none" ? "" : c))));
}
