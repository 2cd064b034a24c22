import { FieldShell, CONTROL } from "./field";

type Props = { label: string; name: string; error?: string | string[]; hint?: string } & React.TextareaHTMLAttributes<HTMLTextAreaElement>;

/** A labelled textarea (pairs with Field). */
export function TextareaField({ label, name, error, hint, className, ...rest }: Props) {
  return (
    <FieldShell label={label} error={error} hint={hint} className={className}>
      {(control) => <textarea {...control} name={name} className={CONTROL} {...rest} />}
    </FieldShell>
  );
}
