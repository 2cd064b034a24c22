"use client";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { useEffect, useRef } from "react";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { Field } from "@/components/ui/field";
import { DiplomaFields, RequirementFields } from "@/components/settings/diploma-fields";
import { setupDistrictAction } from "@/lib/setup/actions";
import { NewPasswordFields } from "@/components/account/new-password-fields";

type Props = {
  requirements: { area: string; label: string; value: number }[];
  defaults: { totalCredits: number; passingGrade: number };
  timeZone: string;
};

/** The first-run form: district, diploma credits by subject area, passing grade, first administrator. */
export function SetupForm({ requirements, defaults, timeZone }: Props) {
  const f = useActionForm(setupDistrictAction);
  const done = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (f.state?.ok) done.current?.focus();
  }, [f.state]);

  if (f.state?.ok) {
    const data = f.state.data as { email: string; districtName: string };
    return (
      <section aria-labelledby="setup-done" className="mt-6 rounded border border-green-300 bg-green-50 p-4">
        <h3 id="setup-done" ref={done} tabIndex={-1} className="text-lg font-semibold text-green-900">
          {data.districtName} is set up
        </h3>
        <p className="mt-2 text-sm text-green-900">
          Sign in as <strong>{data.email}</strong> with the password you chose. Administrators are asked to set up two-factor sign-in at their first sign-in (the district&apos;s
          rule, on Settings). This setup link no longer works.
        </p>
        <p className="mt-3">
          <ButtonLink href="/signin" className="inline-block">
            Sign in
          </ButtonLink>
        </p>
      </section>
    );
  }

  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Set up the district" noValidate className="mt-6">
      <FormMessage state={f.state} />
      <fieldset className="rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">District</legend>
        <Field label="District name" name="districtName" autoComplete="organization" error={f.errorFor("districtName")} required />
        <DiplomaFields totalCredits={defaults.totalCredits} passingGrade={defaults.passingGrade} errorFor={f.errorFor} />
        <p className="text-sm text-slate-700">
          Time zone: <strong>{timeZone}</strong>. Dates (results, enrollments, status changes) follow it. To change it, set <code>DISTRICT_TIME_ZONE</code> (an IANA name such as{" "}
          <code>America/Chicago</code>) in the server&apos;s environment and restart the server.
        </p>
      </fieldset>

      <RequirementFields
        requirements={requirements}
        errorFor={f.errorFor}
        note="0 means no requirement of its own; credits beyond these count toward the diploma's total in any subject."
        className="mt-4"
      />

      <fieldset className="mt-4 rounded border border-slate-200 bg-white p-4">
        <legend className="px-1 font-semibold">First district administrator</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <Field label="Email (their sign-in)" name="email" type="email" autoComplete="username" error={f.errorFor("email")} required />
          <Field label="Name" name="name" autoComplete="name" error={f.errorFor("name")} required />
          <NewPasswordFields label="Password" errorFor={f.errorFor} />
        </div>
      </fieldset>

      <button type="submit" disabled={f.pending} className={buttonClass("primary", "md", "mt-4 w-full sm:w-auto")}>
        {f.pending ? "Setting up…" : "Set up the district"}
      </button>
    </form>
  );
}
