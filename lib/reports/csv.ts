// CSV exports of the report tables (RFC 4180), built from the already-suppressed rows: a suppressed
// value is exported as "—" exactly as shown, never as the number behind it. Quoting and the
// formula escape are the one CSV writer's (lib/exports/csv.ts csvField).
import type { EquityRow } from "./equity";
import type { Coded } from "./disclosure";
import { FIGURES, FIGURE_KEYS, type Figure, type FigureKey, type TrendPoint } from "./figures";
import { fateShown, type CompleterGradeRow } from "./completer-grades";
import { FATES, FATE_LABEL } from "./completers";
import type { ProgramTableRow } from "./program-table";
import { programTypeText } from "@/lib/labels";
import type { DistrictSummary, EquityView, QualityView } from "./queries";
import { QUALITY_BY_LABEL } from "./quality";
import { FOLLOW_COLUMNS, GROUP_COLUMNS, RESULT_COLUMNS, qualityRowsCsv } from "./quality-columns";
import type { AccessRow } from "./access";
import { DIMENSION_LABEL } from "./groups";
import { yearLabel } from "@/lib/calendar";
import { notFinalText } from "./periods";
import { csvLine } from "@/lib/exports/csv";

type Value = string | number | null | undefined;
const DASH = "—";

export function toCsv(header: string[], rows: Value[][]): string {
  return [header, ...rows].map((r) => csvLine(r.map((v) => v ?? DASH))).join("");
}

/** A rate as exported: the number, a coded bound ("≤ 10.0"), or "—" (disclosure.ts). */
export const rateCell = (rate: number | null, coded: Coded | null | undefined): Value => (coded ? `${coded.op} ${coded.bound.toFixed(1)}` : rate);

/**
 * `note`: the figure's note (figures.ts), on the "All students" line. Hidden sizes and rates are
 * "—" (suppressed), coded rates "≤ 10.0" / "≥ 90.0" (DEFINITIONS.md "Suppression"). Course
 * completion adds the rate's denominator, enrollments ended, beside the students.
 */
export function equityCsv(figure: FigureKey, rows: EquityRow[], note?: string): string {
  const enrollments = figure === "program";
  return toCsv(
    [
      "group",
      `${FIGURES[figure].label} (%)`,
      "students",
      ...(enrollments ? ["enrollments ended"] : []),
      "gap to all students (pts)",
      "gap to highest group (pts)",
      "suppressed",
      "note",
    ],
    rows.map((r) => [
      r.label,
      rateCell(r.value, r.coded),
      r.n,
      ...(enrollments ? [r.denominator] : []),
      r.gapToAll ?? (r.key === "all" ? "" : null),
      r.gapToHighest ?? (r.key === "all" ? "" : null),
      r.suppression === "none" ? "" : r.suppression,
      r.key === "all" ? (note ?? "") : "",
    ]),
  );
}

export function programCsv(rows: ProgramTableRow[]): string {
  return toCsv(
    [
      "program",
      "provider",
      "students",
      "started",
      "completed",
      "passed",
      "failed",
      "withdrawn",
      "active",
      "enrollments ended",
      "completion rate (%)",
      "median days to complete",
      "credits recovered",
      "suppressed",
    ],
    rows.map((r) => [
      r.programType ? programTypeText(r.programType) : "All programs",
      r.providerName ?? "",
      r.students,
      r.started,
      r.completed,
      r.passed,
      r.failed,
      r.withdrawn,
      r.active,
      r.ended,
      rateCell(r.completionRate, r.coded),
      r.medianDaysToComplete,
      r.creditsRecovered,
      r.suppression === "none" ? "" : r.suppression,
    ]),
  );
}

/**
 * A figure's note as exported (the `note`/`notes` columns): its own note (no October 1 roll) and,
 * while its window is open, "not final — closes <date>" (periods.ts), as the page says it.
 */
export function figureNote(f: Pick<Figure, "note" | "final" | "closesOn">): string | undefined {
  const parts = [f.note, f.final ? undefined : notFinalText(f.closesOn)].filter((x): x is string => !!x);
  return parts.length ? parts.join("; ") : undefined;
}

/**
 * `notes`: the figures of the year that are hidden (privacy), have no records or no rate yet, as the
 * page's table says, and those not final yet, with their closing dates.
 */
export function trendCsv(points: TrendPoint[]): string {
  const why = (p: TrendPoint, k: FigureKey) =>
    [
      p.hidden[k] ? "hidden to protect students’ privacy" : p[k] == null && !p.coded[k] ? (p.noRecords[k] ? "no records" : "no rate yet (0 of 0)") : null,
      p.final[k] ? null : notFinalText(p.closesOn[k]),
    ]
      .filter((x) => x)
      .join(", ");
  return toCsv(
    ["school year", ...FIGURE_KEYS.map((k) => `${FIGURES[k].label} (%)`), "notes"],
    points.map((p) => [
      yearLabel(p.year),
      ...FIGURE_KEYS.map((k) => rateCell(p[k], p.coded[k])),
      FIGURE_KEYS.flatMap((k) => {
        const w = why(p, k);
        return w ? [`${FIGURES[k].label}: ${w}`] : [];
      }).join("; "),
    ]),
  );
}

