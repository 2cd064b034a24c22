import type { RiskLevel } from "@/lib/students/rules";
import type { PaceStatus, ScheduleColour } from "@/lib/enrollments/rules";
import { riskText } from "@/lib/labels";

// Colour always comes with a word (never colour alone), in contrast-safe pairs (app/globals.css).

const RISK_CLASS: Record<RiskLevel, string> = { HIGH: "badge-red", MODERATE: "badge-amber", LOW: "badge-green" };
export function RiskBadge({ level }: { level: RiskLevel }) {
  return <span className={`badge px-2 font-semibold ${RISK_CLASS[level]}`}>{riskText(level)}</span>;
}

const PACE: Record<PaceStatus, { label: string; cls: string }> = {
  AHEAD: { label: "Ahead", cls: "badge-blue" },
  ON_PACE: { label: "On pace", cls: "badge-green" },
  BEHIND: { label: "Behind", cls: "badge-red" },
};
export function PaceBadge({ status }: { status: PaceStatus }) {
  const p = PACE[status];
  return <span className={`badge ${p.cls}`}>{p.label}</span>;
}

const SCHEDULE: Record<ScheduleColour, string> = { GREEN: "badge-green", YELLOW: "badge-amber", RED: "badge-red" };
export function ScheduleBadge({ rate, colour }: { rate: number; colour: ScheduleColour }) {
  return <span className={`badge ${SCHEDULE[colour]}`}>{`${rate}% on schedule`}</span>;
}
