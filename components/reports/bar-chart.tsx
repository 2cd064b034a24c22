import { useId } from "react";
import { niceTicks, scale } from "@/lib/reports/chart";
import { fmtGap } from "./format";

// Horizontal bars, drawn on the server as SVG (lib/reports/chart.ts): one bar per row, a reference
// line (e.g. all students, or the district) across all rows, and each row's value — with its gap
// to the reference — written in a column of its own, right of every bar and the line. Colour is
// never the only cue: a gap is written with ▲/▼ and its sign ("▲ +3.2 pts"), and read out in words.
// A row with no value (hidden for privacy, or coded "≤ 10.0%") draws no bar and writes what the
// table writes. A figure that is not final draws its bars hatched and says so.

export type Bar = {
  key: string;
  label: string;
  /** Null: no bar (hidden, coded or no data); `text` says why. */
  value: number | null;
  /** What is written for the row: the value as the table shows it ("66.0%", "—", "≤ 10.0%"). */
  text: string;
  /** The gap to the reference in percentage points, as the table shows it (null: none). */
  gap?: number | null;
  /** Drawn bold: the reference row itself (all students, the district). */
  strong?: boolean;
};

// Room on the left for a group's or school's name (longer ones are shortened, in full in their
// <title>) and on the right for a value with its gap ("≤ 10.0% ▼ −12.5 pts").
const W = 480;
const ROW = 18;
const LABEL = 198;
const VALUE = 112;
const TOP = 16;
const FONT = 10;
const MAX_LABEL = 36;

const mark = (gap: number) => (gap > 0 ? "▲" : gap < 0 ? "▼" : "=");
const gapSaid = (gap: number) => (gap === 0 ? "level with it" : `${Math.abs(gap).toFixed(1)} points ${gap > 0 ? "above" : "below"}`);

export function BarChart({
  title,
  bars,
  reference,
  notFinal,
}: {
  title: string;
  bars: Bar[];
  reference?: { value: number | null; label: string };
  /** The figure's window has not closed: bars are hatched and the legend says "not final". */
  notFinal?: string;
}) {
  const id = useId();
  const values = bars.map((b) => b.value).filter((v): v is number => v != null);
  const ticks = niceTicks(Math.max(0, ...values, reference?.value ?? 0), 4, 100);
  const x = scale(ticks.at(-1)!, LABEL, W - VALUE);
  const H = TOP + bars.length * ROW + 6;
  const summary = bars.map((b) => `${b.label} ${b.text}${b.gap != null ? ` (${gapSaid(b.gap)})` : ""}`).join(", ");
  const hatch = `${id}-hatch`;
  return (
    <figure className="mt-3 rounded border border-slate-200 bg-white p-3" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`} className="font-medium">
        {title}
      </figcaption>
      {values.length === 0 ? (
        <p className="my-4 text-sm text-slate-600" data-testid="chart-no-data">
          No value to draw: every row is hidden to protect students&apos; privacy or has no data.
        </p>
      ) : (
        // On a phone the drawing keeps a readable size and scrolls sideways in its own box (reachable by keyboard).
        <div role="region" aria-label={`${title} (chart; scrolls sideways on a narrow screen)`} tabIndex={0} className="mt-1 overflow-x-auto">
          <svg
            viewBox={`0 0 ${W} ${H}`}
            role="img"
            aria-label={`Chart. ${title}${reference?.value != null ? `, against ${reference.label}` : ""}: ${summary}`}
            className="h-auto w-full min-w-[30rem] max-w-3xl"
            data-testid="bar-chart"
          >
            <defs>
              <pattern id={hatch} width={4} height={4} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width={4} height={4} fill="#bfdbfe" />
                <line x1={0} y1={0} x2={0} y2={4} stroke="#1e3a8a" strokeWidth={1.5} />
              </pattern>
            </defs>
            {ticks.map((t) => (
              <g key={t}>
                <line x1={x(t)} x2={x(t)} y1={TOP - 4} y2={H - 4} stroke="#e2e8f0" strokeWidth={1} />
                <text x={x(t)} y={TOP - 6} textAnchor="middle" fontSize={FONT - 1} fill="#334155">
                  {t}%
                </text>
              </g>
            ))}
            {reference?.value != null && <line x1={x(reference.value)} x2={x(reference.value)} y1={TOP - 2} y2={H - 2} stroke="#0f172a" strokeWidth={1.5} strokeDasharray="3 2" />}
            {bars.map((b, i) => {
              const y = TOP + i * ROW;
              const w = b.value == null ? 0 : Math.max(0, x(b.value) - LABEL);
              const short = b.label.length > MAX_LABEL ? `${b.label.slice(0, MAX_LABEL - 1)}…` : b.label;
              return (
                <g key={b.key} data-group={b.key}>
                  <text x={LABEL - 4} y={y + 12} textAnchor="end" fontSize={FONT} fill="#0f172a" fontWeight={b.strong ? 700 : 400}>
                    {short !== b.label && <title>{b.label}</title>}
                    {short}
                  </text>
                  {b.value != null && (
                    <rect x={LABEL} y={y + 3} width={w} height={ROW - 6} fill={notFinal ? `url(#${hatch})` : b.strong ? "#1e3a8a" : "#3b82f6"} stroke="#1e3a8a" strokeWidth={0.5} />
                  )}
                  <text x={W - VALUE + 6} y={y + 12} fontSize={FONT} fill="#0f172a" fontWeight={b.strong ? 700 : 400}>
                    {b.text}
                    {b.gap != null ? ` ${mark(b.gap)} ${fmtGap(b.gap)}` : ""}
                  </text>
                </g>
              );
            })}
          </svg>
        </div>
      )}
      {values.length > 0 && (
        <p className="mt-1 text-xs text-slate-700">
          {reference?.value != null && (
            <>
              Dashed line: {reference.label}.{bars.some((b) => b.gap != null) && " ▲/▼: above or below it, in percentage points."}{" "}
            </>
          )}
          {notFinal && <span className="font-medium text-amber-800">Hatched bars: {notFinal}.</span>}
        </p>
      )}
    </figure>
  );
}
