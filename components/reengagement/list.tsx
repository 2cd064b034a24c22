import Link from "next/link";
import { Disclosure } from "@/components/ui/disclosure";
import { formatDay, isoDay } from "@/lib/calendar";
import { CREDIT_FIGURES, creditNumber } from "@/lib/students/credits";
import { EXIT_LABELS } from "@/lib/reengagement/rules";
import { OUTCOME_LABELS } from "@/lib/reengagement/schema";
import type { LastContact, ReengagementRow } from "@/lib/reengagement/queries";
import { OutreachForm } from "./outreach-form";
import { ReengageForm } from "./reengage-form";

function lastContactText(c: LastContact | null): string {
  if (!c) return "None recorded";
  const what = c.source === "note" ? "note" : c.outreach ? "outreach" : "family contact";
  const outcome = c.outcome ? `: ${OUTCOME_LABELS[c.outcome as keyof typeof OUTCOME_LABELS] ?? c.outcome}` : "";
  return `${formatDay(c.day)} (${what}${outcome})`;
}

/**
 * One card per student, at every width (a phone shows the same facts; nothing scrolls sideways),
 * each with its two actions: log an outreach attempt, re-engage.
 */
export function ReengagementList(props: { rows: ReengagementRow[]; today: Date; counselors: Map<string, { id: string; name: string }[]>; showSchool: boolean }) {
  const { rows, today, counselors, showSchool } = props;
  const day = isoDay(today);
  return (
    <ul className="mt-3 grid gap-3 lg:grid-cols-2" aria-label="Students who left">
      {rows.map((r) => (
        <li key={r.id} className="min-w-0 rounded border border-slate-200 bg-white p-3">
          <h2 className="text-base font-semibold">
            <Link href={`/students/${r.id}`} className="text-blue-800 underline">
              {r.name}
            </Link>
            <span className="ml-2 text-sm font-normal text-slate-700">SIS {r.sisId}</span>
          </h2>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
            {showSchool && (
              <>
                <dt className="font-medium">School</dt>
                <dd>{r.school.name}</dd>
              </>
            )}
            <dt className="font-medium">Left</dt>
            <dd>
              {EXIT_LABELS[r.exitKind]}, {formatDay(r.exitDate)}
            </dd>
            <dt className="font-medium">Age</dt>
            <dd>{r.age}</dd>
            <dt className="font-medium">{CREDIT_FIGURES.earned}</dt>
            <dd>{creditNumber(r.creditsEarned)}</dd>
            <dt className="font-medium">{CREDIT_FIGURES.stillNeeded}</dt>
            <dd>{creditNumber(r.creditsStillNeeded)}</dd>
            <dt className="font-medium">Last contact</dt>
            <dd>{lastContactText(r.lastContact)}</dd>
            <dt className="font-medium">Outreach attempts</dt>
            <dd>{r.outreachAttempts}</dd>
          </dl>
          <div className="mt-2 flex flex-col gap-2">
            <Disclosure
              summary={
                <>
                  Log outreach<span className="sr-only"> for {r.name}</span>
                </>
              }
            >
              <OutreachForm studentId={r.id} studentName={r.name} today={day} />
            </Disclosure>
            <Disclosure
              summary={
                <>
                  Re-engage<span className="sr-only"> {r.name}</span>
                </>
              }
            >
              <ReengageForm studentId={r.id} version={r.version} studentName={r.name} today={day} counselors={counselors.get(r.school.id) ?? []} />
            </Disclosure>
          </div>
        </li>
      ))}
    </ul>
  );
}
