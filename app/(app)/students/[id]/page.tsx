import type { Metadata } from "next";
import Link from "next/link";
import { loadRecord } from "./load";
import { districtDay, isoDay } from "@/lib/calendar";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { StudentHeader } from "@/components/student/student-header";
import { Profile } from "@/components/student/profile";
import { AuditTable } from "@/components/student/audit-table";
import { EnrollmentCard } from "@/components/student/enrollment-card";
import { EnrollForm } from "@/components/student/enroll-form";
import { StatusForm } from "@/components/student/status-form";
import { reengageCounselorChoices } from "@/lib/reengagement/reengage";
import { NoteForm } from "@/components/student/note-forms";
import { NotesList } from "@/components/student/notes-list";
import { courseOption } from "@/components/student/labels";
import { creditsText } from "@/lib/students/credits";
import { Disclosure } from "@/components/ui/disclosure";
import { ActivityMinutes } from "@/components/student/activity-minutes";
import { getStudentActivity } from "@/lib/enrollments/activity";
import { PlansSection } from "@/components/student/plans-section";
import { FamilySection } from "@/components/student/family-section";
import { OutcomeProvider, OutcomeSlot } from "@/components/ui/focus-message";
import { can } from "@/lib/access";
import { rigorPolicies } from "@/lib/enrollments/rigor-policy";
import { priorityLine } from "@/lib/enrollments/guardrails";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import type { ProgramType } from "@/lib/generated/prisma/enums";

export const metadata: Metadata = { title: "Student" };

