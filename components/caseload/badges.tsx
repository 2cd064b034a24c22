import type { RiskLevel } from "@/lib/students/rules";
import type { PaceStatus, ScheduleColour } from "@/lib/enrollments/rules";
import { Badge, type Tone } from "@/components/ui/badge";
import { riskText } from "@/lib/labels";

// Colour always comes with a word (never colour alone), in contrast-safe pairs (app/globals.css).

const RISK_TONE: Record<RiskLevel, Tone> = { HIGH: "red", MODERATE: "amber", LOW: "green" };
export function RiskBadge({ level }: { level: RiskLevel }) {
  return (
    <Badge tone={RISK_TONE[level]} strong>
      {riskText(level)}
    </Badge>
  );
}

const PACE: Record<PaceStatus, { label: string; tone: Tone }> = {
  AHEAD: { label: "Ahead", tone: "blue" },
  ON_PACE: { label: "On pace", tone: "green" },
  BEHIND: { label: "Behind", tone: "red" },
};
export function PaceBadge({ status }: { status: PaceStatus }) {
  const p = PACE[status];
  return <Badge tone={p.tone}>{p.label}</Badge>;
}

const SCHEDULE: Record<ScheduleColour, Tone> = { GREEN: "green", YELLOW: "amber", RED: "red" };
export function ScheduleBadge({ rate, colour }: { rate: number; colour: ScheduleColour }) {
  return <Badge tone={SCHEDULE[colour]}>{`${rate}% on schedule`}</Badge>;
}
