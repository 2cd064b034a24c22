import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { NotFoundError } from "@/lib/access";
import { getCatalogCourse, listProviders } from "@/lib/catalog/queries";
import { courseRigorWords } from "@/lib/catalog/rules";
import { SUBJECT_LABELS } from "@/lib/students/credits";
import { CourseForm } from "@/components/catalog/course-form";
import { CourseActiveForm, CourseDeleteForm, MoveEnrollmentsForm } from "@/components/catalog/course-actions";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";

export const metadata: Metadata = { title: "Catalog course" };

// One online course: its facts, every version's assessments with who is on it, and (district
// administrators) the edit form, retire/reactivate, delete, and moving enrollments to the current version.
export default async function CatalogCoursePage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  const { id } = await params;
  const data = await getCatalogCourse(viewer, id).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const { course: c, versions, manage } = data;
  const providers = manage ? await listProviders() : [];
  const current = versions.find((v) => v.current)?.assessments ?? [];
  return (
    <>
      <p className="text-sm">
        <Link href="/catalog" className="text-blue-800 underline">
          Catalog
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold">{c.title}</h1>
      <p className="text-slate-600">
        {c.provider.name} · <span className="font-mono text-sm">{c.code}</span> · {c.active ? "Active" : "Retired: takes no new enrollments"}
      </p>
      <dl className="mt-4 grid max-w-3xl grid-cols-2 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="font-medium">Subject area</dt>
          <dd>{SUBJECT_LABELS[c.subjectArea]}</dd>
        </div>
        <div>
          <dt className="font-medium">Program</dt>
          <dd>{PROGRAM_TYPE_LABEL[c.programType]}</dd>
        </div>
        <div>
          <dt className="font-medium">Credits</dt>
          <dd>{c.credits}</dd>
        </div>
        <div>
          <dt className="font-medium">Expected weeks</dt>
          <dd>{c.expectedWeeks}</dd>
        </div>
        <div>
          <dt className="font-medium">Mastery threshold</dt>
          <dd>{c.masteryThreshold}%</dd>
        </div>
        <div>
          <dt className="font-medium">Passing grade</dt>
          <dd>{c.passingGrade === null ? `the district's (${data.passingGradeDistrict}%)` : `${c.passingGrade}%`}</dd>
        </div>
        <div className="col-span-2 sm:col-span-3">
          <dt className="font-medium">SIS courses it recovers</dt>
          <dd>{c.recovers.length ? c.recovers.join(", ") : "none listed"}</dd>
        </div>
        <div className="col-span-2 sm:col-span-3">
          <dt className="font-medium">Rigor limits</dt>
          <dd>{courseRigorWords(c)}</dd>
        </div>
      </dl>

      {manage && (
        <section aria-labelledby="manage" className="mt-6">
          <h2 id="manage" className="sr-only">
            Retire or delete
          </h2>
          <div className="flex flex-wrap items-start gap-3">
            <CourseActiveForm course={c} />
            {data.enrollments === 0 ? (
              <CourseDeleteForm course={c} />
            ) : (
              <p className="text-sm text-slate-600">{data.enrollments} enrollments: this course cannot be deleted (retire it instead).</p>
            )}
          </div>
          {!!data.activeOnOlder && (
            <div className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
              <p className="mb-2">
                {data.activeOnOlder} active enrollment{data.activeOnOlder === 1 ? " is" : "s are"} graded on an older version. Moving maps each result to the assessment at the same
                position in version {c.currentVersion}; an enrollment with a result on a position version {c.currentVersion} lacks stays where it is.
              </p>
              <MoveEnrollmentsForm course={c} count={data.activeOnOlder} version={c.currentVersion} />
            </div>
          )}
        </section>
      )}

      {versions.map((v) => (
        <section key={v.version} aria-labelledby={`version-${v.version}`} className="mt-6">
          <h2 id={`version-${v.version}`} className="text-lg font-semibold">
            Version {v.version} {v.current ? "(current: new enrollments start on it)" : ""}
            {v.counts && (
              <span className="ml-2 text-sm font-normal text-slate-600">
                {v.counts.active} active, {v.counts.total} in all
              </span>
            )}
          </h2>
          <div className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white">
            <Table caption={<>{`Assessments of version ${v.version}`}</>}>
              <thead>
                <tr>
                  <Th numeric>Position</Th>
                  <Th>Title</Th>
                  <Th>Kind</Th>
                  <Th numeric>Max score</Th>
                  <Th numeric>Weight</Th>
                </tr>
              </thead>
              <tbody>
                {v.assessments.map((a) => (
                  <tr key={a.id}>
                    <Td numeric>{a.position}</Td>
                    <RowTh>{a.title}</RowTh>
                    <Td>{a.kind === "SUMMATIVE" ? "Summative" : "Formative"}</Td>
                    <Td numeric>{a.maxScore}</Td>
                    <Td numeric>{a.weight}%</Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        </section>
      ))}
      {versions.length === 0 && <p className="mt-6 text-amber-800">No assessments yet: nobody can complete this course.</p>}

      {manage && (
        <section aria-labelledby="edit" className="mt-8">
          <h2 id="edit" className="text-lg font-semibold">
            Edit the course
          </h2>
          <CourseForm providers={providers} course={c} assessments={current} districtPassingGrade={data.passingGradeDistrict} />
        </section>
      )}
    </>
  );
}
