import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer } from "@/lib/auth";
import { NotFoundError } from "@/lib/access";
import { caseloadForReassign } from "@/lib/users/queries";
import { ReassignForm } from "@/components/users/reassign-form";
import { caseloadFingerprint } from "@/lib/users/caseload-fingerprint";
import { OutcomeProvider, OutcomeSlot } from "@/components/ui/focus-message";

export const metadata: Metadata = { title: "Reassign a caseload" };

/** A counselor's students, to move all or some of them to another counselor (district admins). */
export default async function ReassignPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  await requirePage(viewer, "users.manage", "/users/reassign");
  const from = (await searchParams).from;
  if (typeof from !== "string" || !from) notFound();
  const data = await caseloadForReassign(viewer, from).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const schools = new Set(data.students.map((s) => s.schoolId));
  // Counselors of the students' schools first; the others are listed too, and refused with a reason if chosen.
  const counselors = [...data.counselors].sort((a, b) => Number(!schools.has(a.schoolId ?? "")) - Number(!schools.has(b.schoolId ?? "")));
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/users" className="text-blue-800 underline">
          Staff
        </Link>{" "}
        ›{" "}
        <Link href={`/users/${data.from.id}`} className="text-blue-800 underline">
          {data.from.name}
        </Link>{" "}
        › Reassign
      </nav>
      <h1 className="text-2xl font-bold">Move students from {data.from.name}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        {data.from.school ? `${data.from.school}. ` : ""}
        {data.from.active ? "" : "This counselor is deactivated. "}
        Every student on the caseload is listed, whatever their status. The move is all or nothing: if a student was moved or changed by someone else since this page was loaded,
        nobody moves and you are asked to reload. It is recorded in the audit log with each student. The move is kept when the roster is imported again, until the roster names the
        same counselor.
      </p>
      <OutcomeProvider>
        <OutcomeSlot className="mt-4" />
        {data.students.length === 0 ? (
          <p className="mt-4 rounded border border-slate-200 bg-white p-3">No students on this caseload.</p>
        ) : (
          <div className="mt-4">
            <ReassignForm from={data.from} students={data.students} counselors={counselors} listed={caseloadFingerprint(data.students)} />
          </div>
        )}
      </OutcomeProvider>
    </>
  );
}
