import Link from "next/link";
import { PROGRAM_FLAGS, RISK_LEVELS, STUDENT_STATUSES, type CaseloadParams } from "@/lib/students/schema";
import { STATUS_LABELS } from "@/components/student/labels";
import { PROGRAM_FLAG_LABEL, RISK_LEVEL_LABEL } from "@/lib/labels";

/** The filter bar: a plain GET form, so the filters live in the URL (bookmarkable, shareable). */
// Compact (issue 16: 10–15 students on a laptop screen): the fields on one row from lg up, the
// programs and "needs attention" on a second row with the buttons.
export function CaseloadFilters({
  p,
  cohorts,
  schools,
  counselors,
}: {
  p: CaseloadParams;
  cohorts: number[];
  schools: { id: string; name: string }[];
  counselors: { id: string; name: string }[];
}) {
  const select = "mt-0.5 block w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1";
  return (
    <form method="get" action="/caseload" className="no-print mt-3 rounded border border-slate-200 bg-white p-3" aria-label="Filter the caseload">
      <div className="grid grid-cols-2 gap-x-3 gap-y-2 md:grid-cols-4 lg:grid-cols-8">
        <div className="col-span-2">
          <label htmlFor="f-q" className="block text-sm font-medium">
            Search name or SIS id
          </label>
          <input id="f-q" name="q" type="search" defaultValue={p.q ?? ""} className={select} />
        </div>
        {schools.length > 0 && (
          <div className="col-span-2">
            <label htmlFor="f-school" className="block text-sm font-medium">
              School
            </label>
            <select id="f-school" name="school" defaultValue={p.school ?? ""} className={select}>
              <option value="">Choose a school…</option>
              {schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        )}
        {counselors.length > 0 && (
          <div className="col-span-2 lg:col-span-1">
            <label htmlFor="f-counselor" className="block text-sm font-medium">
              Counselor
            </label>
            <select id="f-counselor" name="counselor" defaultValue={p.counselor ?? ""} className={select}>
              <option value="">Any</option>
              {counselors.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="f-risk" className="block text-sm font-medium">
            Risk level
          </label>
          <select id="f-risk" name="risk" defaultValue={p.risk ?? ""} className={select}>
            <option value="">Any</option>
            {RISK_LEVELS.map((r) => (
              <option key={r} value={r}>
                {RISK_LEVEL_LABEL[r]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-grade" className="block text-sm font-medium">
            Grade
          </label>
          <select id="f-grade" name="grade" defaultValue={p.grade ?? ""} className={select}>
            <option value="">Any</option>
            {[9, 10, 11, 12].map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-cohort" className="block text-sm font-medium">
            Cohort (class of)
          </label>
          <select id="f-cohort" name="cohort" defaultValue={p.cohort ?? ""} className={select}>
            <option value="">Any</option>
            {[...new Set([...cohorts, ...(p.cohort ? [p.cohort] : [])])].sort().map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="block text-sm font-medium">
            Status
          </label>
          <select id="f-status" name="status" defaultValue={p.status} className={select}>
            {STUDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
            <option value="ALL">Any status</option>
          </select>
        </div>
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1">
        <fieldset className="flex flex-wrap items-center gap-x-3">
          <legend className="float-left mr-2 text-sm font-medium">Programs:</legend>
          {PROGRAM_FLAGS.map((f) => (
            <label key={f} className="flex min-h-6 items-center gap-1.5 text-sm">
              <input type="checkbox" name="flag" value={f} defaultChecked={p.flag.includes(f)} className="h-4 w-4" /> {PROGRAM_FLAG_LABEL[f]}
            </label>
          ))}
        </fieldset>
        <label className="flex min-h-6 items-center gap-1.5 text-sm">
          <input type="checkbox" name="attention" value="1" defaultChecked={p.attention} className="h-4 w-4" /> Needs attention only
          <span className="text-slate-600">(moderate or high risk, no note or family contact in 30 days)</span>
        </label>
        {p.sort !== "risk" && <input type="hidden" name="sort" value={p.sort} />}
        {p.dir && <input type="hidden" name="dir" value={p.dir} />}
        <button type="submit" className="rounded bg-blue-800 px-4 py-1 font-semibold text-white hover:bg-blue-900">
          Apply filters
        </button>
        <Link href="/caseload" prefetch={false} className="inline-flex min-h-6 items-center text-blue-800 underline">
          Clear
        </Link>
      </div>
    </form>
  );
}
