import { FieldShell, CONTROL } from "./field";

type Option = { value: string; label: string };
type Props = {
  label: string;
  name: string;
  error?: string | string[];
  hint?: string;
  options: Option[];
  /** Options in labelled <optgroup>s, after `options` (native: keyboard and screen readers know them). */
  groups?: { label: string; options: Option[] }[];
  /** First, empty option (e.g. "Choose…" or "Any"). */
  placeholder?: string;
} & React.SelectHTMLAttributes<HTMLSelectElement>;

/** A labelled select (pairs with Field). */
export function SelectField({ label, name, error, hint, options, groups = [], placeholder, className, ...rest }: Props) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {(control) => (
        <select {...control} name={name} className={`${CONTROL} bg-white`} {...rest}>
          {placeholder !== undefined && <option value="">{placeholder}</option>}
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
    </FieldShell>
  );
}
