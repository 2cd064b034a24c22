import type { RiskLevel } from "@/lib/students/rules";
import type { PaceStatus, ScheduleColour } from "@/lib/enrollments/rules";

// Colour always comes with a word (never colour alone), in contrast-safe pairs.

const RISK: Record<RiskLevel, { label: string; cls: string }> = {
  HIGH: { label: "High", cls: "bg-red-100 text-red-900 border-red-300" },
  MODERATE: { label: "Moderate", cls: "bg-amber-100 text-amber-900 border-amber-300" },
  LOW: { label: "Low", cls: "bg-green-100 text-green-900 border-green-300" },
};
export function RiskBadge({ level }: { level: RiskLevel }) {
  const r = RISK[level];
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${r.cls}`}>{r.label} risk</span>;
}

const PACE: Record<PaceStatus, { label: string; cls: string }> = {
  AHEAD: { label: "Ahead", cls: "bg-blue-100 text-blue-900 border-blue-300" },
  ON_PACE: { label: "On pace", cls: "bg-green-100 text-green-900 border-green-300" },
  BEHIND: { label: "Behind", cls: "bg-red-100 text-red-900 border-red-300" },
};
export function PaceBadge({ status }: { status: PaceStatus }) {
  const p = PACE[status];
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${p.cls}`}>{p.label}</span>;
}

const SCHEDULE: Record<ScheduleColour, string> = {
  GREEN: "bg-green-100 text-green-900 border-green-300",
  YELLOW: "bg-amber-100 text-amber-900 border-amber-300",
  RED: "bg-red-100 text-red-900 border-red-300",
};
export function ScheduleBadge({ rate, colour }: { rate: number; colour: ScheduleColour }) {
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${SCHEDULE[colour]}`}>{rate}% on schedule</span>;
}
