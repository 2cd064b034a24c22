"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";
import { useActionForm, FormMessage } from "@/components/ui/action-form";
import { FocusMessage } from "@/components/ui/focus-message";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { ConfirmForm } from "@/components/ui/confirm-form";
import { changeRoleAction, createUserAction, issueLinkAction, setPasswordAction } from "@/lib/users/actions";
import { NewPasswordFields } from "@/components/account/new-password-fields";

type School = { id: string; name: string };
const ROLE_OPTIONS = [
  { value: "COUNSELOR", label: "Counselor" },
  { value: "SCHOOL_ADMIN", label: "School administrator" },
  { value: "DISTRICT_ADMIN", label: "District administrator" },
];
const schoolOptions = (schools: School[]) => [{ value: "", label: "None (district administrators)" }, ...schools.map((s) => ({ value: s.id, label: s.name }))];
const SCHOOL_HINT = "Counselors and school administrators work at one school; district administrators at none.";
const PRIMARY = "rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60";

/** Adds a staff account (no password yet). */
export function AddUserForm({ schools }: { schools: School[] }) {
  const f = useActionForm(createUserAction, { resetOnSuccess: true });
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label="Add a user" noValidate className="mt-3 max-w-md">
      <FocusMessage state={f.state} />
      <Field label="Email" name="email" type="email" autoComplete="off" error={f.errorFor("email")} required />
      <Field label="Name" name="name" autoComplete="off" error={f.errorFor("name")} required />
      <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue="COUNSELOR" error={f.errorFor("role")} />
      <SelectField label="School" name="schoolId" options={schoolOptions(schools)} hint={SCHOOL_HINT} error={f.errorFor("schoolId")} />
      <button type="submit" disabled={f.pending} className={PRIMARY}>
        {f.pending ? "Adding…" : "Add user"}
      </button>
    </form>
  );
}

/** A new role or school, after a confirmation. */
export function RoleForm({ user, schools }: { user: { id: string; name: string; role: string; schoolId: string | null }; schools: School[] }) {
  return (
    <ConfirmForm
      action={changeRoleAction}
      label={`Role and school of ${user.name}`}
      button="Save role and school"
      question={`Change ${user.name}'s role or school?`}
      confirm="Yes, change"
      fields={{ userId: user.id }}
    >
      {(errorFor) => (
        <div className="max-w-md">
          <SelectField label="Role" name="role" options={ROLE_OPTIONS} defaultValue={user.role} error={errorFor("role")} />
          <SelectField
            label="School"
            name="schoolId"
            options={schoolOptions(schools)}
            defaultValue={user.schoolId ?? ""}
            hint={SCHOOL_HINT}
            error={errorFor("schoolId") ?? errorFor("userId")}
          />
        </div>
      )}
    </ConfirmForm>
  );
}

/** An administrator types a password for someone (to tell them in person). */
export function SetPasswordForm({ user }: { user: { id: string; name: string; email: string } }) {
  const f = useActionForm(setPasswordAction, { resetOnSuccess: true });
  return (
    <form ref={f.ref} action={f.action} onSubmit={f.onSubmit} aria-label={`Set a password for ${user.name}`} noValidate className="max-w-md">
      <FocusMessage state={f.state} />
      <input type="hidden" name="userId" value={user.id} />
      <NewPasswordFields errorFor={f.errorFor} error={f.errorFor("password") ?? f.errorFor("userId")} />
      <button type="submit" disabled={f.pending} className={PRIMARY}>
        {f.pending ? "Setting…" : "Set password"}
      </button>
    </form>
  );
}

/** Issues a one-time set-password link and shows it once, to copy and hand over. */
export function IssueLinkForm({ user, canMail }: { user: { id: string; name: string; email: string }; canMail: boolean }) {
  const f = useActionForm(issueLinkAction);
  const [copied, setCopied] = useState(false);
  const issued = f.state?.ok ? (f.state.data as { link: string; expiresAt: string; expiresAtText: string; emailed: boolean; mailError?: string }) : null;
  return (
    <form
      ref={f.ref}
      action={f.action}
      onSubmit={(e) => {
        setCopied(false);
        f.onSubmit(e);
      }}
      aria-label={`Set-password link for ${user.name}`}
      className="max-w-2xl"
    >
      {f.state && !f.state.ok && <FormMessage state={f.state} />}
      <input type="hidden" name="userId" value={user.id} />
      {issued && (
        <div role="status" className="mb-3 rounded border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium text-green-900">
            Link made. Hand it to {user.name} now: it is shown only this once, works once, and expires <time dateTime={issued.expiresAt}>{issued.expiresAtText}</time>. Any older
            link no longer works.
          </p>
          {issued.emailed && <p className="mt-1 text-green-900">It was also e-mailed to {user.email}.</p>}
          {issued.mailError && <p className="mt-1 font-medium text-red-800">{issued.mailError}</p>}
          <label htmlFor="issued-link" className="mt-2 block font-medium">
            Set-password link
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <input id="issued-link" readOnly value={issued.link} onFocus={(e) => e.currentTarget.select()} className="control min-w-0 flex-1 font-mono text-xs" />
            <button
              type="button"
              onClick={() =>
                navigator.clipboard?.writeText(issued.link).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
              className="rounded border border-slate-400 px-3 py-1"
            >
              {copied ? "Copied" : "Copy"}
            </button>
          </div>
        </div>
      )}
      {canMail && (
        <label className="mb-3 flex items-center gap-2 text-sm">
          <input type="checkbox" name="send" value="yes" /> Also e-mail it to {user.email}
        </label>
      )}
      <button type="submit" disabled={f.pending} className={buttonClass("secondary")}>
        {f.pending ? "Making a link…" : issued ? "Issue another link" : "Issue a set-password link"}
      </button>
    </form>
  );
}
