import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer } from "@/lib/auth";
import { listSchoolOverviews } from "@/lib/schools/queries";
import { can } from "@/lib/access";

export const metadata: Metadata = { title: "Overview" };

export default async function AdminHome() {
  const viewer = await getViewer();
  await requirePage(viewer, "overview.read", "/admin");
  const schools = await listSchoolOverviews(viewer);
  const total = (k: "enrolled" | "counselors" | "activeOnline") => schools.reduce((n, s) => n + s[k], 0);
  return (
    <>
      <h1 className="text-2xl font-bold">{can(viewer, "students.allSchools") ? "District overview" : "School overview"}</h1>
      {can(viewer, "students.allSchools") && (
        <p className="mt-1 text-sm">
          <Link href="/admin/readiness" className="text-blue-800 underline">
            Readiness
          </Link>
          : what is loaded, and what is missing before the figures can be trusted.
        </p>
      )}
      <p className="mt-1 text-sm">
        <Link href="/admin/credit-review" className="text-blue-800 underline">
          Credit review
        </Link>
        : online courses completed with credit below the passing grade, to reverse.
      </p>
      <div className="mt-4 overflow-x-auto rounded border border-slate-200 bg-white">
        <Table density="roomy" caption="Schools with currently enrolled students, counselors and active online enrollments">
          <thead>
            <tr>
              <Th>School</Th>
              <Th>State code</Th>
              <Th>Grades</Th>
              <Th numeric>Students enrolled</Th>
              <Th numeric>Counselors</Th>
              <Th numeric>Active online courses</Th>
            </tr>
          </thead>
          <tbody>
            {schools.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-700">
                  No schools yet: they come with the roster.{" "}
                  <Link href="/imports" className="text-blue-800 underline">
                    Load the roster on Imports
                  </Link>
                  .
                </td>
              </tr>
            )}
            {schools.map((s) => (
              <tr key={s.id}>
                <RowTh className="font-medium">
                  <Link href={`/reports?school=${s.id}`} className="text-blue-800 underline">
                    {s.name}
                  </Link>
                </RowTh>
                <Td>{s.stateCode}</Td>
                <Td>{s.grades}</Td>
                <Td numeric>{s.enrolled.toLocaleString("en-US")}</Td>
                <Td numeric>{s.counselors}</Td>
                <Td numeric>{s.activeOnline.toLocaleString("en-US")}</Td>
              </tr>
            ))}
          </tbody>
          {schools.length > 1 && (
            <tfoot className="border-t-2 border-slate-300 font-semibold">
              <tr>
                <th scope="row" className="px-3 py-2 text-left" colSpan={3}>
                  All schools
                </th>
                <td className="px-3 py-2 text-right tabular-nums">{total("enrolled").toLocaleString("en-US")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{total("counselors")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{total("activeOnline").toLocaleString("en-US")}</td>
              </tr>
            </tfoot>
          )}
        </Table>
      </div>
    </>
  );
}
