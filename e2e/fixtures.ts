import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { strToU8, zipSync } from "fflate";

// The e2e server seeds the deterministic demo district (prisma/seed); specs sign in as its users.
export { DEMO_PASSWORD, DEMO_LOGINS } from "../prisma/seed/demo-logins";
import { DEMO_PASSWORD } from "../prisma/seed/demo-logins";

/** Signs in through the sign-in form (sign-in specs, and users made by the spec itself). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 20_000 });
}

// Signed in once: e2e/auth.setup.ts signs each active demo user in through the form and saves the
// session here, one folder per server port (parallel runs on other ports have other databases,
// and cookies do not tell ports apart). A spec starts signed in with
// `test.use({ storageState: authFile(EMAIL) })`, or `useSession(page, EMAIL)` for a second user or
// a second browser. A spec that signs out, changes a password or 2FA, or deactivates someone must
// do it to a user of its own (createStaff): these sessions are shared by every spec of the run.
export const authDir = () => path.resolve("playwright/.auth", process.env.E2E_PORT ?? "default");
export const authFile = (email: string) => path.join(authDir(), `${email.split("@")[0]}.json`);

/** Signs `page`'s browser context in as a demo user with the session auth.setup.ts saved. */
export async function useSession(page: Page, email: string): Promise<void> {
  const state = JSON.parse(fs.readFileSync(authFile(email), "utf8")) as { cookies: Parameters<ReturnType<Page["context"]>["addCookies"]>[0] };
  await page.context().clearCookies();
  await page.context().addCookies(state.cookies);
}

export type Staff = { id: string; email: string; name: string; password: string };

/**
 * A new staff account with a password, made through the Users page by `admin` (a page signed in as
 * the district administrator): for specs that change a user or end its sessions, and for a
 * counselor whose caseload a spec moves or re-rosters, so no demo user is touched.
 */
export async function createStaff(admin: Page, opts: { role?: "COUNSELOR" | "SCHOOL_ADMIN"; school: string; first?: string }): Promise<Staff> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `${opts.first ?? "Casey"} Spec${tag}`;
  const email = `spec.${tag}@demo.credittrack.test`;
  const password = `tide pools and keys ${tag}`;
  await admin.goto("/users");
  await admin.getByText("Add a user", { exact: true }).click();
  const add = admin.getByRole("form", { name: "Add a user" });
  await add.getByLabel("Email").fill(email);
  await add.getByLabel("Name").fill(name);
  await add.getByLabel("Role").selectOption(opts.role ?? "COUNSELOR");
  await add.getByLabel("School").selectOption({ label: opts.school });
  await add.getByRole("button", { name: "Add user" }).click();
  await expect(add.getByRole("status")).toContainText("User added");
  await admin
    .getByRole("row", { name: new RegExp(name) })
    .getByRole("link", { name })
    .click();
  await admin.waitForURL(/\/users\/[^/?#]+$/);
  const id = new URL(admin.url()).pathname.split("/").pop()!;
  const set = admin.getByRole("form", { name: `Set a password for ${name}` });
  await set.getByLabel("New password", { exact: true }).fill(password);
  await set.getByLabel("New password again").fill(password);
  await set.getByRole("button", { name: "Set password" }).click();
  await expect(set.getByRole("status")).toContainText("Password set");
  return { id, email, name, password };
}

// A school holds one roster id (lib/imports/oneroster/plan.ts refuses a second for its state
// code), so every spec that rosters a demo school uses these (e.g. imports-oneroster, reengagement).
const ROSTER_ORG: Record<string, string> = { "00350505": "e2e-riverside", "00350512": "re-franklin", "00350530": "e2e-harbor" };

/**
 * Puts new students on `counselor`'s caseload by a OneRoster import through the imports API, as
 * `admin` (a page signed in as the district administrator): a spec's own students, to move, re-roster
 * or change without touching the demo's. Returns their names as the caseload shows them ("Family, Given").
 */
export async function rosterStudents(admin: Page, opts: { school: { name: string; stateCode: string }; counselor: Staff; students: number; baseURL: string }): Promise<string[]> {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const org = ROSTER_ORG[opts.school.stateCode];
  const [given, ...rest] = opts.counselor.name.split(" ");
  const kids = Array.from({ length: opts.students }, (_, i) => ({
    id: `spec-${tag}-${i}`,
    given: ["Ada", "Bo", "Cy", "Di", "Ed", "Flo"][i % 6],
    family: `Roster${tag}${String.fromCharCode(97 + i)}`,
  }));
  const csv = (head: string, rows: string[]) => [head, ...rows].join("\r\n") + "\r\n";
  const files: Record<string, string> = {
    "manifest.csv": csv("propertyName,value", [
      "manifest.version,1.0",
      "oneroster.version,1.1",
      ...["orgs", "users", "demographics", "classes", "courses", "enrollments", "academicSessions"].map((f) => `file.${f},bulk`),
    ]),
    "orgs.csv": csv("sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId", [`${org},,,${opts.school.name},school,${opts.school.stateCode},`]),
    "academicSessions.csv": csv("sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear", [
      `spec-y,,,2025-2026,schoolYear,2025-07-01,2026-06-30,,2026`,
    ]),
    "courses.csv": csv("sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes", [
      `spec-couns-${tag},,,spec-y,Counseling,CN-${tag},,${org},,`,
    ]),
    "classes.csv": csv("sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods", [
      `spec-sec-${tag},,,Caseload ${tag},,spec-couns-${tag},COUNSEL-${tag},homeroom,,${org},spec-y,,,`,
    ]),
    "users.csv": csv(
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password,metadata.credittrack.role",
      [
        `spec-c-${tag},,,true,${org},administrator,c${tag},,${given},${rest.join(" ")},,,${opts.counselor.email},,,,,,counselor`,
        ...kids.map((k, i) => `${k.id},,,true,${org},student,s${i}${tag},,${k.given},${k.family},,S${tag.toUpperCase()}${i},,,,,10,,`),
      ],
    ),
    "demographics.csv": csv(
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity",
      kids.map((k) => `${k.id},,,2010-03-04,female,false,false,false,false,true,false,false`),
    ),
    "enrollments.csv": csv("sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate", [
      `spec-e-${tag}-c,,,spec-sec-${tag},${org},spec-c-${tag},administrator,true,,`,
      ...kids.map((k, i) => `spec-e-${tag}-${i},,,spec-sec-${tag},${org},${k.id},student,false,,`),
    ]),
  };
  const zip = Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [`oneroster/${n}`, strToU8(t)]))));
  const r = await admin.request.post(`/api/imports?kind=oneroster&name=spec-${tag}.zip`, {
    data: zip,
    headers: { "content-type": "application/octet-stream", Origin: new URL(opts.baseURL).origin },
  });
  const text = await r.text();
  expect(r.status(), text).toBe(200);
  expect(text, text).toContain('"status":"succeeded"');
  return kids.map((k) => `${k.family}, ${k.given}`);
}

/** axe-core scan of the current page: returns the violations (expect it to equal []). */
export async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
}

export const test = base;
export { expect };
