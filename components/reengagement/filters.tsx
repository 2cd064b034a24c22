import { MAX_YEARS, QUIET_DAYS } from "@/lib/reengagement/rules";
import type { ReengagementParams } from "@/lib/reengagement/schema";
import { Button } from "@/components/ui/button";
import { FilterSelect, byName } from "@/components/ui/filter-select";

/** The filter bar: a plain GET form, so the filters live in the URL (bookmarkable, back-button safe). */
export function ReengagementFilters({ p, schools }: { p: ReengagementParams; schools: { id: string; name: string }[] }) {
  return (
    <form
      method="get"
      action="/reengagement"
      className="mt-3 flex flex-wrap items-end gap-x-4 gap-y-2 rounded border border-slate-200 bg-white p-3"
      aria-label="Filter the Re-engagement list"
    >
      {schools.length > 1 && (
        <FilterSelect
          id="r-school"
          label="School"
          name="school"
          defaultValue={p.school ?? ""}
          placeholder="All schools"
          options={byName(schools)}
          className="min-w-0 basis-full sm:basis-64"
        />
      )}
      <FilterSelect
        id="r-years"
        label="Left in the last"
        name="years"
        defaultValue={String(p.years)}
        options={Array.from({ length: MAX_YEARS }, (_, i) => i + 1).map((n) => ({ value: n, label: n === 1 ? "school year (this one)" : `${n} school years` }))}
      />
      <div className="flex min-h-8 items-center gap-2">
        <input id="r-quiet" name="quiet" type="checkbox" value="1" defaultChecked={p.quiet} className="h-5 w-5" />
        <label htmlFor="r-quiet" className="text-sm">
          No contact in {QUIET_DAYS} days
        </label>
      </div>
      <Button type="submit" size="sm">
        Show
      </Button>
    </form>
  );
}
