// Signed-in API request contexts per caller of the matrix (the demo users' sessions saved by
// e2e/auth.setup.ts; the deactivated caller a counselor made here), and helpers to read ids out
// of server-rendered HTML.
import type { APIRequestContext, Browser, PlaywrightWorkerArgs } from "@playwright/test";
import { authFile, createStaff, signIn } from "../fixtures";
import type { Caller } from "./matrix";

const at = (local: string) => `${local}@demo.credittrack.test`;
export const EMAIL: Record<Exclude<Caller, "anonymous" | "deactivated">, string> = {
  counselorOwn: at("counselor.okafor"),
  counselorOther: at("counselor.delgado"),
  schoolAdminOwn: at("admin.riverside"),
  schoolAdminOther: at("admin.franklin"),
  districtAdmin: at("district.admin"),
};

/** The counselor deactivated mid-run: made by contexts() (a demo user's shared session would die). */
export const DEACTIVATED = { name: "", email: "" };

export async function contexts(browser: Browser, playwright: PlaywrightWorkerArgs["playwright"], baseURL: string): Promise<Record<Caller, APIRequestContext>> {
  const out = { anonymous: await playwright.request.newContext({ baseURL }) } as Record<Caller, APIRequestContext>;
  for (const [caller, email] of Object.entries(EMAIL) as [keyof typeof EMAIL, string][]) {
    out[caller] = await playwright.request.newContext({ baseURL, storageState: authFile(email) });
  }
  // A Harbor View counselor of this run's own, signed in through the form.
  const admin = await browser.newContext({ baseURL, storageState: authFile(EMAIL.districtAdmin) });
  const staff = await createStaff(await admin.newPage(), { school: "Harbor View High School", first: "Dee" });
  await admin.close();
  Object.assign(DEACTIVATED, { name: staff.name, email: staff.email });
  const ctx = await browser.newContext({ baseURL });
  await signIn(await ctx.newPage(), staff.email, staff.password);
  out.deactivated = await playwright.request.newContext({ baseURL, storageState: await ctx.storageState() });
  await ctx.close();
  return out;
}

/** Every distinct capture of `re` (global) in `html`. */
export function all(html: string, re: RegExp): string[] {
  return [...new Set([...html.matchAll(re)].map((m) => m[1]))];
}

export function one(html: string, re: RegExp, what: string): string {
  const m = html.match(re);
  if (!m) throw new Error(`could not find ${what}`);
  return m[1];
}
