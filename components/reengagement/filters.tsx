import { MAX_YEARS, QUIET_DAYS } from "@/lib/reengagement/rules";
import type { ReengagementParams } from "@/lib/reengagement/schema";

/** The filter bar: a plain GET form, so the filters live in the URL (bookmarkable, back-button safe). */
export function ReengagementFilters({ p, schools }: { p: ReengagementParams; schools: { id: string; name: string }[] }) {
  const control = "mt-0.5 block w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1";
  return (
    <form
      method="get"
      action="/reengagement"
      className="mt-3 flex flex-wrap items-end gap-x-4 gap-y-2 rounded border border-slate-200 bg-white p-3"
      aria-label="Filter the Re-engagement list"
    >
      {schools.length > 1 && (
        <div className="min-w-0 basis-full sm:basis-64">
          <label htmlFor="r-school" className="block text-sm font-medium">
            School
          </label>
          <select id="r-school" name="school" defaultValue={p.school ?? ""} className={control}>
            <option value="">All schools</option>
            {schools.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div>
        <label htmlFor="r-years" className="block text-sm font-medium">
          Left in the last
        </label>
        <select id="r-years" name="years" defaultValue={String(p.years)} className={control}>
          {Array.from({ length: MAX_YEARS }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n === 1 ? "school year (this one)" : `${n} school years`}
            </option>
          ))}
        </select>
      </div>
      <div className="flex min-h-8 items-center gap-2">
        <input id="r-quiet" name="quiet" type="checkbox" value="1" defaultChecked={p.quiet} className="h-5 w-5" />
        <label htmlFor="r-quiet" className="text-sm">
          No contact in {QUIET_DAYS} days
        </label>
      </div>
      <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900">
        Show
      </button>
    </form>
  );
}
