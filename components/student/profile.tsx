import type { StudentRecord } from "@/lib/students/record";
import { CAPTION_SHOWN, EmptyRow, Table, Th } from "@/components/ui/table";
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
      <Table className="mt-4" captionClassName={CAPTION_SHOWN} caption="Status history">
        <thead>
          <tr>
            <Th className="py-1.5">Date</Th>
            <Th className="py-1.5">Event</Th>
            <Th className="py-1.5">Details</Th>
            <Th className="py-1.5">Recorded by</Th>
          </tr>
        </thead>
        <tbody>
          {r.statusEvents.length === 0 && <EmptyRow columns={4}>No status events recorded.</EmptyRow>}
          {r.statusEvents.map((e) => (
            <tr key={e.id}>
              <td>{formatDay(e.effectiveDate)}</td>
              <td>{EVENT_LABELS[e.kind]}</td>
              <td>
                {[
                  e.credential && (e.credential === "REGULAR_DIPLOMA" ? "Regular diploma" : "Certificate"),
                  e.transferIn && "Transfer in",
                  e.documented !== null && (e.documented ? "Documented" : "Not documented"),
                  e.gradeLevel && `Grade ${e.gradeLevel}`,
                  e.reason,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </td>
              <td>{e.recordedBy?.name ?? "Import"}</td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
