"use client";
import { useState } from "react";
import { signIn } from "next-auth/react";
import { signInSchema } from "@/lib/auth/schema";
import { Field } from "@/components/ui/field";
import { TWO_FACTOR_CODE_REQUIRED, TWO_FACTOR_CODE_REUSED, TWO_FACTOR_CODE_WRONG } from "@/lib/auth/two-factor-schema";

type Errors = { email?: string; password?: string; code?: string; form?: string | null };

export function SignInForm({ callbackUrl, sso, initialError }: { callbackUrl: string; sso: { id: string; name: string }[]; initialError: string | null }) {
  const [errors, setErrors] = useState<Errors>({ form: initialError });
  const [pending, setPending] = useState(false);
  // Second step for a two-factor account: the server said the password is right and asked for a code.
  const [needCode, setNeedCode] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email"), password: form.get("password"), ...(needCode ? { code: form.get("code") ?? "" } : {}) });
    if (!parsed.success) {
      const f = parsed.error.flatten().fieldErrors;
      setErrors({ email: f.email?.[0], password: f.password?.[0], code: f.code?.[0] });
      return;
    }
    setPending(true);
    setErrors({});
    const res = await signIn("credentials", { ...parsed.data, redirect: false, callbackUrl });
    setPending(false);
    if (res?.error === TWO_FACTOR_CODE_REQUIRED) {
      setNeedCode(true);
      setErrors(needCode ? { code: "Enter the code" } : {});
      return;
    }
    if (res?.error === TWO_FACTOR_CODE_WRONG || res?.error === TWO_FACTOR_CODE_REUSED) {
      setErrors({ code: res.error });
      return;
    }
    if (!res || res.error) {
      const msg = res?.error && res.error !== "CredentialsSignin" ? res.error : "Email or password is incorrect.";
      setNeedCode(false);
      setErrors({ form: msg });
      return;
    }
    window.location.assign(res.url ?? callbackUrl);
  }

  return (
    <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      {/* method="post": a submit before hydration must not put the password in the URL (a GET would). */}
      <form method="post" onSubmit={onSubmit} noValidate aria-describedby={errors.form ? "signin-error" : undefined}>
        {errors.form && (
          <p id="signin-error" role="alert" className="mb-4 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
            {errors.form}
          </p>
        )}
        <Field label="Email" name="email" type="email" autoComplete="username" error={errors.email} required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" error={errors.password} required />
        {needCode && (
          <Field
            label="Two-factor code"
            name="code"
            autoComplete="one-time-code"
            autoFocus
            maxLength={40}
            hint="The 6-digit code from your authenticator app, or one of your recovery codes."
            error={errors.code}
            required
          />
        )}
        <button type="submit" disabled={pending} className="mt-2 w-full rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {sso.length > 0 && (
        <div className="mt-6 border-t border-slate-200 pt-4">
          {sso.map((p) => (
            <button
              key={p.id}
              type="button"
              onClick={() => signIn(p.id, { callbackUrl })}
              className="mt-2 w-full rounded border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50"
            >
              Sign in with {p.name}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
