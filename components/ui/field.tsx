import { useId } from "react";

export type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
type ShellProps = {
  label: string;
  error?: string | string[];
  hint?: string;
  className?: string;
  /** Renders the control with the id and ARIA attributes that tie it to its label, hint and error. */
  children: (control: ControlProps, invalid: boolean) => React.ReactNode;
};

/** Label, hint and field error wired up for assistive technology, around any form control. */
export function FieldShell({ label, error, hint, className, children }: ShellProps) {
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
      {children({ id, "aria-invalid": message ? true : undefined, "aria-describedby": described }, Boolean(message))}
      {message && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}

export const controlClass = (invalid: boolean) => `mt-1 block w-full rounded border px-3 py-2 ${invalid ? "border-red-600" : "border-slate-400"}`;

type Props = { label: string; name: string; error?: string | string[]; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input. */
export function Field({ label, name, error, hint, className, ...rest }: Props) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {(control, invalid) => <input {...control} name={name} className={controlClass(invalid)} {...rest} />}
    </FieldShell>
  );
}
