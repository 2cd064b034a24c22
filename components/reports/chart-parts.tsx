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
