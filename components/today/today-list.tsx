import Link from "next/link";
import { RiskBadge } from "@/components/caseload/badges";
import { Disclosure } from "@/components/ui/disclosure";
import { reasonInSentence, TODAY_REASON_LABELS, type TodayEntry } from "@/lib/today/rules";
import { DismissForm } from "./dismiss-form";

/** The ranked Today entries as a card list: fits a phone's width, one student per card. */
export function TodayList({ entries, showCounselor, snoozeDefault }: { entries: TodayEntry[]; showCounselor: boolean; snoozeDefault: string }) {
  if (entries.length === 0) return null;
  return (
    <ol className="mt-3 space-y-2" aria-label="Students to see today">
      {entries.map((e, i) => (
        <li key={e.studentId} className="rounded border border-slate-200 bg-white p-3">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="text-sm text-slate-600">{i + 1}.</span>
            <Link href={`/students/${e.studentId}`} className="font-semibold text-blue-800 underline">
              {e.name}
            </Link>
            <span className="text-sm text-slate-700">
              {e.sisId} · grade {e.gradeLevel}
              {showCounselor && ` · ${e.counselorName ?? "no counselor"}`}
            </span>
            <RiskBadge level={e.level} />
          </div>
          <p className="mt-1">
            <strong>{TODAY_REASON_LABELS[e.reason.code]}:</strong> {e.reason.text}
          </p>
          {e.also.length > 0 && <p className="mt-1 text-sm text-slate-700">Also: {e.also.map((r) => reasonInSentence(r.code)).join("; ")}</p>}
          <Disclosure className="no-print mt-1 text-sm" summary={`Set aside (${reasonInSentence(e.reason.code)})`}>
            <DismissForm studentId={e.studentId} reason={e.reason.code} reasonKey={e.reason.key} name={e.name} snoozeDefault={snoozeDefault} />
          </Disclosure>
        </li>
      ))}
    </ol>
  );
}
