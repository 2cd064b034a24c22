import type { ReportSchool } from "@/lib/reports/queries";
import { yearLabel } from "@/lib/calendar";

type Props = {
  action: string;
  year: number;
  years: number[];
  schools?: ReportSchool[];
  school?: string | null;
  /** Years some of whose figures are not final yet (periods.ts yearFinal): marked "(not final)". */
  open?: number[];
  /** Extra parameters to keep (e.g. the equity figure). */
  keep?: Record<string, string>;
  /** A first school option for the whole district (district administrators; the value is empty). */
  districtOption?: boolean;
};

/** Year and school pickers as a plain GET form: the URL is the state, and it works without JavaScript. */
export function ReportPicker({ action, year, years, schools, school, open = [], keep = {}, districtOption = false }: Props) {
  return (
    <form action={action} method="get" className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3">
      <div>
        <label htmlFor="report-year" className="block text-sm font-medium text-slate-800">
          School year
        </label>
        <select id="report-year" name="year" defaultValue={String(year)} className="mt-1 rounded border border-slate-400 px-2 py-1">
          {years.map((y) => (
            <option key={y} value={y}>
              {yearLabel(y)}
              {open.includes(y) ? " (not final)" : ""}
            </option>
          ))}
        </select>
      </div>
      {schools && (schools.length > 1 || districtOption) && (
        // A select is as wide as its longest option: a school named "Washington "North" Academy,
        // Grades 9-12" pushed a 390-px page sideways. It shrinks to the form's width instead.
        <div className="min-w-0 max-w-full">
          <label htmlFor="report-school" className="block text-sm font-medium text-slate-800">
            School
          </label>
          <select id="report-school" name="school" defaultValue={school ?? ""} className="mt-1 w-full max-w-full rounded border border-slate-400 px-2 py-1">
            {districtOption && <option value="">District (all schools)</option>}
            {schools.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {Object.entries(keep).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 text-white hover:bg-blue-900">
        Show
      </button>
    </form>
  );
}
