import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { districtTimeZone } from "@/lib/calendar";
import { SETUP_COOKIE } from "@/lib/setup/cookie";
import { SETUP_DEFAULTS, SUBJECT_AREAS } from "@/lib/setup/schema";
import { districtIsSetUp, setupTokenState } from "@/lib/setup/token";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { SetupForm } from "@/components/setup/setup-form";

export const metadata: Metadata = { title: "Set up your district" };

// The first-run page (issue #12): open only with the one-time setup token (proxy.ts moves it from
// the printed link into a cookie), and closed for good once a district administrator exists.

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-3xl font-bold text-blue-900">CreditTrack</h1>
      {children}
    </main>
  );
}

export default async function SetupPage() {
  if (await districtIsSetUp()) {
    return (
      <Shell>
        <h2 className="mt-6 text-xl font-semibold">This district is already set up</h2>
        <p className="mt-2 text-slate-700">A district administrator exists, so this page is closed. Staff accounts are added by a district administrator on the Staff page.</p>
        <p className="mt-4">
          <Link href="/signin" className="font-semibold text-blue-800 underline">
            Sign in
          </Link>
        </p>
      </Shell>
    );
  }
  const state = await setupTokenState((await cookies()).get(SETUP_COOKIE)?.value);
  if (state !== "valid") {
    return (
      <Shell>
        <h2 className="mt-6 text-xl font-semibold">{state === "expired" ? "This setup link has expired" : "Set up your district"}</h2>
        <p className="mt-2 max-w-2xl text-slate-700">
          {state === "expired" ? "Setup links work for 24 hours. " : "This page opens with the one-time setup link, so that nobody else can claim a new installation. "}
          Find a {state === "expired" ? "new " : ""}link in the server&apos;s start-up log (it prints one at every start until the district is set up), or run
        </p>
        <pre className="mt-2 overflow-x-auto rounded bg-slate-900 p-3 text-sm text-slate-50">npm run setup -- --token</pre>
        <p className="mt-2 max-w-2xl text-slate-700">
          on the server and open the link it prints. <code>npm run setup</code> on its own sets the district up in the terminal instead.
        </p>
      </Shell>
    );
  }
  const requirements = SUBJECT_AREAS.map((area) => ({ area, label: SUBJECT_LABELS[area], value: SETUP_DEFAULTS.requirements[area] }));
  return (
    <Shell>
      <h2 className="mt-6 text-xl font-semibold">Set up your district</h2>
      <p className="mt-2 max-w-2xl text-slate-700">
        The district&apos;s diploma requirements and the first district administrator. You can load schools, staff, students and the course catalog after you sign in; the Readiness
        page then lists what is still missing.
      </p>
      <SetupForm requirements={requirements} defaults={{ totalCredits: SETUP_DEFAULTS.totalCredits, passingGrade: SETUP_DEFAULTS.passingGrade }} timeZone={districtTimeZone()} />
    </Shell>
  );
}
