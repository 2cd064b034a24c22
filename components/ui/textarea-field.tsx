import { useId } from "react";

type Props = { label: string; name: string; error?: string | string[]; hint?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>;

/** A labelled textarea with its hint and field error wired up for assistive technology (pairs with Field). */
export function TextareaField({ label, name, error, hint, className, ...rest }: Props) {
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
      <textarea
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={described}
        className={`mt-1 block w-full rounded border px-3 py-2 ${message ? "border-red-600" : "border-slate-400"}`}
        {...rest}
      />
      {message && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}
