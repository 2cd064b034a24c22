import type { Metadata } from "next";
import { RowTh, Table, Td, Th } from "@/components/ui/table";
import Link from "next/link";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer, ssoProviders } from "@/lib/auth";
import { can, holdsCaseload } from "@/lib/access";
import { listStaff, schoolOptions } from "@/lib/users/queries";
import { CASELOAD_COUNTS } from "@/lib/users/caseload";
import { ROLE_LABEL } from "@/components/shell/nav";
import { Disclosure } from "@/components/ui/disclosure";
import { ActiveForm } from "@/components/users/active-form";
import { SignOutEverywhereForm } from "../account/password/forms";
import { twoFactorEnrolledIds } from "@/lib/users/two-factor-reset";
import { TwoFactorResetForm } from "@/components/users/two-factor-reset-form";
import { AddUserForm } from "@/components/users/staff-forms";
import { SignInStatus } from "@/components/users/sign-in-status";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const viewer = await getViewer();
  await requirePage(viewer, "staff.read", "/users");
  const staff = await listStaff(viewer);
  const manage = can(viewer, "users.manage");
  const [twoFactor, schools] = manage ? await Promise.all([twoFactorEnrolledIds(viewer), schoolOptions(viewer)]) : [new Set<string>(), []];
  const sso = ssoProviders().map((p) => p.name);
  return (
    <>
      <h1 className="text-2xl font-bold">Staff</h1>
      {manage ? (
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Open a person to change their role or school, set a password or issue a set-password link. A deactivated account cannot sign in, and any session it still holds stops
          working at once. Its students, notes and history stay as they are.
        </p>
      ) : (
        <p className="mt-1 max-w-3xl text-sm text-slate-600">Your school&apos;s staff. A district administrator adds people and changes their accounts.</p>
      )}
      <p className="mt-1 max-w-3xl text-sm text-slate-600">{CASELOAD_COUNTS} The early-warning page counts the same students.</p>
      {manage && (
        <Disclosure summary="Add a user" className="mt-4">
          <AddUserForm schools={schools} />
        </Disclosure>
      )}
      <div className="mt-4 relative overflow-x-auto rounded border border-slate-200 bg-white">
        <Table
          density="roomy"
          caption={
            <>
              Staff accounts with role, school, caseload (students currently enrolled), whether they are active and can sign in
              {manage ? ", and whether two-factor sign-in is on" : ""}
            </>
          }
        >
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Email</Th>
              <Th>Role</Th>
              <Th>School</Th>
              <Th numeric>Caseload</Th>
              <Th>Account</Th>
              <Th>Sign-in</Th>
              {manage && <Th>Two-factor</Th>}
              {manage && (
                <Th>
                  <span className="sr-only">Change</span>
                </Th>
              )}
            </tr>
          </thead>
          <tbody>
            {staff.map((u) => (
              <tr key={u.id} id={`user-${u.id}`}>
                <RowTh className="font-medium">
                  {manage ? (
                    <Link href={`/users/${u.id}`} className="text-blue-800 underline">
                      {u.name}
                    </Link>
                  ) : (
                    u.name
                  )}
                </RowTh>
                <Td>{u.email}</Td>
                <Td>{ROLE_LABEL[u.role]}</Td>
                <Td>{u.school ?? "District"}</Td>
                <Td numeric>
                  {holdsCaseload(u.role) ? u.caseload.toLocaleString("en-US") : <span className="text-slate-500">—</span>}
                  {manage && holdsCaseload(u.role) && u.onCaseload > 0 && (
                    <Link href={`/users/reassign?from=${u.id}`} className="ml-2 text-blue-800 underline" aria-label={`Reassign ${u.name}'s caseload`}>
                      Reassign
                    </Link>
                  )}
                </Td>
                <Td>{u.active ? "Active" : "Deactivated"}</Td>
                <Td>{u.active ? <SignInStatus hasPassword={u.hasPassword} sso={sso} /> : <span className="text-slate-500">—</span>}</Td>
                {manage && (
                  <Td>
                    {twoFactor.has(u.id) ? (
                      u.id === viewer.id ? (
                        "On"
                      ) : (
                        <span className="flex items-center gap-2">
                          On <TwoFactorResetForm user={u} />
                        </span>
                      )
                    ) : (
                      "Off"
                    )}
                  </Td>
                )}
                {manage && (
                  <Td>
                    {u.id === viewer.id ? (
                      <span className="text-slate-500">You</span>
                    ) : (
                      <span className="flex flex-wrap items-center gap-2">
                        <ActiveForm user={u} />
                        {u.active && <SignOutEverywhereForm userId={u.id} name={u.name} />}
                      </span>
                    )}
                  </Td>
                )}
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
    </>
  );
}
