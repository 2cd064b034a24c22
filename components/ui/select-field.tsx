import { useId } from "react";

type Props = {
  label: string;
  name: string;
  error?: string | string[];
  hint?: string;
  options: { value: string; label: string }[];
  /** First, empty option (e.g. "Choose…" or "Any"). */
  placeholder?: string;
} & React.SelectHTMLAttributes<HTMLSelectElement>;

/** A labelled select with its hint and field error wired up for assistive technology (pairs with Field). */
export function SelectField({ label, name, error, hint, options, placeholder, className, ...rest }: Props) {
  const id = useId();
  const message = Array.isArray(error) ? error[0] : error;
  const described = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`mb-4 ${className ?? ""}`}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={described}
        className={`mt-1 block w-full rounded border bg-white px-3 py-2 ${message ? "border-red-600" : "border-slate-400"}`}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {message && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
