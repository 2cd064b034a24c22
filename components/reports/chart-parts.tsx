import type { ReactNode } from "react";

// Shared pieces of the server-drawn SVG charts (trend-chart.tsx, bar-chart.tsx): series colours
// (dark enough for 3:1 against white) and a marker shape per series, so a series is told apart by
// its shape as well as its colour.

export const SERIES_COLOURS = ["#1e3a8a", "#b45309", "#047857"];
export const MARKERS = ["circle", "square", "diamond"] as const;
export type MarkerShape = (typeof MARKERS)[number];

/** One point's marker; `open` (a value that is not final) draws it hollow. */
export function Marker({ shape, x, y, colour, open = false, children }: { shape: MarkerShape; x: number; y: number; colour: string; open?: boolean; children?: ReactNode }) {
  const paint = { fill: open ? "#ffffff" : colour, stroke: colour, strokeWidth: open ? 2 : 1, "data-open": open ? "true" : undefined };
  if (shape === "square") {
    return (
      <rect x={x - 3.5} y={y - 3.5} width={7} height={7} {...paint}>
        {children}
      </rect>
    );
  }
  if (shape === "diamond") {
    return (
      <path d={`M ${x} ${y - 4.5} L ${x + 4.5} ${y} L ${x} ${y + 4.5} L ${x - 4.5} ${y} Z`} {...paint}>
        {children}
      </path>
    );
  }
  return (
    <circle cx={x} cy={y} r={3.5} {...paint}>
      {children}
    </circle>
  );
}

/** A legend entry: the series' line and marker (`dashed`, `open`: the not-final key). */
export function LegendKey({
  shape,
  colour,
  dashed = false,
  open = false,
  children,
}: {
  shape: MarkerShape;
  colour: string;
  dashed?: boolean;
  open?: boolean;
  children: ReactNode;
}) {
  return (
    <li className="flex items-center gap-1">
      <svg viewBox="0 0 24 10" className="h-2.5 w-6" aria-hidden="true">
        <line x1={0} x2={24} y1={5} y2={5} stroke={colour} strokeWidth={2} strokeDasharray={dashed ? "5 4" : undefined} />
        <Marker shape={shape} x={12} y={5} colour={colour} open={open} />
      </svg>
      {children}
    </li>
  );
}

/** The legend's "not final" key of a line chart (trend-chart.tsx, gap-trend-chart.tsx). */
export const NotFinalKey = () => (
  <LegendKey shape="circle" colour="#475569" dashed open>
    Not final (window still open)
  </LegendKey>
);
