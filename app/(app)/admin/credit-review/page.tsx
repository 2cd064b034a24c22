import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer } from "@/lib/auth";
import { listCreditReview, type CreditReviewRow } from "@/lib/enrollments/credit-review";
import { formatNumber } from "@/lib/format-number";
import { creditsText } from "@/lib/students/credits";
import { formatDay } from "@/lib/calendar";
import { ReverseCreditForm } from "@/components/admin/reverse-credit-form";
import { can } from "@/lib/access";

export const metadata: Metadata = { title: "Credit review" };

const SOURCE: Record<CreditReviewRow["source"], string> = { counselor: "Completed on the card", import: "Provider import", unknown: "Not recorded (loaded data)" };

/** Completions with credit whose final grade is below the passing grade in force (administrators, their scope). */
export default async function CreditReviewPage() {
  const viewer = await getViewer();
  await requirePage(viewer, "credit.review", "/admin/credit-review");
  const rows = await listCreditReview(viewer);
  return (
    <>
      <h1 className="text-2xl font-bold">Credit review</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Online courses completed with credit whose final grade is below the passing grade in force (the course&apos;s own, else the district&apos;s): credit awarded before a
        passing grade was required. Credit needs every summative assessment at mastery and a final grade at or above the passing grade. Reversing one removes its transcript row and
        marks the course failed, keeping your reason.
        {!can(viewer, "students.allSchools") && " Your school's students only."}
      </p>
      <p role="status" className="mt-4 text-sm font-medium">
        {rows.length === 0 ? "No credit awarded below the passing grade." : `${rows.length} ${rows.length === 1 ? "completion" : "completions"} to review.`}
      </p>
      {rows.length > 0 && (
        <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="data-table min-w-full text-sm">
            <caption className="sr-only">Completions with credit below the passing grade</caption>
            <thead>
              <tr>
                <th scope="col">Student</th>
                <th scope="col">School</th>
                <th scope="col">Course</th>
                <th scope="col" className="text-right">
                  Final grade
                </th>
                <th scope="col" className="text-right">
                  Passing grade
                </th>
                <th scope="col">Completed on</th>
                <th scope="col">Credit</th>
                <th scope="col">Source</th>
                <th scope="col">Reverse</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.enrollmentId} data-enrollment={r.enrollmentId}>
                  <th scope="row" className="text-left font-medium">
                    <Link href={`/students/${r.studentId}`} className="text-blue-800 underline">
                      {r.studentName}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600">SIS {r.sisId}</span>
                  </th>
                  <td>{r.school}</td>
                  <td>{r.courseTitle}</td>
                  <td className="num">{r.finalGrade === null ? "none" : formatNumber(r.finalGrade)}</td>
                  <td className="num">{r.passingGrade}</td>
                  <td>{formatDay(r.endedOn)}</td>
                  <td>
                    {creditsText(r.credits)}
                    {r.transcriptCourseId === null && <span className="block text-xs text-slate-600">no transcript row</span>}
                  </td>
                  <td>
                    {SOURCE[r.source]}
                    {r.completedBy && <span className="block text-xs text-slate-600">by {r.completedBy}</span>}
                  </td>
                  <td>
                    <ReverseCreditForm enrollmentId={r.enrollmentId} version={r.version} label={`${r.studentName}, ${r.courseTitle}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
