import type { TodayParams } from "@/lib/today/params";
import { Button } from "@/components/ui/button";
import { FilterSelect, byName } from "@/components/ui/filter-select";

/** School (district admins) and counselor (admins) filters: a plain GET form, so the URL is the state. */
export function TodayFilters({
  p,
  schools,
  counselors,
  bySchool,
}: {
  p: TodayParams;
  schools: { id: string; name: string }[];
  counselors: { id: string; name: string }[];
  bySchool: boolean;
}) {
  return (
    <form method="get" action="/today" className="no-print mt-3 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label="Filter the Today list">
      {bySchool && (
        <FilterSelect id="t-school" label="School" name="school" defaultValue={p.school ?? ""} placeholder="Choose a school…" options={byName(schools)} className="min-w-48" />
      )}
      {counselors.length > 0 && (
        <FilterSelect
          id="t-counselor"
          label="Counselor"
          name="counselor"
          defaultValue={p.counselor ?? ""}
          placeholder="All counselors"
          options={byName(counselors)}
          className="min-w-48"
        />
      )}
      <Button type="submit" size="sm">
        Show
      </Button>
    </form>
  );
}
