// Signed-in API request contexts per caller of the matrix (one browser sign-in each, then the
// browser's storage state reused), and helpers to read ids out of server-rendered HTML.
import type { APIRequestContext, Browser, PlaywrightWorkerArgs } from "@playwright/test";
import { signIn } from "../fixtures";
import type { Caller } from "./matrix";

const at = (local: string) => `${local}@demo.credittrack.test`;
export const EMAIL: Record<Exclude<Caller, "anonymous">, string> = {
  counselorOwn: at("counselor.okafor"),
  counselorOther: at("counselor.delgado"),
  schoolAdminOwn: at("admin.riverside"),
  schoolAdminOther: at("admin.franklin"),
  districtAdmin: at("district.admin"),
  // Used by no other spec: it is deactivated and reactivated here.
  deactivated: at("counselor.murphy"),
};

export async function contexts(browser: Browser, playwright: PlaywrightWorkerArgs["playwright"], baseURL: string): Promise<Record<Caller, APIRequestContext>> {
  const out = { anonymous: await playwright.request.newContext({ baseURL }) } as Record<Caller, APIRequestContext>;
  for (const [caller, email] of Object.entries(EMAIL) as [Exclude<Caller, "anonymous">, string][]) {
    const ctx = await browser.newContext({ baseURL });
    const page = await ctx.newPage();
    await signIn(page, email);
    out[caller] = await playwright.request.newContext({ baseURL, storageState: await ctx.storageState() });
    await ctx.close();
  }
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
