import { z } from "zod";

// District settings form (district administrators).
export const twoFactorPolicySchema = z.object({
  policy: z.enum(["OPTIONAL", "ADMINISTRATORS", "ALL_STAFF"], { error: "Choose who must use two-factor sign-in" }),
});
export type TwoFactorPolicyInput = z.output<typeof twoFactorPolicySchema>;

// Each provider's own overdue threshold (lib/settings/provider-overdue.ts): one field per provider,
// `staleAfterDays.<providerId>`; blank = the district's staleAfterDays.
/** The form's field name for one provider. */
export const providerDaysField = (providerId: string) => `staleAfterDays.${providerId}`;
const PREFIX = providerDaysField("");
export const PROVIDER_DAYS_MAX = 365;

/** One provider's value: blank → null (the district's), else a whole number of days 1–365. */
export const providerDaysValue = z.string({ error: "Enter the days once" }).transform((raw, ctx) => {
  const v = raw.trim();
  if (v === "") return null;
  if (!/^\d{1,6}$/.test(v)) {
    ctx.addIssue({ code: "custom", message: "Enter a whole number of days, or leave it blank to use the district default" });
    return z.NEVER;
  }
  const n = Number(v);
  if (n < 1 || n > PROVIDER_DAYS_MAX) {
    ctx.addIssue({ code: "custom", message: `Enter between 1 and ${PROVIDER_DAYS_MAX} days, or leave it blank to use the district default` });
    return z.NEVER;
  }
  return n;
});

export type ProviderDays = { providerId: string; staleAfterDays: number | null };

/** The form's fields → one entry per provider field; each bad value is an error on its own field. */
export const providerOverdueSchema = z.record(z.string(), z.unknown()).transform((fields, ctx): ProviderDays[] => {
  const out: ProviderDays[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (!name.startsWith(PREFIX)) continue;
    const r = providerDaysValue.safeParse(value);
    if (r.success) out.push({ providerId: name.slice(PREFIX.length), staleAfterDays: r.data });
    else ctx.addIssue({ code: "custom", path: [name], message: r.error.issues[0]!.message });
  }
  if (out.length > 1000) ctx.addIssue({ code: "custom", message: "Too many providers in one form" });
  return out;
});
