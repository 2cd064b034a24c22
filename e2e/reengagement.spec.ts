import { zipSync, strToU8 } from "fflate";
import type { Page } from "@playwright/test";
import { test, expect, useSession, axeViolations } from "./fixtures";
import { districtDay } from "../lib/calendar";

// A district administrator's re-engagement journey: a student who dropped out today (made by this
// spec through the imports API: a OneRoster roster with one Franklin Park student, then a status
// events file) is on the Re-engagement list; the admin logs an outreach attempt, re-engages the
// student with counselor Brennan (used by no other spec), and the student is then on Brennan's
// caseload. axe-clean at 1440 px and 390 px, and nothing scrolls sideways on a phone.

const run = Date.now().toString(36);
const family = `Aabergreen${run}`;
const sis = `RE${run}`.toUpperCase();
const name = `${family}, Noor`;
const BRENNAN = "counselor.brennan@demo.credittrack.test";

/** A OneRoster set of Franklin Park students (`n`: their numbers, SIS id `${sis}${n}` past the first), none with a counselor. */
function roster(ns: number[] = [1]): Buffer {
  const id = (n: number) => (n === 1 ? sis : `${sis}${n}`);
  const files: Record<string, string> = {
    "manifest.csv":
      "propertyName,value\r\nmanifest.version,1.0\r\noneroster.version,1.1\r\nfile.orgs,bulk\r\nfile.users,bulk\r\nfile.demographics,bulk\r\nfile.classes,bulk\r\nfile.courses,bulk\r\nfile.enrollments,bulk\r\nfile.academicSessions,bulk\r\n",
    "orgs.csv": "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\r\nre-franklin,,,Franklin Park Academy,school,00350512,\r\n",
    "academicSessions.csv":
      "sourcedId,status,dateLastModified,title,type,startDate,endDate,parentSourcedId,schoolYear\r\nre-y,,,2025-2026,schoolYear,2025-07-01,2026-06-30,,2026\r\n",
    "courses.csv":
      "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\r\nre-hr,,,re-y,Homeroom,HR1,,re-franklin,,\r\n",
    "classes.csv": `sourcedId,status,dateLastModified,title,grades,courseSourcedId,classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\r\nre-${run},,,Homeroom ${run},,re-hr,HR-${run},homeroom,,re-franklin,re-y,,,\r\n`,
    "users.csv":
      "sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password\r\n" +
      ns.map((n) => `re-${run}-${n},,,true,re-franklin,student,n${n},,Noor,${family},,${id(n)},,,,,11,\r\n`).join(""),
    "demographics.csv":
      "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity\r\n" +
      ns.map((n) => `re-${run}-${n},,,2009-04-05,female,false,false,true,false,false,false,false\r\n`).join(""),
    "enrollments.csv": `sourcedId,status,dateLastModified,classSourcedId,schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\r\n${ns.map((n) => `re-${run}-e${n},,,re-${run},re-franklin,re-${run}-${n},student,false,,\r\n`).join("")}`,
  };
  return Buffer.from(zipSync(Object.fromEntries(Object.entries(files).map(([n, t]) => [`oneroster/${n}`, strToU8(t)]))));
}

