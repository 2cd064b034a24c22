import { useId } from "react";

export type ControlProps = { id: string; "aria-invalid"?: true; "aria-describedby"?: string };
type ShellProps = {
  label: string;
  error?: string | string[];
  hint?: string;
  className?: string;
  /** Renders the control with the id and ARIA attributes that tie it to its label, hint and error. */
  children: (control: ControlProps) => React.ReactNode;
};

/** Label, hint and field error wired up for assistive technology, around any form control. */
export function FieldShell({ label, error, hint, className, children }: ShellProps) {
  const id = useId();
  const message = Array.isArray(error) ? error[0] : error;
  const described = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className ? `mb-4 ${className}` : "mb-4"}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children({ id, "aria-invalid": message ? true : undefined, "aria-describedby": described })}
      {message && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {message}
        </p>
      )}
    </div>
  );
}

/** A form control's class (app/globals.css); the red border follows aria-invalid, set by FieldShell. */
export const CONTROL = "control";

type Props = { label: string; name: string; error?: string | string[]; hint?: string } & React.InputHTMLAttributes<HTMLInputElement>;

/** A labelled input. */
export function Field({ label, name, error, hint, className, ...rest }: Props) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {(control) => <input {...control} name={name} className={CONTROL} {...rest} />}
    </FieldShell>
  );
}
