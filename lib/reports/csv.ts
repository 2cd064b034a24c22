// CSV exports of the report tables (RFC 4180), built from the already-suppressed rows: a suppressed
// value is exported as "—" exactly as shown, never as the number behind it. Cells that a
// spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an apostrophe (OWASP
// "CSV injection"); negative numbers are written by us as numbers and are left alone.
import type { EquityRow } from "./equity";
import { FIGURES, FIGURE_KEYS, type FigureKey, type TrendPoint } from "./figures";
import type { ProgramTableRow } from "./program-table";
import { PROGRAM_LABEL } from "./program-table";
import type { DistrictSummary } from "./queries";
import { yearLabel } from "./periods";

type Value = string | number | null | undefined;
const DASH = "—";

function cell(v: Value): string {
  if (v == null) return DASH;
  const s = typeof v === "number" ? String(v) : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Value[][]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

/** `note`: the figure's note (figures.ts), on the "All students" line; with no roll its size is "—", not "<6". */
export function equityCsv(figure: FigureKey, rows: EquityRow[], note?: string): string {
  const noRate = (r: EquityRow) => r.key === "all" && r.value == null && !!note;
  return toCsv(
    ["group", `${FIGURES[figure].label} (%)`, "students", "gap to all students (pts)", "gap to highest group (pts)", "suppressed", "note"],
    rows.map((r) => [
      r.label, r.value, r.n ?? (noRate(r) ? null : "<6"), r.gapToAll ?? (r.key === "all" ? "" : null), r.gapToHighest ?? (r.key === "all" ? "" : null),
      r.suppression === "none" ? "" : r.suppression, r.key === "all" ? (note ?? "") : "",
    ]),
  );
}

export function programCsv(rows: ProgramTableRow[]): string {
  return toCsv(
    ["program", "provider", "students", "started", "completed", "passed", "failed", "withdrawn", "active", "completion rate (%)", "median days to complete", "credits recovered"],
    rows.map((r) => [r.programType ? PROGRAM_LABEL[r.programType] ?? r.programType : "All programs", r.providerName ?? "", r.students, r.started, r.completed, r.passed, r.failed, r.withdrawn, r.active, r.completionRate, r.medianDaysToComplete, r.creditsRecovered]),
  );
}

export function trendCsv(points: TrendPoint[]): string {
  return toCsv(["school year", ...FIGURE_KEYS.map((k) => `${FIGURES[k].label} (%)`)], points.map((p) => [yearLabel(p.year), ...FIGURE_KEYS.map((k) => p[k])]));
}

/** One line per school and the district; `notes` carries each figure's note (figures.ts) as the page shows it. */
export function schoolsCsv(d: DistrictSummary): string {
  const head = ["school", "state code", ...FIGURE_KEYS.flatMap((k) => [`${FIGURES[k].label} (%)`, `${FIGURES[k].label}: n`]), "notes"];
  const n = (f: DistrictSummary["district"][FigureKey]) => f.denominator ?? (f.rate == null && f.note ? null : "<6");
  const notes = (f: DistrictSummary["district"]) => FIGURE_KEYS.flatMap((k) => (f[k].note ? [`${FIGURES[k].label}: ${f[k].note}`] : [])).join("; ");
  const line = (name: string, code: string, f: DistrictSummary["district"]) => [name, code, ...FIGURE_KEYS.flatMap((k) => [f[k].rate, n(f[k])]), notes(f)];
  return toCsv(head, [...d.schools.map((s) => line(s.name, s.stateCode, s.figures)), line("District", "", d.district)]);
}
