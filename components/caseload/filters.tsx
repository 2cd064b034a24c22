import { Button, ButtonLink } from "@/components/ui/button";
import { FILTER_CONTROL, FilterSelect, byName } from "@/components/ui/filter-select";
import { PROGRAM_FLAGS, RISK_LEVELS, STUDENT_STATUSES, type CaseloadParams } from "@/lib/students/schema";
import { STATUS_LABELS } from "@/components/student/labels";
import { PROGRAM_FLAG_LABEL, RISK_LEVEL_LABEL } from "@/lib/labels";

/** The grades a high school serves. */
const GRADES = [9, 10, 11, 12];

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
  return (
    <form method="get" action="/caseload" className="no-print mt-3 rounded border border-slate-200 bg-white p-3" aria-label="Filter the caseload">
      <div className="grid grid-cols-2 gap-x-3 gap-y-2 md:grid-cols-4 lg:grid-cols-8">
        <div className="col-span-2">
          <label htmlFor="f-q" className="block text-sm font-medium">
            Search name or SIS id
          </label>
          <input id="f-q" name="q" type="search" defaultValue={p.q ?? ""} className={FILTER_CONTROL} />
        </div>
        {schools.length > 0 && (
          <FilterSelect id="f-school" label="School" name="school" defaultValue={p.school ?? ""} placeholder="Choose a school…" options={byName(schools)} className="col-span-2" />
        )}
        {counselors.length > 0 && (
          <FilterSelect
            id="f-counselor"
            label="Counselor"
            name="counselor"
            defaultValue={p.counselor ?? ""}
            placeholder="Any"
            options={byName(counselors)}
            className="col-span-2 lg:col-span-1"
          />
        )}
        <FilterSelect
          id="f-risk"
          label="Risk level"
          name="risk"
          defaultValue={p.risk ?? ""}
          placeholder="Any"
          options={RISK_LEVELS.map((r) => ({ value: r, label: RISK_LEVEL_LABEL[r] }))}
        />
        <FilterSelect id="f-grade" label="Grade" name="grade" defaultValue={p.grade ?? ""} placeholder="Any" options={GRADES.map((g) => ({ value: g, label: String(g) }))} />
        <FilterSelect
          id="f-cohort"
          label="Cohort (class of)"
          name="cohort"
          defaultValue={p.cohort ?? ""}
          placeholder="Any"
          options={[...new Set([...cohorts, ...(p.cohort ? [p.cohort] : [])])].sort().map((c) => ({ value: c, label: String(c) }))}
        />
        <FilterSelect
          id="f-status"
          label="Status"
          name="status"
          defaultValue={p.status}
          options={[...STUDENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })), { value: "ALL", label: "Any status" }]}
        />
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
        <Button type="submit" size="xs">
          Apply filters
        </Button>
        <ButtonLink href="/caseload" prefetch={false} variant="link">
          Clear
        </ButtonLink>
      </div>
    </form>
  );
}
