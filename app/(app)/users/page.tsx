import type { Metadata } from "next";
import { refusePage } from "@/lib/audit/refuse";
import { getViewer } from "@/lib/auth";
import { ForbiddenError } from "@/lib/access";
import { listStaff } from "@/lib/users/queries";
import { ROLE_LABEL } from "@/components/shell/nav";
import { ActiveForm } from "./active-form";
import { SignOutEverywhereForm } from "../account/password/forms";
import { twoFactorEnrolledIds } from "@/lib/users/two-factor-reset";
import { TwoFactorResetForm } from "./two-factor-reset-form";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const viewer = await getViewer();
  const staff = await listStaff(viewer).catch((e) => {
    if (e instanceof ForbiddenError) return refusePage(viewer, "/users");
    throw e;
  });
  const twoFactor = await twoFactorEnrolledIds(viewer);
  return (
    <>
      <h1 className="text-2xl font-bold">Staff</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        A deactivated account cannot sign in, and any session it still holds stops working at once. Its students, notes and history stay as they are.
      </p>
      <div className="mt-4 relative overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Staff accounts with role, school, caseload, whether they are active and whether two-factor sign-in is on</caption>
          <thead className="bg-slate-100 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">Name</th>
              <th scope="col" className="px-3 py-2">Email</th>
              <th scope="col" className="px-3 py-2">Role</th>
              <th scope="col" className="px-3 py-2">School</th>
              <th scope="col" className="px-3 py-2 text-right">Caseload</th>
              <th scope="col" className="px-3 py-2">Account</th>
              <th scope="col" className="px-3 py-2">Two-factor</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Change</span></th>
            </tr>
          </thead>
          <tbody>
            {staff.map((u) => (
              <tr key={u.id} id={`user-${u.id}`} className="border-t border-slate-200">
                <th scope="row" className="px-3 py-2 text-left font-medium">{u.name}</th>
                <td className="px-3 py-2">{u.email}</td>
                <td className="px-3 py-2">{ROLE_LABEL[u.role]}</td>
                <td className="px-3 py-2">{u.school ?? "District"}</td>
                <td className="px-3 py-2 text-right">{u.caseload.toLocaleString("en-US")}</td>
                <td className="px-3 py-2">{u.active ? "Active" : "Deactivated"}</td>
                <td className="px-3 py-2">
                  {twoFactor.has(u.id) ? (u.id === viewer.id ? "On" : <span className="flex items-center gap-2">On <TwoFactorResetForm user={u} /></span>) : "Off"}
                </td>
                <td className="px-3 py-2">
                  {u.id === viewer.id ? (
                    <span className="text-slate-500">You</span>
                  ) : (
                    <span className="flex flex-wrap items-center gap-2">
                      <ActiveForm user={u} />
                      {u.active && <SignOutEverywhereForm userId={u.id} name={u.name} />}
                    </span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
