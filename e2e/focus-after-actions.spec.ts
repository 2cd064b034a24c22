import type { Locator, Page } from "@playwright/test";
import { test, expect, useSession } from "./fixtures";

// Issue 16: "After every action (enroll, complete, add note, change status, deactivate) focus moves
// to the confirmation message or the changed item and a message says what happened". Each action is
// driven from the keyboard (focus, type, Enter) and the test reads document.activeElement: its role
// and its words. A form that is gone after its action (a completed or ended course) confirms in the
// page's slot under "Online courses" (components/ui/focus-message.tsx). Also: a student who left
// is re-engaged from the status form in the Re-engagement list's words, and the outreach logged
// meanwhile shows in the family contact log, marked "Outreach".
// Uses counselor Murphy's caseload (Harbor View; no other spec reads it) and a new staff account.

const MURPHY = "counselor.murphy@demo.credittrack.test";
const ADMIN = "district.admin@demo.credittrack.test";

/** What has focus: its role and its text. */
const focused = (page: Page) =>
  page.evaluate(() => ({ role: document.activeElement?.getAttribute("role") ?? document.activeElement?.tagName ?? "", text: document.activeElement?.textContent?.trim() ?? "" }));

async function press(page: Page, target: Locator, key = "Enter") {
  await target.focus();
  await page.keyboard.press(key);
}

