import type { Metadata } from "next";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { districtDay, isoDay } from "@/lib/calendar";
import { getToday, todayCounselors } from "@/lib/today/queries";
import { setAside } from "@/lib/today/dismiss";
import { todayParamsSchema } from "@/lib/today/params";
import { TODAY_MAX, TODAY_REASON_LABELS, TODAY_RULES, type TodayReasonCode } from "@/lib/today/rules";
import { caseloadSchools } from "@/lib/students/caseload";
import { TodayFilters } from "@/components/today/filters";
import { TodayList } from "@/components/today/today-list";
import { RestoreForm } from "@/components/today/dismiss-form";
import { can } from "@/lib/access";

export const metadata: Metadata = { title: "Today" };

export default async function TodayPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  const p = todayParamsSchema.parse(await searchParams);
  const today = districtDay();
  const school = can(viewer, "students.allSchools") ? p.school : undefined;
  const [list, schools, counselors, aside] = await Promise.all([
    getToday(viewer, today, { school, counselor: !can(viewer, "students.byCounselor") ? undefined : p.counselor }),
    caseloadSchools(viewer),
    todayCounselors(viewer, school),
    setAside(viewer, today),
  ]);
  const shown = list.entries.slice(0, p.limit);
  const more = new URLSearchParams({ ...(school ? { school } : {}), ...(p.counselor ? { counselor: p.counselor } : {}), limit: String(Math.min(TODAY_MAX, p.limit + 15)) });
  const snoozeDefault = isoDay(new Date(today.getTime() + 7 * 86_400_000));
  return (
    <>
      <h1 className="text-2xl font-bold">Today</h1>
      <p className="mt-1 text-slate-700">
        Whom to see first, {isoDay(today)}. {!can(viewer, "students.byCounselor") ? "Your caseload" : "Enrolled students"}: each student once, for the most pressing reason.
      </p>
      {can(viewer, "students.byCounselor") && <TodayFilters p={p} schools={schools} counselors={counselors} bySchool={can(viewer, "students.allSchools")} />}
      {list.needsSchool ? (
        <p role="status" className="mt-4 rounded border border-blue-200 bg-blue-50 p-3">
          Choose a school to see its Today list.
        </p>
      ) : (
        <>
          <p className="mt-4 text-sm" aria-live="polite">
            {list.entries.length === 0
              ? `Nothing needs you today among ${list.considered} students.`
              : `Showing ${shown.length} of ${list.entries.length} students who need something (of ${list.considered} enrolled).`}
          </p>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-blue-800 underline">How this list is ordered</summary>
            <div className="mt-2 rounded border border-slate-200 bg-white p-3">
              <p>A student is listed once, for the first of these reasons that applies (the others are shown as “also”):</p>
              <ol className="mt-1 list-decimal pl-5">
                {TODAY_RULES.map((r) => (
                  <li key={r.code}>
                    <strong>{TODAY_REASON_LABELS[r.code]}</strong>: {r.rule}
                  </li>
                ))}
              </ol>
              <p className="mt-2">
                Within a reason: high risk before moderate before low, then the most urgent (days overdue, days to the end, credits short, days idle), then by name.
              </p>
              <p className="mt-1">
                “Newly” compares with {isoDay(list.baseline)}
                {list.lastVisit && list.lastVisit < new Date(today.getTime() - 7 * 86_400_000) ? ` (your last visit)` : " (a week ago)"}.{" "}
                {list.history.first
                  ? `Risk history: a daily snapshot of every enrolled student's risk, from ${isoDay(list.history.first)} to ${isoDay(list.history.latest!)}.`
                  : "Risk history has not started yet: the daily snapshot has not run, so nothing is “newly” anything."}
              </p>
            </div>
          </details>
          <TodayList entries={shown} showCounselor={can(viewer, "students.byCounselor")} snoozeDefault={snoozeDefault} />
          {list.entries.length > shown.length && shown.length < TODAY_MAX && (
            <p className="mt-4">
              <Link href={`/today?${more}`} className="inline-block min-h-6 text-blue-800 underline">
                Show more
              </Link>
            </p>
          )}
        </>
      )}
      {aside.length > 0 && (
        <section aria-labelledby="aside" className="mt-8">
          <h2 id="aside" className="text-xl font-bold">
            Set aside
          </h2>
          <ul className="mt-2 space-y-2">
            {aside.map((d) => {
              const name = `${d.student.firstName} ${d.student.lastName}`;
              return (
                <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded border border-slate-200 bg-white p-2 text-sm">
                  <Link href={`/students/${d.student.id}`} className="font-medium text-blue-800 underline">
                    {name}
                  </Link>
                  <span>{TODAY_REASON_LABELS[d.reason as TodayReasonCode] ?? d.reason}</span>
                  <span className="text-slate-700">
                    {d.until ? `snoozed until ${isoDay(d.until)}` : "dismissed"} · “{d.note}”
                  </span>
                  <RestoreForm dismissalId={d.id} name={name} />
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
