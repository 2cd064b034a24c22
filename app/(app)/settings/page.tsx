import type { Metadata } from "next";
import { requirePage } from "@/lib/audit/refuse";
import { getViewer } from "@/lib/auth";
import Link from "next/link";
import { getTwoFactorPolicy } from "@/lib/settings/two-factor-policy";
import { twoFactorStatus } from "@/lib/auth/two-factor";
import { POLICY_LABEL } from "@/lib/settings/rules";
import { TwoFactorPolicyForm } from "@/components/settings/two-factor-policy-form";
import { DistrictSettingsForm } from "@/components/settings/district-form";
import { getDistrictSettings } from "@/lib/settings/district";
import { SETUP_DEFAULTS, SUBJECT_AREAS } from "@/lib/setup/schema";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { districtTimeZone, formatMoment } from "@/lib/calendar";
import { getLandingSettings } from "@/lib/imports/landing/settings";
import { LandingSettingsForm } from "@/components/settings/landing-form";
import { listProviderOverdue } from "@/lib/settings/provider-overdue";
import { ProviderOverdueForm } from "@/components/settings/provider-overdue-form";
import { getRigorPolicies } from "@/lib/settings/rigor";
import { RigorForm } from "@/components/settings/rigor-form";
import { PROGRAM_TYPE_LABEL } from "@/lib/labels";
import { getProficientLevels } from "@/lib/settings/proficient-levels";
import { ProficientLevelsForm } from "@/components/settings/proficient-levels-form";

export const metadata: Metadata = { title: "District settings" };

const HINT = {
  OPTIONAL: "Anyone may turn it on for their own account.",
  ADMINISTRATORS: "School and district administrators must set it up before they can use CreditTrack; counselors may.",
  ALL_STAFF: "Everyone who signs in with a password must set it up before they can use CreditTrack.",
} as const;

