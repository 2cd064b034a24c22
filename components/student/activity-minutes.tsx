import type { StudentActivity } from "@/lib/enrollments/activity";
import { RowTh, Table, Td, Th } from "@/components/ui/table";

// Time on task per online course (issue #15): minutes per week for the last weeks, from the
// activity import. A table per course (a row per week, so it fits a phone), each value in text; the
// bar beside it only repeats the number for the eye (aria-hidden).

const WEEK = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", month: "short", day: "numeric" });
const weekLabel = (monday: string) => {
  const start = new Date(`${monday}T00:00:00Z`);
  const end = new Date(start.getTime() + 6 * 86_400_000);
  return `${WEEK.format(start)} – ${WEEK.format(end)}`;
};
const hours = (minutes: number) => (Math.round(minutes / 6) / 10).toLocaleString("en-US", { minimumFractionDigits: 1 });

export function ActivityMinutes({ activity }: { activity: StudentActivity }) {
  if (!activity.loaded)
    return (
      <p className="text-sm text-slate-700" data-testid="activity-none">
        No activity file loaded. Time on task appears here once the district imports its providers&apos; usage reports.
      </p>
    );
  if (activity.courses.length === 0)
    return (
      <p className="text-sm text-slate-700" data-testid="activity-none">
        No active online course.
      </p>
    );
  return (
    <div className="mt-2 grid gap-4 md:grid-cols-2">
      {activity.courses.map((c) => {
        const max = Math.max(60, ...c.weeks.map((w) => w.minutes));
        const recent = c.weeks.reduce((s, w) => s + w.minutes, 0);
        return (
          <div key={c.enrollmentId} className="rounded border border-slate-200 bg-white p-3" data-testid="activity-course">
            <Table
              density="compact"
              className="w-full"
              captionClassName="mb-1 text-left"
              caption={
                <>
                  <span className="font-medium">Minutes per week: {c.title}</span> <span className="text-sm text-slate-600">· {c.provider}</span>
                  <span className="block text-sm text-slate-700">
                    Total active time: <strong>{hours(c.totalMinutes)} hours</strong> ({c.totalMinutes.toLocaleString("en-US")} min) · last {activity.weeks} weeks:{" "}
                    {recent.toLocaleString("en-US")} min
                  </span>
                </>
              }
            >
              <thead>
                <tr>
                  <Th>Week (Mon–Sun)</Th>
                  <Th numeric>Minutes</Th>
                  <Th>
                    <span className="sr-only">Bar</span>
                  </Th>
                </tr>
              </thead>
              <tbody>
                {c.weeks.map((w) => (
                  <tr key={w.weekOf}>
                    <RowTh className="whitespace-nowrap">{weekLabel(w.weekOf)}</RowTh>
                    <Td numeric>{w.minutes}</Td>
                    <td className="w-1/2" aria-hidden="true">
                      {/* An SVG bar, not a style attribute: the CSP allows no inline styles (proxy.ts). */}
                      <svg viewBox="0 0 100 10" preserveAspectRatio="none" className="block h-3 w-full">
                        <rect width={(100 * w.minutes) / max} height={10} rx={1} className="fill-blue-700" />
                      </svg>
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            {c.lastDay === null && <p className="mt-1 text-sm text-slate-700">No activity reported for this course yet.</p>}
          </div>
        );
      })}
    </div>
  );
}
