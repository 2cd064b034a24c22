import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer, ssoProviders } from "@/lib/auth";
import { NotFoundError, holdsCaseload } from "@/lib/access";
import { getStaffMember, schoolOptions } from "@/lib/users/queries";
import { LINK_TTL_HOURS } from "@/lib/users/passwords";
import { mailConfigured } from "@/lib/mail";
import { ROLE_LABEL } from "@/components/shell/nav";
import { ActiveForm } from "@/components/users/active-form";
import { SignOutEverywhereForm } from "../../account/password/forms";
import { IssueLinkForm, RoleForm, SetPasswordForm } from "@/components/users/staff-forms";
import { SignInStatus } from "@/components/users/sign-in-status";

export const metadata: Metadata = { title: "Staff member" };

/** One staff account and what a district administrator can change about it. */
export default async function StaffMemberPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await getViewer();
  await requirePage(viewer, "users.manage", "/users/[id]");
  const { id } = await params;
  const u = await getStaffMember(viewer, id).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const schools = await schoolOptions(viewer);
  const sso = ssoProviders().map((p) => p.name);
  const self = u.id === viewer.id;
  const canMail = mailConfigured();
  const h2 = "mt-8 text-xl font-semibold";
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/users" className="text-blue-800 underline">
          Staff
        </Link>{" "}
        › {u.name}
      </nav>
      <h1 className="text-2xl font-bold">{u.name}</h1>
      <dl className="mt-3 grid max-w-xl grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Email</dt>
        <dd className="break-all">{u.email}</dd>
        <dt className="font-medium">Role</dt>
        <dd>{ROLE_LABEL[u.role]}</dd>
        <dt className="font-medium">School</dt>
        <dd>{u.school ?? "District"}</dd>
        <dt className="font-medium">Account</dt>
        <dd>{u.active ? "Active" : "Deactivated"}</dd>
        <dt className="font-medium">Sign-in</dt>
        <dd>
          <SignInStatus hasPassword={u.hasPassword} sso={sso} />
          {u.linkExpiresAt && <> · a set-password link is waiting to be used</>}
        </dd>
        {holdsCaseload(u.role) && (
          <>
            <dt className="font-medium">Caseload</dt>
            <dd>
              {u.caseload.toLocaleString("en-US")} currently enrolled ({u.onCaseload.toLocaleString("en-US")} on the caseload in all)
              {u.onCaseload > 0 && (
                <>
                  {" "}
                  ·{" "}
                  <Link href={`/users/reassign?from=${u.id}`} className="text-blue-800 underline">
                    Reassign students
                  </Link>
                </>
              )}
            </dd>
          </>
        )}
      </dl>

      {self ? (
        <p className="mt-6 max-w-2xl rounded border border-slate-200 bg-white p-3 text-sm">
          This is your own account: change your password on{" "}
          <Link href="/account/password" className="text-blue-800 underline">
            your account page
          </Link>
          . Another district administrator changes your role or school.
        </p>
      ) : (
        <>
          <section aria-labelledby="role-heading">
            <h2 id="role-heading" className={h2}>
              Role and school
            </h2>
            <p className="mb-3 max-w-2xl text-sm text-slate-600">
              The change applies from this person&apos;s next page. A counselor with students at a school they would no longer serve hands them over first.
            </p>
            <RoleForm user={u} schools={schools} />
          </section>

          <section aria-labelledby="password-heading">
            <h2 id="password-heading" className={h2}>
              Password
            </h2>
            {sso.length > 0 && <p className="mb-3 max-w-2xl text-sm text-slate-600">People who sign in with {sso.join(" or ")} need no password here.</p>}
            {u.active ? (
              <div className="grid gap-6 md:grid-cols-2">
                <div>
                  <h3 className="mb-2 font-medium">Issue a one-time link</h3>
                  <p className="mb-3 text-sm text-slate-600">
                    The person opens it and chooses their own password. It works once, for {LINK_TTL_HOURS} hours; a new link replaces the older one.{" "}
                    {canMail ? "You can also have it e-mailed to them." : "E-mail is not configured (SMTP_URL, MAIL_FROM): hand it over yourself."}
                  </p>
                  <IssueLinkForm user={u} canMail={canMail} />
                </div>
                <div>
                  <h3 className="mb-2 font-medium">Or set a password</h3>
                  <p className="mb-3 text-sm text-slate-600">Tell it to the person in person. Any session they have ends.</p>
                  <SetPasswordForm user={u} />
                </div>
              </div>
            ) : (
              <p className="text-sm text-slate-600">Reactivate the account before giving it a password.</p>
            )}
          </section>

          <section aria-labelledby="account-heading">
            <h2 id="account-heading" className={h2}>
              Account
            </h2>
            <div className="mt-2 flex flex-wrap items-center gap-2">
              <ActiveForm user={u} />
              {u.active && <SignOutEverywhereForm userId={u.id} name={u.name} />}
            </div>
          </section>
        </>
      )}
    </>
  );
}
