import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { getViewer } from "@/lib/auth";
import { listCatalog } from "@/lib/catalog/queries";
import { SUBJECT_LABELS } from "@/lib/students/credits";
import { Disclosure } from "@/components/ui/disclosure";
import { ProviderForm } from "@/components/catalog/provider-form";
import { CourseForm } from "@/components/catalog/course-form";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { ProviderContracts } from "@/components/catalog/provider-contracts";
import { districtDay, schoolYearOf, yearLabel } from "@/lib/calendar";

export const metadata: Metadata = { title: "Catalog" };

// Providers and their online courses. Every staff member reads it; district administrators add
// and change providers and courses here or load them from a catalog file (Imports page).
export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ deleted?: string }> }) {
  const viewer = await getViewer();
  const [{ providers, passingGrade, manage }, sp] = await Promise.all([listCatalog(viewer), searchParams]);
  const courses = providers.reduce((n, p) => n + p.courses.length, 0);
  const thisYear = yearLabel(schoolYearOf(districtDay()));
  return (
    <>
      <h1 className="text-2xl font-bold">Catalog</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        Online-course providers and their courses, with the assessments each course is graded on. A change to a course&apos;s assessments or weights is a new version: students
        already in the course keep the version they started on.{" "}
        {manage && (
          <>
            Load many courses at once from a catalog file on the{" "}
            <Link href="/imports" className="underline">
              Imports page
            </Link>
            .
          </>
        )}
      </p>
      <p className="mt-2 text-sm">
        <a className="text-blue-800 underline" href="/api/exports/catalog">
          Download the catalog (CSV, the format the catalog import reads)
        </a>
      </p>
      {sp.deleted === "1" && (
        <p role="status" className="mt-3 rounded border border-green-300 bg-green-50 p-2 text-sm text-green-800">
          Course deleted.
        </p>
      )}
      {manage && (
        <div className="mt-4 space-y-2">
          <Disclosure summary="Add a provider">
            <ProviderForm />
          </Disclosure>
          {providers.length > 0 && (
            <Disclosure summary="Add a course">
              <CourseForm providers={providers.map(({ id, code, name }) => ({ id, code, name }))} districtPassingGrade={passingGrade} />
            </Disclosure>
          )}
        </div>
      )}
      {providers.length === 0 && (
        <p className="mt-6 rounded border border-slate-200 bg-white p-4">
          No providers yet.{manage ? " Add one above, or load a catalog file on the Imports page." : " A district administrator adds them."}
        </p>
      )}
      <p className="sr-only" role="status">{`${providers.length} providers, ${courses} courses`}</p>
      {providers.map((p) => (
        <section key={p.id} aria-labelledby={`provider-${p.id}`} className="mt-8">
          <h2 id={`provider-${p.id}`} className="text-lg font-semibold">
            {p.name} <span className="font-normal text-slate-600">({p.code})</span>
          </h2>
          {manage && (
            <Disclosure summary={`Edit ${p.name}`} className="mt-1 text-sm">
              <ProviderForm provider={{ id: p.id, code: p.code, name: p.name }} />
            </Disclosure>
          )}
          {p.contracts && (
            // A <div>, not a labelled section: the provider's own section is the region named for it.
            <div className="mt-3">
              <h3 className="font-semibold">What the district pays {p.name}</h3>
              <ProviderContracts provider={{ id: p.id, name: p.name }} contracts={p.contracts} defaultYear={thisYear} />
            </div>
          )}
          {p.courses.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No courses yet.</p>
          ) : (
            <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
              <Table density="roomy" caption={<>{`${p.name}'s online courses`}</>}>
                <thead>
                  <tr>
                    <Th>Course</Th>
                    <Th>Code</Th>
                    <Th>Subject</Th>
                    <Th>Program</Th>
                    <Th numeric>Credits</Th>
                    <Th numeric>Weeks</Th>
                    <Th>Passing grade</Th>
                    <Th>Recovers (SIS)</Th>
                    <Th>Assessments</Th>
                    {manage && <Th numeric>Enrollments (active / all)</Th>}
                    <Th>Status</Th>
                  </tr>
                </thead>
                <tbody>
                  {p.courses.map((c) => (
                    <tr key={c.id}>
                      <RowTh className="font-medium">
                        <Link href={`/catalog/${c.id}`} className="text-blue-800 underline">
                          {c.title}
                        </Link>
                      </RowTh>
                      <Td className="font-mono text-xs">{c.code}</Td>
                      <Td>{SUBJECT_LABELS[c.subjectArea]}</Td>
                      <Td>{PROGRAM_TYPE_LABEL[c.programType]}</Td>
                      <Td numeric>{c.credits}</Td>
                      <Td numeric>{c.expectedWeeks}</Td>
                      <Td>{c.passingGrade === null ? `district's (${passingGrade}%)` : `${c.passingGrade}%`}</Td>
                      <Td>{c.recovers.length ? c.recovers.join(", ") : "—"}</Td>
                      <Td>
                        {c.assessments} ({c.summative} summative), version {c.currentVersion}
                        {c.assessments === 0 && <span className="block text-amber-800">No assessments: nobody can complete it</span>}
                      </Td>
                      {manage && c.counts && (
                        <Td numeric>
                          {c.counts.active} / {c.counts.total}
                          {c.counts.activeOnOlder > 0 && <span className="block text-xs text-slate-600">{c.counts.activeOnOlder} on an older version</span>}
                        </Td>
                      )}
                      <Td>{c.active ? "Active" : "Retired"}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}
