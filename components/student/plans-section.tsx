import type { Viewer } from "@/lib/access";
import { studentPlans } from "@/lib/plans/queries";
import { districtDay, isoDay } from "@/lib/calendar";
import { Disclosure } from "@/components/ui/disclosure";
import { ENROLLMENT_STATUS_LABELS } from "@/components/student/labels";
import { PlanForm } from "@/components/student/plan-forms";
import { PlanCard } from "@/components/student/plan-card";
import { PlanHistory } from "@/components/student/plan-history";

const ROLE_WORDS = { COUNSELOR: "counselor", SCHOOL_ADMIN: "school administrator", DISTRICT_ADMIN: "district administrator" } as const;
/** A new plan's first follow-up, unless the counselor picks another day: two weeks on. */
const FIRST_FOLLOW_UP_DAYS = 14;

/**
 * The student's intervention plans (issue 16), loaded within the viewer's scope: active plans
 * first, then closed ones, each with its goal, progress, owner, follow-up and check-ins; the form
 * to start one; and the risk history beside them. All plan cards are children of one element,
 * keyed by plan, so a plan closed from its card keeps its confirmation as it moves down.
 */
export async function PlansSection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const today = districtDay();
  const data = await studentPlans(viewer, studentId, today);
  const owners = data.owners.map((o) => ({ value: o.id, label: `${o.name} (${ROLE_WORDS[o.role]})` }));
  const courses = data.enrollments.map((e) => ({ value: e.id, label: `${e.title} (${(ENROLLMENT_STATUS_LABELS[e.status] ?? e.status).toLowerCase()})` }));
  const defaultOwner = data.owners.find((o) => o.id === viewer.id)?.id ?? data.student.counselorId ?? data.owners[0]?.id ?? "";
  const active = data.plans.filter((p) => p.status === "ACTIVE");
  const closed = data.plans.filter((p) => p.status !== "ACTIVE");
  const card = (p: (typeof data.plans)[number]) => <PlanCard key={p.id} p={p} studentId={data.student.id} owners={owners} courses={courses} today={today} />;
  return (
    <section aria-labelledby="plans-h" className="mt-8">
      <h2 id="plans-h" className="text-xl font-bold">
        Intervention plans
      </h2>
      <Disclosure className="no-print mt-2 rounded border border-slate-200 bg-white p-3" summary="Start an intervention plan">
        <PlanForm
          studentId={data.student.id}
          ownerId={defaultOwner}
          owners={owners}
          courses={courses}
          today={isoDay(today)}
          followUp={isoDay(new Date(today.getTime() + FIRST_FOLLOW_UP_DAYS * 86_400_000))}
        />
      </Disclosure>
      <div className="mt-3 space-y-3">
        {active.length === 0 && <p className="text-sm text-slate-700">No active plan.</p>}
        {/* One array, so React matches cards by key across the heading (nested arrays would not be). */}
        {[
          ...active.map(card),
          ...(closed.length
            ? [
                <h3 key="closed-h" className="pt-2 text-lg font-semibold">
                  Closed plans
                </h3>,
              ]
            : []),
          ...closed.map(card),
        ]}
      </div>
      <PlanHistory risk={data.risk} plans={data.plans} />
    </section>
  );
}
