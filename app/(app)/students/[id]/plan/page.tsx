import type { Metadata } from "next";
import Link from "next/link";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { AuditTable } from "@/components/student/audit-table";
import { PrintButton } from "@/components/student/print-button";
import { credits, formatDay } from "@/components/student/labels";
import { loadRecord } from "../load";
import { districtDay } from "@/lib/time";

export const metadata: Metadata = { title: "Graduation plan" };

/** The printable graduation plan: audit, courses in progress, what is missing, the projection. */
export default async function GraduationPlan({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { r } = await loadRecord(id);
  const s = r.student;
  const active = r.enrollments.filter((e) => e.status === "ACTIVE");
  const missing = r.audit.lines.filter((l) => l.missing > 0);
  return (
    <article className="mx-auto max-w-3xl bg-white p-6 print:max-w-none print:p-0">
      <div className="no-print mb-4 flex items-center gap-4">
        <Link href={`/students/${id}`} className="text-blue-800 underline">Back to the student record</Link>
        <PrintButton />
      </div>
      <h1 className="text-2xl font-bold">Graduation plan: {s.firstName} {s.lastName}</h1>
      <p className="text-sm text-slate-700">
        SIS {s.sisId} · Grade {s.gradeLevel} · Class of {s.cohortYear} · {s.school} · Counselor {s.counselor?.name ?? "unassigned"} · Prepared {formatDay(districtDay())}
      </p>

      <section aria-labelledby="p-proj" className="mt-4 break-inside-avoid">
        <h2 id="p-proj" className="text-lg font-semibold">Projection</h2>
        <p className="font-medium">{r.projection.label}</p>
        <p className="text-sm">
          {credits(r.audit.total.earned)} of {credits(r.audit.total.required)} credits earned, {credits(r.audit.total.inProgress)} in progress, {credits(r.projection.creditsNeeded)} still needed.
        </p>
      </section>

      <section aria-labelledby="p-audit" className="mt-4 break-inside-avoid">
        <h2 id="p-audit" className="text-lg font-semibold">Graduation audit</h2>
        <AuditTable audit={r.audit} />
      </section>

      <section aria-labelledby="p-missing" className="mt-4 break-inside-avoid">
        <h2 id="p-missing" className="text-lg font-semibold">Missing requirements</h2>
        {missing.length === 0 && r.audit.total.missing === 0 ? (
          <p>All requirements are earned or in progress.</p>
        ) : (
          <ul className="list-disc pl-5">
            {missing.map((l) => <li key={l.subjectArea}>{SUBJECT_LABELS[l.subjectArea]}: {credits(l.missing)} credits</li>)}
            {r.audit.total.missing > 0 && <li>Diploma total: {credits(r.audit.total.missing)} more credits</li>}
          </ul>
        )}
        {r.recovery.length > 0 && (
          <p className="mt-2 text-sm">Failed courses to recover: {r.recovery.map((t) => `${t.courseTitle} (${t.schoolYear}–${String(t.schoolYear + 1).slice(2)})`).join("; ")}.</p>
        )}
      </section>

      <section aria-labelledby="p-progress" className="mt-4 break-inside-avoid">
        <h2 id="p-progress" className="text-lg font-semibold">Courses in progress</h2>
        {active.length === 0 ? <p>None.</p> : (
          <table className="min-w-full text-sm">
            <caption className="sr-only">Active online courses with progress and target dates</caption>
            <thead className="text-left">
              <tr>
                <th scope="col" className="py-1 pr-3">Course</th>
                <th scope="col" className="py-1 pr-3">Subject</th>
                <th scope="col" className="py-1 pr-3 text-right">Credit</th>
                <th scope="col" className="py-1 pr-3 text-right">Progress</th>
                <th scope="col" className="py-1 pr-3">Pace</th>
                <th scope="col" className="py-1">Target date</th>
              </tr>
            </thead>
            <tbody>
              {active.map((e) => (
                <tr key={e.id} className="border-t border-slate-300">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">{e.course.title}</th>
                  <td className="py-1 pr-3">{SUBJECT_LABELS[e.course.subjectArea]}</td>
                  <td className="py-1 pr-3 text-right">{e.course.credits}</td>
                  <td className="py-1 pr-3 text-right">{e.progress}%</td>
                  <td className="py-1 pr-3">{e.pace.status === "BEHIND" ? "Behind" : e.pace.status === "AHEAD" ? "Ahead" : "On pace"} (expected {e.pace.expected}%)</td>
                  <td className="py-1">{formatDay(e.targetDate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <p className="mt-6 text-xs text-slate-600">Signatures: student ____________________ family ____________________ counselor ____________________</p>
    </article>
  );
}
