"use client";
import { useId } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendPoint } from "@/lib/reports/figures";
import { FIGURES, type FigureKey } from "@/lib/reports/figures";
import { yearLabel } from "@/lib/calendar";
import { notFinalText } from "@/lib/reports/periods";
import { fmtRate } from "./format";
import { DataTable } from "@/components/ui/table";

const COLOURS = ["#1e3a8a", "#b45309", "#047857"];

const OPEN = " (not final)";
type Row = TrendPoint & { label: string } & Record<string, unknown>;

/**
 * A line chart of some figures over the last school years, with a text alternative and a table view.
 * A figure that is not final (periods.ts) is drawn apart: filled dots on a solid line for final
 * years, then a dashed line to hollow dots for the open ones (`<key>:open` carries those values and
 * the last final one, so the dashes start where the solid line ends). Open years are always the
 * latest, since each figure's window closes a fixed time after its year.
 */
export function TrendChart({ title, points, keys }: { title: string; points: TrendPoint[]; keys: FigureKey[] }) {
  const id = useId();
  const data: Row[] = points.map((p, i) => {
    const row: Row = { ...p, label: yearLabel(p.year) };
    for (const k of keys) {
      const next = points[i + 1];
      row[`${k}:final`] = p.final[k] ? p[k] : null;
      row[`${k}:open`] = !p.final[k] || (next && !next.final[k]) ? p[k] : null;
    }
    return row;
  });
  const said = (p: TrendPoint, k: FigureKey) => `${fmtRate(p[k], p.coded[k])}${p.final[k] ? "" : OPEN}`;
  const summary = keys.map((k) => `${FIGURES[k].label}: ${points.map((p) => `${yearLabel(p.year)} ${said(p, k)}`).join(", ")}`).join(". ");
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`} className="font-medium">
        {title}
      </figcaption>
      <div role="img" aria-label={`Chart. ${summary}`} className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fill: "#334155", fontSize: 12 }} />
            <YAxis unit="%" tick={{ fill: "#334155", fontSize: 12 }} width={48} />
            <Tooltip
              content={({ active, payload }) => {
                const p = payload?.[0]?.payload as Row | undefined;
                if (!active || !p) return null;
                return (
                  <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow">
                    <p className="font-medium">{p.label}</p>
                    {keys.map((k) => (
                      <p key={k}>
                        {FIGURES[k].short}: {said(p, k)}
                      </p>
                    ))}
                  </div>
                );
              }}
            />
            <Legend />
            {keys.flatMap((k, i) => {
              const colour = COLOURS[i % COLOURS.length];
              return [
                <Line
                  key={k}
                  type="monotone"
                  dataKey={`${k}:final`}
                  name={FIGURES[k].short}
                  stroke={colour}
                  strokeWidth={2}
                  dot={{ r: 3, fill: colour }}
                  connectNulls={false}
                  isAnimationActive={false}
                />,
                <Line
                  key={`${k}:open`}
                  type="monotone"
                  dataKey={`${k}:open`}
                  name={`${FIGURES[k].short}${OPEN}`}
                  legendType="none"
                  stroke={colour}
                  strokeWidth={2}
                  strokeDasharray="5 4"
                  connectNulls={false}
                  isAnimationActive={false}
                  dot={(d: { cx?: number; cy?: number; index?: number; payload?: Row }) =>
                    d.payload && !d.payload.final[k] && d.cx != null && d.cy != null ? (
                      <circle key={`${k}-${d.index}`} data-open="true" cx={d.cx} cy={d.cy} r={4} fill="#fff" stroke={colour} strokeWidth={2} />
                    ) : (
                      <g key={`${k}-${d.index}`} />
                    )
                  }
                />,
              ];
            })}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800 underline">Table view</summary>
        <DataTable
          caption={`${title}, by school year`}
          density="sheet"
          className="mt-2"
          rows={data}
          rowKey={(p) => String(p.year)}
          columns={[
            { header: "School year", cell: (p) => p.label, rowHeader: true },
            ...keys.map((k) => ({
              key: k,
              header: FIGURES[k].label,
              numeric: true,
              cell: (p: Row) => (
                <>
                  {fmtRate(p[k], p.coded[k])}
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
