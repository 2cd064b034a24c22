import { FieldShell, CONTROL } from "./field";

type Props = {
  label: string;
  name: string;
  error?: string | string[];
  hint?: string;
  options: { value: string; label: string }[];
  /** First, empty option (e.g. "Choose…" or "Any"). */
  placeholder?: string;
} & React.SelectHTMLAttributes<HTMLSelectElement>;

/** A labelled select (pairs with Field). */
export function SelectField({ label, name, error, hint, options, placeholder, className, ...rest }: Props) {
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
        </select>
      )}
    </FieldShell>
  );
}