/** Completers by grade at completion and what became of them (completer-grades.ts): hidden "—", coded "≤ 1" / "≥ 24"; `note` on the first line, like equityCsv. */
export function completerGradesCsv(rows: CompleterGradeRow[], note?: string): string {
  return toCsv(
    ["grade at completion", "completers", ...FATES.map((f) => FATE_LABEL[f].toLowerCase()), "suppressed", "note"],
    rows.map((r, i) => [r.group, r.completers, ...FATES.map((f) => fateShown(r, f)), r.suppression === "none" ? "" : r.suppression, i === 0 ? (note ?? "") : ""]),
  );
}

/** One line per school and the district; `notes` carries each figure's note (figures.ts) as the page shows it. */
export function schoolsCsv(d: DistrictSummary): string {
  const head = ["school", "state code", ...FIGURE_KEYS.flatMap((k) => [`${FIGURES[k].label} (%)`, `${FIGURES[k].label}: ${FIGURES[k].denominator}`]), "notes"];
  const n = (f: DistrictSummary["district"][FigureKey]) => f.denominator;
  const notes = (f: DistrictSummary["district"]) =>
    FIGURE_KEYS.flatMap((k) => {
      const note = figureNote(f[k]);
      return note ? [`${FIGURES[k].label}: ${note}`] : [];
    }).join("; ");
  const line = (name: string, code: string, f: DistrictSummary["district"]) => [name, code, ...FIGURE_KEYS.flatMap((k) => [rateCell(f[k].rate, f[k].coded), n(f[k])]), notes(f)];
  return toCsv(head, [...d.schools.map((s) => line(s.name, s.stateCode, s.figures)), line("District", "", d.district)]);
}

/**
 * The equity page's groups (/reports/equity): every group with its dimension, the rate (per 100
 * students for access, with the shares and the representation index), the gaps and whether the
 * figure is final. Hidden values "—", coded rates "≤ 10.0" as on screen.
 */
export function groupsCsv(v: EquityView): string {
  const status = v.period.final ? "final" : notFinalText(v.period.closesOn);
  const access = v.access;
  const enrollments = v.figure === "program";
  const rate = access ? `${v.label} (students per 100)` : `${v.label} (%)`;
  return toCsv(
    [
      "school year",
      "school",
      "dimension",
      "group",
      ...(access
        ? ["students (Oct 1, grades 9-12)", "enrolled", rate, "share of students (%)", "share of enrolled (%)", "representation index"]
        : [rate, "students", ...(enrollments ? ["enrollments ended"] : [])]),
      "gap to all students (pts)",
      "comparison group",
      "gap to comparison group (pts)",
      access ? "gap to group with most access (pts)" : "gap to highest group (pts)",
      "suppressed",
      "status",
      "note",
    ],
    v.rows.map((r) => {
      const a = r as AccessRow;
      return [
        yearLabel(v.year),
        v.school?.name ?? "District",
        DIMENSION_LABEL[r.dimension],
        r.label,
        // Access: as the page writes them (one decimal; the index two).
        ...(access
          ? [r.n, r.numerator, r.coded ? rateCell(r.value, r.coded) : r.value?.toFixed(1), a.shareOfStudents?.toFixed(1), a.shareOfEnrolled?.toFixed(1), a.index?.toFixed(2)]
          : [rateCell(r.value, r.coded), r.n, ...(enrollments ? [r.denominator] : [])]),
        r.gapToAll ?? (r.key === "all" ? "" : null),
        r.comparison ?? "",
        r.comparison ? r.gapToComparison : "",
        r.gapToHighest ?? (r.key === "all" ? "" : null),
        // A unit with no records: its groups are empty, not hidden (queries.ts EquityView.noRecords).
        v.noRecords ? "no records" : r.suppression === "none" ? "" : r.suppression,
        status,
        r.key === "all" ? [v.noRecords, v.note].filter((x) => x).join("; ") : "",
      ];
    }),
  );
}

/** The gap trend of the equity page: each group's gap to all students by school year, with the verdict. */
export function gapTrendCsv(v: EquityView): string {
  return toCsv(
    ["school", "dimension", "group", ...v.years.map((y, i) => `gap to all students ${yearLabel(y)}${v.final[i] ? "" : " (not final)"} (pts)`), "change in size (pts)", "trend"],
    v.trend.map((t) => [v.school?.name ?? "District", DIMENSION_LABEL[t.dimension], t.label, ...t.gaps, t.change, t.verdict]),
  );
}

/** The program quality report (quality.ts) as the page shows it: its columns (quality-columns.ts), "not final" in the notes. */
export function qualityCsv(v: QualityView): string {
  const note = v.period.final ? undefined : notFinalText(v.period.closesOn);
  const t =
    v.by === "group"
      ? qualityRowsCsv("Student group", GROUP_COLUMNS, v.groups, note)
      : qualityRowsCsv(QUALITY_BY_LABEL[v.by], [...RESULT_COLUMNS, ...FOLLOW_COLUMNS], v.rows, note);
  // No enrollment started in the year: one line that says so, with nothing hidden.
  if (v.noRecords)
    return toCsv(t.header, [
      [v.by === "group" ? "All students" : "All online courses", ...t.header.slice(1, -2).map(() => ""), "no records", [v.noRecords, note].filter((x) => x).join("; ")],
    ]);
  return toCsv(t.header, t.rows);
}