export default async function StudentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ results?: string }> }) {
  const { id } = await params;
  // The enrollment whose results form is asked for open (a page without JavaScript: components/ui/disclosure.tsx).
  const { results: openResults } = await searchParams;
  const { viewer, r } = await loadRecord(id);
  const today = isoDay(districtDay());
  const enrolled = r.student.status === "ENROLLED";
  // The district's priority rules (RigorPolicy, Settings) for the program types a form offers.
  const policies = enrolled ? await rigorPolicies() : new Map();
  const prioritiesFor = (types: Iterable<ProgramType>) =>
    [...new Set(types)].flatMap((t) => {
      const line = priorityLine(policies.get(t), r.student.gradeLevel);
      return line ? [{ program: PROGRAM_TYPE_LABEL[t], line }] : [];
    });
  // Re-engaging ends on an active counselor's caseload: whom to choose from, if the current one may not stay.
  // Both reads in one round trip after the record (the page has a 50 ms budget).
  const [activity, reengageCounselors] = await Promise.all([
    getStudentActivity(viewer, r.student.id, districtDay()),
    r.statusChoices.kinds.includes("REENGAGED") ? reengageCounselorChoices(viewer, r.student.id) : null,
  ]);
  const active = r.enrollments.filter((e) => e.status === "ACTIVE");
  const ended = r.enrollments.filter((e) => e.status !== "ACTIVE");
  const h2 = "mt-8 text-xl font-bold";
  // OutcomeProvider: a completed or ended course, or a recovery enrollment, takes its form away;
  // its confirmation shows (and takes focus) in the slot under "Online courses" (issue 16).
  return (
    <OutcomeProvider>
      <nav aria-label="Breadcrumb" className="no-print mb-2 text-sm">
        <Link href="/caseload" className="text-blue-800 underline">
          Caseload
        </Link>{" "}
        ›{" "}
        <Link href={`/students/${id}/plan`} className="text-blue-800 underline">
          Printable graduation plan
        </Link>
        {can(viewer, "students.allSchools") && (
          <>
            {" "}
            ›{" "}
            <Link href={`/audit?student=${encodeURIComponent(r.student.sisId)}`} className="text-blue-800 underline">
              Who has looked at this record?
            </Link>
          </>
        )}
      </nav>
      <StudentHeader r={r} />

      <PlansSection viewer={viewer} studentId={r.student.id} />

      <h2 className={h2}>Graduation audit</h2>
      {/* A region the keyboard can reach: on a phone the table scrolls sideways (axe: scrollable-region-focusable). */}
      <div role="region" aria-label="Graduation audit" tabIndex={0} className="mt-2 overflow-x-auto rounded border border-slate-200 bg-white p-3">
        <AuditTable audit={r.audit} />
      </div>

      <h3 className="mt-4 text-lg font-semibold">Failed courses eligible for recovery</h3>
      {r.recovery.length === 0 ? (
        <p className="text-sm text-slate-700">None.</p>
      ) : (
        <ul className="mt-2 space-y-3">
          {r.recovery.map((t) => (
            <li key={t.id} className="rounded border border-slate-200 bg-white p-3">
              <p className="font-medium">
                {t.courseTitle} ({t.courseCode}) · {SUBJECT_LABELS[t.subjectArea]} · {t.schoolYear}–{String(t.schoolYear + 1).slice(2)} {t.term} · grade {t.grade} ·{" "}
                {creditsText(t.creditsAttempted)}
              </p>
              {!enrolled ? (
                <p className="text-sm text-slate-700">The student is not currently enrolled.</p>
              ) : t.replacements.length + t.others.length === 0 ? (
                <p className="text-sm text-slate-700">The catalog has no recovery course for {t.courseCode} or in this subject area.</p>
              ) : (
                <EnrollForm
                  studentId={r.student.id}
                  courses={t.replacements.map(courseOption)}
                  others={t.others.map(courseOption)}
                  replaces={{ id: t.id, title: t.courseTitle, code: t.courseCode, subject: SUBJECT_LABELS[t.subjectArea] }}
                  today={today}
                  priorities={prioritiesFor([...t.replacements, ...t.others].map((c) => c.programType))}
                />
              )}
            </li>
          ))}
        </ul>
      )}

      <h2 className={h2}>Online courses</h2>
      <OutcomeSlot className="mt-2" />
      <div className="mt-2 space-y-4">
        {active.length === 0 && <p className="text-sm text-slate-700">No active online course.</p>}
        {active.map((e) => (
          <EnrollmentCard key={e.id} e={e} today={today} openResults={openResults === e.id} canOverride={can(viewer, "credit.override")} />
        ))}
      </div>
      {enrolled && (
        <Disclosure className="no-print mt-4 rounded border border-slate-200 bg-white p-3" summary="Enroll in another catalog course">
          <EnrollForm studentId={r.student.id} courses={r.catalog.map(courseOption)} today={today} priorities={prioritiesFor(r.catalog.map((c) => c.programType))} />
        </Disclosure>
      )}
      {ended.length > 0 && (
        <>
          <h3 className="mt-6 text-lg font-semibold">Earlier online courses</h3>
          <div className="mt-2 space-y-4">
            {ended.map((e) => (
              <EnrollmentCard key={e.id} e={e} today={today} />
            ))}
          </div>
        </>
      )}

      <h3 className="mt-6 text-lg font-semibold" id="time-on-task">
        Time on task: minutes per week
      </h3>
      <ActivityMinutes activity={activity} />

      <FamilySection viewer={viewer} studentId={r.student.id} />

      <h2 className={h2}>Notes</h2>
      <div className="no-print mt-2 rounded border border-slate-200 bg-white p-3">
        <NoteForm studentId={r.student.id} />
      </div>
      <div className="mt-3">
        <NotesList notes={r.notes} viewerId={viewer.id} />
      </div>

      <h2 className={h2}>Profile and status</h2>
      <div className="mt-2 rounded border border-slate-200 bg-white p-3">
        <Profile r={r} />
        <div className="no-print mt-4 border-t border-slate-200 pt-3">
          <h3 className="font-semibold">Change status</h3>
          <StatusForm
            studentId={r.student.id}
            version={r.student.version}
            studentName={`${r.student.firstName} ${r.student.lastName}`}
            today={today}
            choices={r.statusChoices}
            counselors={reengageCounselors}
            counselorName={r.student.counselor?.name ?? null}
          />
        </div>
      </div>
    </OutcomeProvider>
  );
}
