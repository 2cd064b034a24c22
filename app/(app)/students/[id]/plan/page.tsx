import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { auditLineLabel, creditsText } from "@/lib/students/credits";
import { earnedCourses, planNextSteps, schoolYearLabel } from "@/lib/students/plan";
import { AuditTable } from "@/components/student/audit-table";
import { CreditSummary, ProjectionBasis } from "@/components/student/student-header";
import { PrintSheetHead } from "@/components/student/print-sheet-head";
import { activeEnrollments, loadRecord, stepInput } from "../load";
import { districtDay, formatDay } from "@/lib/calendar";

export const metadata: Metadata = { title: "Graduation plan" };

/**
 * The printable graduation plan a family reads: the projection, the credit figures, the courses
 * already earned, the audit, what is still missing by requirement, courses in progress and the
 * next steps. Credits are written by lib/students/credits.ts ("1 credit", "5.5 credits").
 */
export default async function GraduationPlan({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { r } = await loadRecord(id, { notes: false }); // shows no notes: no restricted read
  const s = r.student;
  const active = activeEnrollments(r);
  const missing = r.audit.lines.filter((l) => l.stillNeeded > 0);
  const earned = earnedCourses(r.transcript);
  const steps = planNextSteps({ ...stepInput(r), formatDay });
  const h2 = "text-lg font-semibold";
  return (
    <article className="mx-auto max-w-3xl bg-white p-6 print:max-w-none print:p-0">
      <PrintSheetHead
        studentId={id}
        title={`Graduation plan: ${s.firstName} ${s.lastName}`}
        facts={[
          `SIS ${s.sisId}`,
          `Grade ${s.gradeLevel}`,
          `Class of ${s.cohortYear}`,
          s.school,
          `Counselor ${s.counselor?.name ?? "unassigned"}`,
          `Prepared ${formatDay(districtDay())}`,
        ]}
      />

      <section aria-labelledby="p-proj" className="mt-4 break-inside-avoid">
        <h2 id="p-proj" className={h2}>
          Projection
        </h2>
        <p className="font-medium" data-testid="projection">
          {r.projection.label}
        </p>
        <CreditSummary r={r} />
        <ProjectionBasis r={r} />
      </section>

      <section aria-labelledby="p-steps" className="mt-4 break-inside-avoid">
        <h2 id="p-steps" className={h2}>
          Next steps
        </h2>
        {steps.length === 0 ? (
          <p>None: every requirement is earned.</p>
        ) : (
          <ol className="list-decimal pl-5" data-testid="next-steps">
            {steps.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ol>
        )}
      </section>

      <section aria-labelledby="p-missing" className="mt-4 break-inside-avoid">
        <h2 id="p-missing" className={h2}>
          Still needed, by requirement
        </h2>
        {missing.length === 0 ? (
          <p>Nothing: every requirement is earned.</p>
        ) : (
          <ul className="list-disc pl-5" data-testid="still-needed">
            {missing.map((l) => (
              <li key={l.area}>
                {auditLineLabel(l.area)}: {creditsText(l.stillNeeded)}
                {l.inProgress > 0 && ` (${creditsText(l.inProgress)} in progress; ${creditsText(l.stillNeededAfterInProgress)} after)`}
              </li>
            ))}
          </ul>
        )}
        {r.recovery.length > 0 && (
          <p className="mt-2 text-sm">Failed courses to recover: {r.recovery.map((t) => `${t.courseTitle} (${schoolYearLabel(t.schoolYear)})`).join("; ")}.</p>
        )}
      </section>

      <section aria-labelledby="p-audit" className="mt-4 break-inside-avoid">
        <h2 id="p-audit" className={h2}>
          Graduation audit
        </h2>
        <AuditTable audit={r.audit} />
      </section>

      <section aria-labelledby="p-progress" className="mt-4 break-inside-avoid">
        <h2 id="p-progress" className={h2}>
          Courses in progress
        </h2>
        {active.length === 0 ? (
          <p>None.</p>
        ) : (
          <Table density="sheet" caption="Active online courses with progress and target dates">
            <thead>
              <tr>
                <Th>Course</Th>
                <Th>Subject</Th>
                <Th numeric>Credit</Th>
                <Th numeric>Progress</Th>
                <Th>Pace</Th>
                <Th>Target date</Th>
              </tr>
            </thead>
            <tbody>
              {active.map((e) => (
                <tr key={e.id}>
                  <RowTh>{e.course.title}</RowTh>
                  <Td>{SUBJECT_LABELS[e.course.subjectArea]}</Td>
                  <Td numeric>{creditsText(e.course.credits)}</Td>
                  <Td numeric>{e.progress}%</Td>
                  <Td>
                    {e.pace.status === "BEHIND" ? "Behind" : e.pace.status === "AHEAD" ? "Ahead" : "On pace"} (expected {e.pace.expected}%)
                  </Td>
                  <Td>{formatDay(e.targetDate)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>

      <section aria-labelledby="p-earned" className="mt-4">
        <h2 id="p-earned" className={h2}>
          Courses already earned
        </h2>
        {earned.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <Table density="sheet" caption="Transcript courses that earned credit, with school year, final grade and credits">
            <thead>
              <tr>
                <Th>Course</Th>
                <Th>Subject</Th>
                <Th>School year</Th>
                <Th>Term</Th>
                <Th>Final grade</Th>
                <Th numeric>Credits earned</Th>
              </tr>
            </thead>
            <tbody>
              {earned.map((t) => (
                <tr key={t.id} className="break-inside-avoid">
                  <RowTh>{t.courseTitle}</RowTh>
                  <Td>{SUBJECT_LABELS[t.subjectArea]}</Td>
                  <Td>{schoolYearLabel(t.schoolYear)}</Td>
                  <Td>{t.enrollmentId ? "Online course" : t.term}</Td>
                  <Td>{t.grade}</Td>
                  <Td numeric>{creditsText(t.creditsEarned)}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </section>
      <p className="mt-6 text-xs text-slate-600">Signatures: student ____________________ family ____________________ counselor ____________________</p>
    </article>
  );
}