export default async function SettingsPage() {
  const viewer = await getViewer();
  await requirePage(viewer, "settings.manage", "/settings");
  const [policy, ownTwoFactor, district, landing, providers, rigor, proficientLevels] = await Promise.all([
    getTwoFactorPolicy(),
    twoFactorStatus(viewer),
    getDistrictSettings(),
    getLandingSettings(),
    listProviderOverdue(viewer),
    getRigorPolicies(),
    getProficientLevels(),
  ]);
  const current = district ?? { districtName: "", totalCredits: SETUP_DEFAULTS.totalCredits, passingGrade: SETUP_DEFAULTS.passingGrade, requirements: SETUP_DEFAULTS.requirements };
  const requirements = SUBJECT_AREAS.map((area) => ({ area, label: SUBJECT_LABELS[area], value: current.requirements[area] }));
  const options = (["OPTIONAL", "ADMINISTRATORS", "ALL_STAFF"] as const).map((value) => ({ value, label: POLICY_LABEL[value], hint: HINT[value] }));
  return (
    <>
      <h1 className="text-2xl font-bold">District settings</h1>
      <section aria-labelledby="district-heading" className="mt-6">
        <h2 id="district-heading" className="text-lg font-semibold">
          District and diploma requirements
        </h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
          Set at the first run; every student&apos;s graduation audit reads them. Time zone: <strong>{districtTimeZone()}</strong> (the server&apos;s{" "}
          <code>DISTRICT_TIME_ZONE</code>; change it there and restart the server).
        </p>
        <DistrictSettingsForm current={current} requirements={requirements} />
      </section>
      <section aria-labelledby="rigor-heading" className="mt-6">
        <h2 id="rigor-heading" className="text-lg font-semibold">
          Rigor guardrails
        </h2>
        <div className="mb-3 mt-1 max-w-3xl space-y-2 text-sm text-slate-600">
          <p>
            How an online course&apos;s credit is earned, per program type; a course may set its own limits. Leave a limit blank for none. At completion, CreditTrack checks: the{" "}
            <strong>minimum days enrolled</strong>, from the start date to the completion date; the <strong>minimum active minutes per credit</strong>, only when time on task was
            imported for the enrollment; a <strong>proctored summative</strong>, meaning every summative needs a proctored attempt at mastery; and the{" "}
            <strong>most attempts</strong> on any one assessment.
          </p>
          <p>
            When enrolling, it checks the <strong>most active courses</strong> of the type one student may have (over it, the enrollment is refused, or, set to warn, made with the
            warning in its confirmation and the audit log), and shows the <strong>priority grades</strong> and note (e.g. seniors first). At completion a broken guardrail refuses
            credit with the reason, or, set to warn, lets an administrator award it with a written reason, kept on the enrollment and audited.
          </p>
        </div>
        <RigorForm rows={rigor.map((r) => ({ ...r, label: PROGRAM_TYPE_LABEL[r.programType] }))} />
      </section>
      <section aria-labelledby="proficient-heading" className="mt-6">
        <h2 id="proficient-heading" className="text-lg font-semibold">
          State test proficiency
        </h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
          The program quality report sets online completers&apos; pass rate beside their state test results. A result counts as proficient when its file says so; when the file
          gives only a level, it counts when its level is one of these.
        </p>
        <ProficientLevelsForm levels={proficientLevels} />
      </section>
      <section aria-labelledby="landing-heading" className="mt-6">
        <h2 id="landing-heading" className="text-lg font-semibold">
          Scheduled imports (landing folder)
        </h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
          Vendors and the SIS drop their files into a folder on the server; CreditTrack imports each new one on schedule, as the Imports page would, and files it under{" "}
          <code>processed/</code> or <code>failed/</code> with its report. Administrators see a warning on every page when the roster or a provider&apos;s results are overdue.
        </p>
        <LandingSettingsForm current={landing} />
      </section>
      <section aria-labelledby="overdue-heading" className="mt-6">
        <h2 id="overdue-heading" className="text-lg font-semibold">
          Overdue provider results
        </h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
          After how many days without new results each provider counts as overdue (1–365). Leave a provider blank to use the district default above ({landing.staleAfterDays}{" "}
          {landing.staleAfterDays === 1 ? "day" : "days"}); a provider that sends weekly files needs more than one that sends them daily.
        </p>
        {providers.length === 0 ? (
          <p className="text-sm">No providers yet: load the catalog on the Imports page first.</p>
        ) : (
          <ProviderOverdueForm
            districtDays={landing.staleAfterDays}
            providers={providers.map((p) => ({
              id: p.id,
              code: p.code,
              name: p.name,
              staleAfterDays: p.staleAfterDays,
              lastResults: p.resultsAsOf ? formatMoment(p.resultsAsOf) : null,
            }))}
          />
        )}
      </section>
      <section aria-labelledby="two-factor-heading" className="mt-6">
        <h2 id="two-factor-heading" className="text-lg font-semibold">
          Two-factor sign-in
        </h2>
        <p className="mb-3 mt-1 max-w-3xl text-sm text-slate-600">
          Applies to staff who sign in with a password. Staff who sign in through Microsoft or Google single sign-on rely on that provider&apos;s second factor. A user who must and
          has not set it up is taken to the set-up page at their next click; nobody is signed out.
        </p>
        {!ownTwoFactor.enabled && !ownTwoFactor.ssoOnly && (
          <p role="note" className="mb-3 max-w-3xl rounded border border-amber-300 bg-amber-50 p-3 text-sm">
            You have not set up two-factor sign-in yourself. A rule that requires it for administrators takes you to the{" "}
            <Link href="/account/security" className="font-semibold underline">
              set-up page
            </Link>{" "}
            at your next click, and Settings stays closed to you until you have set it up.
          </p>
        )}
        <TwoFactorPolicyForm current={policy} options={options} />
      </section>
    </>
  );
}
