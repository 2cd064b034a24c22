// A list page's filter (the caseload, Today, Re-engagement): a labelled <select> in a plain GET
// form, so the choice lives in the URL (STYLE.md: "URL is the state"). Smaller than a form's
// SelectField (components/ui/select-field.tsx): a filter bar packs several on one row, and a
// filter has no field error to show. The id is given by the page (f-…, t-…, r-…), so each bar
// keeps the ids it always had.

/** The filter bar's control: full width of its cell, never wider (min-w-0 in a grid or flex row). */
export const FILTER_CONTROL = "mt-0.5 block w-full min-w-0 rounded border border-slate-400 bg-white px-2 py-1";

type Option = { value: string | number; label: string };

type Props = {
  id: string;
  label: string;
  name: string;
  defaultValue: string | number;
  options: readonly Option[];
  /** First option, value "" (e.g. "Any", "All schools"). */
  placeholder?: string;
  /** The cell's classes (its width in the bar). */
  className?: string;
};

export function FilterSelect({ id, label, name, defaultValue, options, placeholder, className }: Props) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={FILTER_CONTROL}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** People or schools as options: the id is the value, the name the label. */
export const byName = (rows: readonly { id: string; name: string }[]): Option[] => rows.map((r) => ({ value: r.id, label: r.name }));
