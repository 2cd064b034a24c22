import Link from "next/link";
import { PROGRAM_FLAGS, RISK_LEVELS, STUDENT_STATUSES, type CaseloadParams } from "@/lib/students/schema";
import { STATUS_LABELS } from "@/components/student/labels";

const FLAG_LABELS: Record<(typeof PROGRAM_FLAGS)[number], string> = { SPED: "Special education", EL: "English learner", LOW_INCOME: "Low income" };
const RISK_LABELS = { LOW: "Low", MODERATE: "Moderate", HIGH: "High" } as const;

/** The filter bar: a plain GET form, so the filters live in the URL (bookmarkable, shareable). */
export function CaseloadFilters({ p, cohorts, schools }: { p: CaseloadParams; cohorts: number[]; schools: { id: string; name: string }[] }) {
  const select = "mt-1 block w-full rounded border border-slate-400 bg-white px-2 py-1.5";
  return (
    <form method="get" action="/caseload" className="no-print mt-4 rounded border border-slate-200 bg-white p-4" aria-label="Filter the caseload">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 lg:grid-cols-7">
        <div className="col-span-2">
          <label htmlFor="f-q" className="block text-sm font-medium">Search name or SIS id</label>
          <input id="f-q" name="q" type="search" defaultValue={p.q ?? ""} className={select} />
        </div>
        {schools.length > 0 && (
          <div className="col-span-2">
            <label htmlFor="f-school" className="block text-sm font-medium">School</label>
            <select id="f-school" name="school" defaultValue={p.school ?? ""} className={select}>
              <option value="">Choose a school…</option>
              {schools.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </div>
        )}
        <div>
          <label htmlFor="f-risk" className="block text-sm font-medium">Risk level</label>
          <select id="f-risk" name="risk" defaultValue={p.risk ?? ""} className={select}>
            <option value="">Any</option>
            {RISK_LEVELS.map((r) => <option key={r} value={r}>{RISK_LABELS[r]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-grade" className="block text-sm font-medium">Grade</label>
          <select id="f-grade" name="grade" defaultValue={p.grade ?? ""} className={select}>
            <option value="">Any</option>
            {[9, 10, 11, 12].map((g) => <option key={g} value={g}>{g}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-cohort" className="block text-sm font-medium">Cohort (class of)</label>
          <select id="f-cohort" name="cohort" defaultValue={p.cohort ?? ""} className={select}>
            <option value="">Any</option>
            {[...new Set([...cohorts, ...(p.cohort ? [p.cohort] : [])])].sort().map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="block text-sm font-medium">Status</label>
          <select id="f-status" name="status" defaultValue={p.status} className={select}>
            {STUDENT_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
            <option value="ALL">Any status</option>
          </select>
        </div>
        <fieldset className="col-span-2 md:col-span-1">
          <legend className="text-sm font-medium">Programs</legend>
          {PROGRAM_FLAGS.map((f) => (
            <label key={f} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="flag" value={f} defaultChecked={p.flag.includes(f)} /> {FLAG_LABELS[f]}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="attention" value="1" defaultChecked={p.attention} /> Needs attention only
          <span className="text-slate-600">(moderate or high risk, no note in 30 days)</span>
        </label>
        {p.sort !== "risk" && <input type="hidden" name="sort" value={p.sort} />}
        {p.dir && <input type="hidden" name="dir" value={p.dir} />}
        <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900">Apply filters</button>
        <Link href="/caseload" prefetch={false} className="text-blue-800 underline">Clear</Link>
      </div>
    </form>
  );
}
