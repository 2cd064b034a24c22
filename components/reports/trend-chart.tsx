"use client";
import { useId } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendPoint } from "@/lib/reports/figures";
import { FIGURES, type FigureKey } from "@/lib/reports/figures";
import { yearLabel } from "@/lib/reports/periods";
import { fmtRate } from "./format";

const COLOURS = ["#1e3a8a", "#b45309", "#047857"];

/** A line chart of some figures over the last school years, with a text alternative and a table view. */
export function TrendChart({ title, points, keys }: { title: string; points: TrendPoint[]; keys: FigureKey[] }) {
  const id = useId();
  const data = points.map((p) => ({ ...p, label: yearLabel(p.year) }));
  const summary = keys
    .map((k) => `${FIGURES[k].label}: ${points.map((p) => `${yearLabel(p.year)} ${fmtRate(p[k])}`).join(", ")}`)
    .join(". ");
  return (
    <figure className="rounded border border-slate-200 bg-white p-3" aria-labelledby={`${id}-cap`}>
      <figcaption id={`${id}-cap`} className="font-medium">{title}</figcaption>
      <div role="img" aria-label={`Chart. ${summary}`} className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis dataKey="label" tick={{ fill: "#334155", fontSize: 12 }} />
            <YAxis unit="%" tick={{ fill: "#334155", fontSize: 12 }} width={48} />
            <Tooltip formatter={(v) => fmtRate(typeof v === "number" ? v : null)} />
            <Legend />
            {keys.map((k, i) => (
              <Line key={k} type="monotone" dataKey={k} name={FIGURES[k].short} stroke={COLOURS[i % COLOURS.length]} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-blue-800 underline">Table view</summary>
        <table className="mt-2 min-w-full">
          <caption className="sr-only">{title}, by school year</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="pr-3">School year</th>
              {keys.map((k) => (
                <th key={k} scope="col" className="pr-3 text-right">{FIGURES[k].label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((p) => (
              <tr key={p.year} className="border-t border-slate-200">
                <th scope="row" className="pr-3 text-left font-normal">{p.label}</th>
                {keys.map((k) => (
                  <td key={k} className="pr-3 text-right tabular-nums">{fmtRate(p[k])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
