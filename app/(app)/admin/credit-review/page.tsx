import type { Metadata } from "next";
import Link from "next/link";
import { RowTh, Table, TableFrame, Td, Th } from "@/components/ui/table";
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
        <TableFrame className="mt-2">
          <Table caption="Completions with credit below the passing grade" density="roomy">
            <thead>
              <tr>
                <Th>Student</Th>
                <Th>School</Th>
                <Th>Course</Th>
                <Th numeric>Final grade</Th>
                <Th numeric>Passing grade</Th>
                <Th>Completed on</Th>
                <Th>Credit</Th>
                <Th>Source</Th>
                <Th>Reverse</Th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.enrollmentId} data-enrollment={r.enrollmentId}>
                  <RowTh className="font-medium">
                    <Link href={`/students/${r.studentId}`} className="text-blue-800 underline">
                      {r.studentName}
                    </Link>
                    <span className="block text-xs font-normal text-slate-600">SIS {r.sisId}</span>
                  </RowTh>
                  <Td>{r.school}</Td>
                  <Td>{r.courseTitle}</Td>
                  <Td numeric>{r.finalGrade === null ? "none" : formatNumber(r.finalGrade)}</Td>
                  <Td numeric>{r.passingGrade}</Td>
                  <Td>{formatDay(r.endedOn)}</Td>
                  <Td>
                    {creditsText(r.credits)}
                    {r.transcriptCourseId === null && <span className="block text-xs text-slate-600">no transcript row</span>}
                  </Td>
                  <Td>
                    {SOURCE[r.source]}
                    {r.completedBy && <span className="block text-xs text-slate-600">by {r.completedBy}</span>}
                  </Td>
                  <Td>
                    <ReverseCreditForm enrollmentId={r.enrollmentId} version={r.version} label={`${r.studentName}, ${r.courseTitle}`} />
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        </TableFrame>
      )}
    </>
  );
}