async function type(page: Page, target: Locator, text: string) {
  await target.focus();
  await page.keyboard.type(text);
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Chooses the catalog course at `index` by typing its title into the focused select; returns its title and provider. */
async function chooseCourse(page: Page, form: Locator, index: number) {
  const select = form.getByLabel("Course");
  const label = await select.locator("option").nth(index).innerText();
  await type(page, select, label.slice(0, 12));
  await expect(select.locator("option:checked")).toHaveText(label);
  // The option reads "Title (Provider, 1 credit, 15 wk)"; a title may hold parentheses itself.
  const [, title, provider] = label.match(/^(.*) \(([^,]+), [^,]+, \d+ wk\)$/)!;
  return { title, provider };
}

test("enroll, record, complete, end, note and status changes each move focus to what happened", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await useSession(page, MURPHY);
  await page.goto("/caseload?sort=name");
  const rows = page.getByRole("table").locator("tbody th[scope=row] a");
  await expect(rows.first()).toBeVisible();
  const href = (await rows.first().getAttribute("href"))!;
  await page.goto(href);

  // Enroll (the catalog form stays: it confirms itself).
  await press(page, page.locator("summary").filter({ hasText: "Enroll in another catalog course" }));
  const enroll = page.getByRole("form", { name: "Enroll in a catalog course" });
  const a = await chooseCourse(page, enroll, 1);
  await press(page, enroll.getByRole("button", { name: "Enroll" }));
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: `Enrolled in ${a.title} (${a.provider}).` });

  // Record full marks on every assessment: progress 100%, and credit can be awarded.
  const cardA = page.getByRole("region", { name: new RegExp(`^${esc(a.title)} `) }).filter({ has: page.locator("summary", { hasText: "Record results" }) });
  await press(page, cardA.locator("summary").filter({ hasText: "Record results" }));
  const results = cardA.getByRole("form", { name: `Record results for ${a.title}` });
  const boxes = results.getByRole("textbox", { name: /score \(of / });
  await expect(boxes.first()).toBeVisible();
  for (let i = 0; i < (await boxes.count()); i++) {
    const max = (await results.locator(`label[for="${await boxes.nth(i).getAttribute("id")}"]`).innerText()).match(/of ([\d.]+)\)/)![1];
    await type(page, boxes.nth(i), max);
  }
  await press(page, results.getByRole("button", { name: "Save results" }));
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: "Saved. Progress is now 100%." });

  // Complete: the complete form goes away with the active course; the page says what happened.
  await press(page, cardA.getByRole("button", { name: /^Complete course and award/ }));
  await expect(cardA.getByRole("button", { name: /^Record final grade / })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect
    .poll(() => focused(page))
    .toMatchObject({ role: "status", text: expect.stringMatching(new RegExp(`^Completed ${esc(a.title)}: final grade 100 recorded, [\\d.]+ credits? awarded\\.$`)) });

  // Enroll in a second course and end it without credit: its forms go away too.
  const b = await chooseCourse(page, enroll, 2);
  await press(page, enroll.getByRole("button", { name: "Enroll" }));
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: `Enrolled in ${b.title} (${b.provider}).` });
  // The active one (the student may have taken the course before).
  const cardB = page.getByRole("region", { name: new RegExp(`^${esc(b.title)} `) }).filter({ has: page.locator("summary", { hasText: "Mark failed or withdrawn" }) });
  await press(page, cardB.locator("summary").filter({ hasText: "Mark failed or withdrawn" }));
  const end = cardB.getByRole("form", { name: `End ${b.title} without credit` });
  await type(page, end.getByLabel("Outcome"), "W");
  await type(page, end.getByLabel("Reason"), "Schedule conflict");
  await press(page, end.getByRole("button", { name: "End without credit" }));
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: `${b.title} ended without credit: withdrawn.` });

  // A refusal takes focus too (an empty note), then the note.
  const note = page.getByRole("form", { name: "Add a note" });
  await press(page, note.getByRole("button", { name: "Add note" }));
  await expect.poll(() => focused(page)).toEqual({ role: "alert", text: "Check the highlighted fields." });
  await type(page, note.getByLabel("Note", { exact: true }), "Talked about the spring schedule.");
  await press(page, note.getByRole("button", { name: "Add note" }));
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: "Note added." });

  // Change status: dropped out (the confirming button takes focus after the review).
  const status = page.getByRole("form", { name: "Change enrollment status" });
  await type(page, status.getByLabel("New status"), "D");
  await type(page, status.getByLabel("Reason"), "Working full time");
  await press(page, status.getByRole("button", { name: "Review status change" }));
  await expect(status.getByRole("button", { name: "Confirm status change" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: "Status changed to Dropped out." });

  // An outreach attempt from the Re-engagement list is in the student's family contact log, marked.
  await page.goto("/reengagement");
  const card = page.getByRole("listitem").filter({ has: page.locator(`a[href="${href}"]`) });
  await card
    .locator("summary")
    .filter({ hasText: /^Log outreach/ })
    .click();
  const outreach = card.getByRole("form", { name: /^Log outreach for / });
  await outreach.getByLabel("Method").selectOption("PHONE");
  await outreach.getByLabel("Outcome").selectOption("REACHED");
  await outreach.getByLabel("Summary").fill("Talked about the evening program.");
  await outreach.getByLabel("Next step").fill("Call back Monday");
  await press(page, outreach.getByRole("button", { name: "Log outreach attempt" }));
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: "Outreach attempt logged." });
  await page.goto(href);
  const log = page.getByRole("list", { name: "Family contacts, newest first" });
  await expect(log.getByRole("listitem").filter({ hasText: "Talked about the evening program." })).toContainText("Outreach");

  // Re-engage from the status form, in the Re-engagement list's words.
  const again = page.getByRole("form", { name: "Change enrollment status" });
  await expect(again.getByLabel("New status").locator("option")).toHaveText(["Choose…", "Re-engaged: enrolled again"]);
  await expect(again.getByText("They return to the caseload and the Today list")).toBeVisible();
  await type(page, again.getByLabel("New status"), "R");
  await press(page, again.getByRole("button", { name: "Review status change" }));
  // Murphy is still an active counselor of the school: the student stays on his caseload, by name.
  await expect(again.getByLabel("Counselor")).toHaveCount(0);
  await expect(again.getByRole("alertdialog")).toContainText("Re-engage");
  await expect(again.getByRole("alertdialog")).toContainText("on Sean Murphy's caseload and Today list");
  await page.keyboard.press("Enter");
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: "Re-engaged: enrolled again, on Sean Murphy's caseload and Today list." });
});

test("deactivating a staff account moves focus to the message naming them", async ({ page }) => {
  test.setTimeout(120_000);
  const tag = Date.now().toString(36);
  const name = `Jo Smith ${tag}`;
  await useSession(page, ADMIN);
  await page.goto("/users");
  await page.getByText("Add a user", { exact: true }).click();
  const add = page.getByRole("form", { name: "Add a user" });
  await type(page, add.getByLabel("Email"), `jo.smith.${tag}@demo.credittrack.test`);
  await type(page, add.getByLabel("Name"), name);
  await type(page, add.getByLabel("School"), "Harbor");
  await press(page, add.getByRole("button", { name: "Add user" }));
  await expect.poll(() => focused(page)).toMatchObject({ role: "status", text: expect.stringMatching(/^User added/) });

  await page
    .getByRole("row", { name: new RegExp(name) })
    .getByRole("link", { name })
    .click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await press(page, page.getByRole("button", { name: "Deactivate", exact: true }));
  await expect(page.getByRole("button", { name: "Yes, deactivate" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect.poll(() => focused(page)).toEqual({ role: "status", text: `Deactivated ${name}: they are signed out at once.` });
});
