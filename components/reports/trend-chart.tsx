import { useId } from "react";
import type { TrendPoint } from "@/lib/reports/figures";
import { FIGURES, type FigureKey } from "@/lib/reports/figures";
import { yearLabel } from "@/lib/calendar";
import { notFinalText } from "@/lib/reports/periods";
import { linePath, niceTicks, nothingToDraw, scale, splitFinal } from "@/lib/reports/chart";
import { fmtRate } from "./format";
import { DataTable } from "@/components/ui/table";
import { LegendKey, Marker, MARKERS, NotFinalKey, SERIES_COLOURS } from "./chart-parts";

const OPEN = " (not final)";
// The drawing's own units (it scales to its box): room for the axis labels on the left and below.
const W = 320;
const H = 184;
const M = { left: 38, right: 24, top: 10, bottom: 24 };

/**
 * A line chart of some figures over the last school years, drawn on the server as SVG (lib/reports/
 * chart.ts: straight segments, ticks at round values), with a text alternative and a table view.
 * Each series has its own colour AND marker shape, named in the legend, so colour is never the only
 * cue. A figure that is not final (periods.ts) is drawn apart: filled markers on a solid line for
 * final years, then a dashed line to hollow markers for the open ones, which the legend explains.
 * Every point carries a <title> (the browser's tooltip). No value to draw: why, instead (nothingToDraw).
 */
export function TrendChart({ title, points, keys }: { title: string; points: TrendPoint[]; keys: FigureKey[] }) {
  const id = useId();
  const said = (p: TrendPoint, k: FigureKey) => `${fmtRate(p[k], p.coded[k])}${p.final[k] ? "" : OPEN}`;
  const summary = keys.map((k) => `${FIGURES[k].label}: ${points.map((p) => `${yearLabel(p.year)} ${said(p, k)}`).join(", ")}`).join(". ");
  const values = keys.flatMap((k) => points.map((p) => p[k])).filter((v): v is number => v != null);
  const anyOpen = keys.some((k) => points.some((p) => !p.final[k] && p[k] != null));
  const ticks = niceTicks(Math.max(0, ...values), 4, 100);
  const y = scale(ticks.at(-1)!, H - M.bottom, M.top);
  const step = points.length > 1 ? (W - M.left - M.right) / (points.length - 1) : 0;
  const x = (i: number) => Math.round((points.length > 1 ? M.left + i * step : (M.left + W - M.right) / 2) * 10) / 10;
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`} className="font-medium">
        {title}
      </figcaption>
      {values.length === 0 ? (
        <p className="my-6 text-sm text-slate-600" data-testid="chart-no-data">
          {nothingToDraw(keys.flatMap((k) => points.map((p) => ({ value: p[k], coded: p.coded[k], hidden: p.hidden[k], noRecords: p.noRecords[k] }))))}
        </p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Chart. ${summary}`} className="mt-1 h-auto w-full" data-testid="trend-chart">
            {ticks.map((t) => (
              <g key={t}>
                <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} stroke="#e2e8f0" strokeWidth={1} />
                <text x={M.left - 4} y={y(t) + 3} textAnchor="end" fontSize={11} fill="#334155">
                  {t}%
                </text>
              </g>
            ))}
            {points.map((p, i) => (
              <text key={p.year} x={x(i)} y={H - 6} textAnchor="middle" fontSize={11} fill="#334155">
                {yearLabel(p.year)}
              </text>
            ))}
            {keys.map((k, s) => {
              const colour = SERIES_COLOURS[s % SERIES_COLOURS.length]!;
              const { solid, dashed } = splitFinal(
                points.map((p) => p[k]),
                points.map((p) => p.final[k]),
              );
              const at = (v: number | null, i: number) => (v == null ? null : { x: x(i), y: y(v) });
              return (
                <g key={k}>
                  <path d={linePath(solid.map(at))} fill="none" stroke={colour} strokeWidth={2} />
                  <path d={linePath(dashed.map(at))} fill="none" stroke={colour} strokeWidth={2} strokeDasharray="5 4" />
                  {points.map((p, i) =>
                    p[k] == null ? null : (
                      <Marker key={p.year} shape={MARKERS[s % MARKERS.length]!} x={x(i)} y={y(p[k]!)} colour={colour} open={!p.final[k]}>
                        <title>{`${FIGURES[k].short}, ${yearLabel(p.year)}: ${said(p, k)}`}</title>
                      </Marker>
                    ),
                  )}
                </g>
              );
            })}
          </svg>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700" aria-label={`Legend: ${title}`}>
            {keys.map((k, s) => (
              <LegendKey key={k} shape={MARKERS[s % MARKERS.length]!} colour={SERIES_COLOURS[s % SERIES_COLOURS.length]!}>
                {FIGURES[k].short}
              </LegendKey>
            ))}
            {anyOpen && <NotFinalKey />}
          </ul>
        </>
      )}
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800 underline">Table view</summary>
        <DataTable
          caption={`${title}, by school year`}
          density="sheet"
          className="mt-2"
          rows={points}
          rowKey={(p) => String(p.year)}
          columns={[
            { header: "School year", cell: (p) => yearLabel(p.year), rowHeader: true },
            ...keys.map((k) => ({
              key: k,
              header: FIGURES[k].label,
              numeric: true,
              cell: (p: TrendPoint) => (
                <>
                  {p[k] == null && !p.coded[k] && !p.hidden[k] ? (
                    <span className="text-slate-600">{p.noRecords[k] ? "no records" : "no rate yet (0 of 0)"}</span>
                  ) : (
                    fmtRate(p[k], p.coded[k])
                  )}
                  {!p.final[k] && <span className="block text-xs text-amber-800">{notFinalText(p.closesOn[k])}</span>}
                </>
              ),
            })),
          ]}
        />
      </details>
    </figure>
  );
}
