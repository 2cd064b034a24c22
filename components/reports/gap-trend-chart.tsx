import { useId } from "react";
import { furthestGaps, type GapTrend } from "@/lib/reports/access";
import { yearLabel } from "@/lib/calendar";
import { linePath, niceTicks, splitFinal } from "@/lib/reports/chart";
import { fmtGap } from "./format";
import { LegendKey, Marker, MARKERS, NotFinalKey, SERIES_COLOURS } from "./chart-parts";

// Gap trends (issue 18), drawn on the server as SVG like the trend charts (trend-chart.tsx): the
// gap to all students of the groups furthest from them in the latest year shown, one line each
// (colour and marker shape), over the school years, against the all-students line at 0. Straight
// segments; years that are not final dashed with hollow markers. The table below the chart
// (gap-trend-table.tsx) is its table view and lists every group.

const W = 360;
const H = 200;
const M = { left: 52, right: 30, top: 12, bottom: 24 };
/** How many groups the chart draws (as many as it has colours and marker shapes). */
export const GAP_SERIES = SERIES_COLOURS.length;

export function GapTrendChart({ title, years, final, trend }: { title: string; years: number[]; final: boolean[]; trend: GapTrend[] }) {
  const id = useId();
  const series = furthestGaps(trend, GAP_SERIES);
  const values = series.flatMap((s) => s.gaps).filter((v): v is number => v != null);
  const top = niceTicks(Math.max(0, ...values.map(Math.abs)), 2).at(-1)!;
  const ticks = [-top, -top / 2, 0, top / 2, top];
  const y = (v: number) => Math.round((M.top + ((top - v) / (2 * top)) * (H - M.top - M.bottom)) * 10) / 10;
  const step = years.length > 1 ? (W - M.left - M.right) / (years.length - 1) : 0;
  const x = (i: number) => Math.round((M.left + i * step) * 10) / 10;
  const anyOpen = final.some((f) => !f);
  const said = (g: number | null, i: number) => `${fmtGap(g)}${final[i] ? "" : " (not final)"}`;
  const summary = series.map((s) => `${s.label}: ${years.map((yr, i) => `${yearLabel(yr)} ${said(s.gaps[i], i)}`).join(", ")}; ${s.verdict}`).join(". ");
  return (
    <figure className="mt-3 rounded border border-slate-200 bg-white p-3" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`} className="font-medium">
        {title}
      </figcaption>
      {series.length === 0 ? (
        <p className="my-6 text-sm text-slate-600" data-testid="chart-no-data">
          No data: no group&rsquo;s gap is shown in two or more final years.
        </p>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            role="img"
            aria-label={`Chart. Gap to all students, in points. ${summary}`}
            className="mt-1 h-auto w-full max-w-xl"
            data-testid="gap-trend-chart"
          >
            {ticks.map((t) => (
              <g key={t}>
                <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke={t === 0 ? "#334155" : "#e2e8f0"} strokeWidth={t === 0 ? 1.5 : 1} />
                <text x={M.left - 4} y={y(t) + 3} textAnchor="end" fontSize={11} fill="#334155">
                  {t === 0 ? "all" : `${t > 0 ? "+" : "−"}${Math.abs(t)}`}
                </text>
              </g>
            ))}
            {years.map((yr, i) => (
              <text key={yr} x={x(i)} y={H - 6} textAnchor="middle" fontSize={11} fill="#334155">
                {yearLabel(yr)}
              </text>
            ))}
            {series.map((s, k) => {
              const colour = SERIES_COLOURS[k]!;
              const { solid, dashed } = splitFinal(s.gaps, final);
              const at = (v: number | null, i: number) => (v == null ? null : { x: x(i), y: y(v) });
              return (
                <g key={s.key}>
                  <path d={linePath(solid.map(at))} fill="none" stroke={colour} strokeWidth={2} />
                  <path d={linePath(dashed.map(at))} fill="none" stroke={colour} strokeWidth={2} strokeDasharray="5 4" />
                  {s.gaps.map((g, i) =>
                    g == null ? null : (
                      <Marker key={years[i]} shape={MARKERS[k]!} x={x(i)} y={y(g)} colour={colour} open={!final[i]}>
                        <title>{`${s.label}, ${yearLabel(years[i])}: ${said(g, i)}`}</title>
                      </Marker>
                    ),
                  )}
                </g>
              );
            })}
          </svg>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label={`Legend: ${title}`}>
            {series.map((s, k) => (
              <LegendKey key={s.key} shape={MARKERS[k]!} colour={SERIES_COLOURS[k]!}>
                {s.label} ({s.verdict})
              </LegendKey>
            ))}
            {anyOpen && <NotFinalKey />}
          </ul>
        </>
      )}
    </figure>
  );
}
