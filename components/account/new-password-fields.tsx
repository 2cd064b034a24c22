import { Field } from "@/components/ui/field";
import { MIN_PASSWORD_LENGTH } from "@/lib/account/schema";

// A new password and its repetition, wherever one is chosen (first run, a set-password link, the
// account page, an administrator's form): one hint, one rule (lib/account/schema.ts checks the
// length and that both match), and autocomplete="new-password" so a password manager offers one.

export const PASSWORD_HINT = `At least ${MIN_PASSWORD_LENGTH} characters; a phrase of several words is easy to remember and hard to guess.`;

type Props = {
  errorFor: (name: string) => string[] | undefined;
  /** The field's name (the repetition is always "confirm"). */
  name?: string;
  /** "New password"; the repetition is the same words and "again". */
  label?: string;
  /** The first field's error, when another field's belongs there too. */
  error?: string[];
};

export function NewPasswordFields({ errorFor, name = "password", label = "New password", error }: Props) {
  return (
    <>
      <Field label={label} name={name} type="password" autoComplete="new-password" hint={PASSWORD_HINT} error={error ?? errorFor(name)} required />
      <Field label={`${label} again`} name="confirm" type="password" autoComplete="new-password" error={errorFor("confirm")} required />
    </>
  );
}
