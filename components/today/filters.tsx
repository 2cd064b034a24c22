import type { TodayParams } from "@/lib/today/params";

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
  const select = "mt-0.5 block w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1";
  return (
    <form method="get" action="/today" className="no-print mt-3 flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3" aria-label="Filter the Today list">
      {bySchool && (
        <div className="min-w-48">
          <label htmlFor="t-school" className="block text-sm font-medium">
            School
          </label>
          <select id="t-school" name="school" defaultValue={p.school ?? ""} className={select}>
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
        <div className="min-w-48">
          <label htmlFor="t-counselor" className="block text-sm font-medium">
            Counselor
          </label>
          <select id="t-counselor" name="counselor" defaultValue={p.counselor ?? ""} className={select}>
            <option value="">All counselors</option>
            {counselors.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="min-h-6 rounded bg-blue-800 px-4 py-1.5 font-semibold text-white hover:bg-blue-900">
        Show
      </button>
    </form>
  );
}
