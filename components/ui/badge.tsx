import type { ReactNode } from "react";

// A short status word on a coloured ground (risk, pace, readiness, outreach). Colour always comes
// with the word, never alone (WCAG 2.2 SC 1.4.1), in the contrast-safe pairs of app/globals.css
// (.badge-*: 900 text on a 100 ground, at least 7:1).

export type Tone = "red" | "amber" | "green" | "blue" | "violet" | "slate";

const TONE: Record<Tone, string> = {
  red: "badge badge-red",
  amber: "badge badge-amber",
  green: "badge badge-green",
  blue: "badge badge-blue",
  violet: "badge badge-violet",
  slate: "badge badge-slate",
};

/** `strong`: wider and bold, for the badge a row is read by (a risk level, a readiness check). */
export function Badge({ tone, strong, className, children }: { tone: Tone; strong?: boolean; className?: string; children: ReactNode }) {
  const cls = strong ? `${TONE[tone]} px-2 font-semibold` : TONE[tone];
  return <span className={className ? `${cls} ${className}` : cls}>{children}</span>;
}
