import type { StudentRecord } from "@/lib/students/record";
import { formatDay } from "@/lib/calendar";
import { EVENT_LABELS } from "./labels";
import { programFlags, RACE_LABEL } from "@/lib/labels";

export function Profile({ r }: { r: StudentRecord }) {
  const s = r.student;
  const flags = programFlags(s).join(", ") || "None";
  const item = (k: string, v: React.ReactNode) => (
    <div>
      <dt className="text-slate-600">{k}</dt>
      <dd>{v}</dd>
    </div>
  );
  return (
    <>
      <dl className="grid grid-cols-2 gap-x-6 gap-y-2 text-sm md:grid-cols-4">
        {item("State id (SASID)", s.stateId ?? "—")}
        {item("Birth date", formatDay(s.birthDate))}
        {item("Gender", s.gender === "NON_BINARY" ? "Non-binary" : s.gender === "FEMALE" ? "Female" : "Male")}
        {item("Race / ethnicity", RACE_LABEL[s.raceEthnicity])}
        {item("Programs", flags)}
        {item("Counselor", s.counselor?.name ?? "Unassigned")}
        {item("First 9th-grade year", s.firstNinthGradeYear ? `${s.firstNinthGradeYear}–${String(s.firstNinthGradeYear + 1).slice(2)}` : "—")}
        {item("Attendance this year", s.attendanceRate === null ? "—" : `${s.attendanceRate}%`)}
        {item("Suspensions this year", s.suspensions)}
        {item("Courses failed this year", s.coursesFailedThisYear)}
      </dl>
      <table className="mt-4 min-w-full text-sm">
        <caption className="mb-1 text-left font-semibold">Status history</caption>
        <thead className="bg-slate-100 text-left">
          <tr>
            <th scope="col" className="px-3 py-1.5">Date</th>
            <th scope="col" className="px-3 py-1.5">Event</th>
            <th scope="col" className="px-3 py-1.5">Details</th>
            <th scope="col" className="px-3 py-1.5">Recorded by</th>
          </tr>
        </thead>
        <tbody>
          {r.statusEvents.length === 0 && (
            <tr><td colSpan={4} className="px-3 py-1.5 text-slate-600">No status events recorded.</td></tr>
          )}
          {r.statusEvents.map((e) => (
            <tr key={e.id} className="border-t border-slate-200">
              <td className="px-3 py-1.5">{formatDay(e.effectiveDate)}</td>
              <td className="px-3 py-1.5">{EVENT_LABELS[e.kind]}</td>
              <td className="px-3 py-1.5">
                {[
                  e.credential && (e.credential === "REGULAR_DIPLOMA" ? "Regular diploma" : "Certificate"),
                  e.transferIn && "Transfer in",
                  e.documented !== null && (e.documented ? "Documented" : "Not documented"),
                  e.gradeLevel && `Grade ${e.gradeLevel}`,
                  e.reason,
                ].filter(Boolean).join(" · ")}
              </td>
              <td className="px-3 py-1.5">{e.recordedBy?.name ?? "Import"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