async function importFile(page: Page, kind: string, fileName: string, body: Buffer | string, origin: string) {
  const r = await page.request.post(`/api/imports?kind=${kind}&name=${fileName}`, { data: body, headers: { "content-type": "application/octet-stream", Origin: origin } });
  const text = await r.text();
  expect(r.status(), text).toBe(200);
  expect(text, text).toContain('"type":"done"');
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("a district admin logs outreach for a student who left and re-engages them onto a counselor's caseload", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const today = districtDay().toISOString().slice(0, 10);
  await useSession(page, "district.admin@demo.credittrack.test");
  await importFile(page, "oneroster", `reengage-${run}.zip`, roster(), origin);
  await importFile(page, "students", `reengage-events-${run}.csv`, `sis_id,event,date,reason\r\n${sis},dropped_out,${today},Working full time\r\n`, origin);

  // Dropped out today: the most recent exit, so first on the list (ties by name; "Aab…" sorts early).
  await page.goto("/reengagement");
  await expect(page.getByRole("heading", { name: "Re-engagement: students who left", level: 1 })).toBeVisible();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name }) });
  await expect(card).toContainText(sis);
  await expect(card).toContainText("Dropped out");
  await expect(card).toContainText("Franklin Park Academy");
  await expect(card).toContainText("None recorded");
  expect(await axeViolations(page)).toEqual([]);

  // Log an outreach attempt.
  await card
    .locator("summary")
    .filter({ hasText: /^Log outreach/ })
    .click();
  const outreach = card.getByRole("form", { name: `Log outreach for ${name}` });
  await outreach.getByRole("button", { name: "Log outreach attempt" }).click();
  await expect(outreach.getByText("Choose how")).toBeVisible();
  await outreach.getByLabel("Method").selectOption("PHONE");
  await outreach.getByLabel("Outcome").selectOption("REACHED");
  await outreach.getByLabel("Summary").fill("Talked about the evening program; interested.");
  await outreach.getByLabel("Next step").fill("Visit with a parent next week");
  await outreach.getByRole("button", { name: "Log outreach attempt" }).click();
  const logged = outreach.getByRole("status").filter({ hasText: "Outreach attempt logged." });
  await expect(logged).toBeFocused();
  await expect(card.getByText(/\(outreach: Reached\)/)).toBeVisible();

  // Re-engage with counselor Brennan, in two steps.
  await card
    .locator("summary")
    .filter({ hasText: /^Re-engage/ })
    .click();
  const reengage = card.getByRole("form", { name: `Re-engage ${name}` });
  await reengage.getByLabel("Counselor").selectOption({ label: "Kathleen Brennan" });
  await reengage.getByRole("button", { name: "Review re-engagement" }).click();
  await reengage.getByRole("button", { name: "Confirm re-engagement" }).click();
  const done = card.getByRole("status").filter({ hasText: "Re-engaged: enrolled again and on Kathleen Brennan's caseload." });
  await expect(done).toBeFocused();

  // At 390 px: cards that fit the width, axe clean. The student has left the list.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/reengagement");
  await expect(page.getByRole("link", { name })).toHaveCount(0);
  expect(await noSidewaysScroll(page)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);

  // Back on a caseload: Brennan's.
  const brennan = await (await browser.newContext()).newPage();
  await useSession(brennan, BRENNAN);
  await brennan.goto(`/caseload?q=${sis}`);
  await expect(brennan.getByText("Showing 1–1 of 1 students")).toBeVisible();
  await expect(brennan.getByRole("link", { name: new RegExp(family) }).first()).toBeVisible();
  await brennan.context().close();
});

test("a counselor sees only their caseload's students who left, and no summary", async ({ page }) => {
  await useSession(page, BRENNAN);
  await page.goto("/reengagement");
  await expect(page.getByRole("heading", { name: "Re-engagement: students who left", level: 1 })).toBeVisible();
  await expect(page.getByText("Your caseload's students.", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Re-engaged and later graduated/ })).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test("the student page's status form: no re-engagement after a documented transfer; otherwise it asks for a counselor the student lacks", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const origin = new URL(baseURL!).origin;
  const today = districtDay().toISOString().slice(0, 10);
  await useSession(page, "district.admin@demo.credittrack.test");
  await importFile(page, "oneroster", `reengage-form-${run}.zip`, roster([2, 3]), origin);
  await importFile(
    page,
    "students",
    `reengage-form-events-${run}.csv`,
    `sis_id,event,date,documented,reason\r\n${sis}2,dropped_out,${today},,Moved away\r\n${sis}3,transferred_out,${today},yes,\r\n`,
    origin,
  );
  const open = async (id: string, status: string) => {
    await page.goto(`/caseload?q=${id}&status=${status}`);
    await page.getByRole("table").locator("tbody th[scope=row] a").first().click();
    return page.getByRole("heading", { name: "Change status" }).locator("..");
  };

  // A documented transfer: enrolled elsewhere, so no change applies, and the form says why.
  const documented = await open(`${sis}3`, "TRANSFERRED_OUT");
  await expect(documented.getByText("No status change applies: the transfer out is documented")).toBeVisible();
  await expect(documented.getByRole("form", { name: "Change enrollment status" })).toHaveCount(0);

  // Dropped out, with no counselor: re-engaging asks for one of the school's active counselors.
  const section = await open(`${sis}2`, "DROPPED_OUT");
  const form = section.getByRole("form", { name: "Change enrollment status" });
  await form.getByLabel("New status").selectOption("REENGAGED");
  await form.getByRole("button", { name: "Review status change" }).click();
  await form.getByRole("button", { name: "Confirm status change" }).click();
  // The message (focused) and the field's own error both say it.
  await expect(form.getByRole("alert")).toHaveText("Choose a counselor: the student has no active counselor at the school");
  await expect(form.getByLabel("Counselor")).toHaveAccessibleDescription(/Choose a counselor: the student has no active counselor at the school/);
  await form.getByLabel("New status").selectOption("REENGAGED");
  await form.getByLabel("Counselor").selectOption({ label: "Kathleen Brennan" });
  await form.getByRole("button", { name: "Review status change" }).click();
  await expect(form.getByRole("alertdialog")).toContainText("on Kathleen Brennan's caseload and Today list");
  await form.getByRole("button", { name: "Confirm status change" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Re-engaged: enrolled again, on Kathleen Brennan's caseload and Today list." })).toBeFocused();
});
