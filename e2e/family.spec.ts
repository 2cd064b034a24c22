import { test, expect, authFile, axeViolations } from "./fixtures";

// A counselor's family work on one student (issue 16): add a guardian who needs a Spanish
// interpreter, log a phone call that left a message (the contact form with the keyboard only),
// write a restricted note, open the family letter in Spanish; axe clean, and at 390 px the
// student page and the letter fit the width. Counselor Silva (Harbor View): no other spec uses her.

const SILVA = "counselor.silva@demo.credittrack.test";

async function fitsWidth(page: import("@playwright/test").Page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile(SILVA) });

test("a counselor adds a guardian, logs a call, writes a restricted note and prints the letter in Spanish", async ({ page }) => {
  test.setTimeout(180_000);
  const tag = Date.now().toString(36);
  const guardian = `Rosa Prueba ${tag}`;
  await page.goto("/caseload?sort=name");
  const href = (await page.locator('main a[href^="/students/"]').first().getAttribute("href"))!;
  await page.goto(href);

  // A guardian who needs a Spanish interpreter.
  await page.getByText("Add a guardian", { exact: true }).click();
  const add = page.getByRole("form", { name: "Add a guardian" });
  await add.getByLabel("Name").fill(guardian);
  await add.getByLabel("Relationship").selectOption("MOTHER");
  await add.getByLabel("Phone").fill("617-555-0142");
  await add.getByLabel("Preferred language").selectOption("es");
  await add.getByLabel("Needs an interpreter").check();
  await add.getByRole("button", { name: "Add guardian" }).click();
  await expect(add.getByRole("status")).toHaveText(`Guardian ${guardian} added.`);
  const card = page.getByRole("listitem").filter({ hasText: guardian }).first();
  // The flag is in words, before the phone number.
  await expect(card.getByRole("list", { name: `Before contacting ${guardian}` })).toHaveText("Needs an interpreter (Spanish)");
  const text = await card.innerText();
  expect(text.indexOf("Needs an interpreter (Spanish)")).toBeLessThan(text.indexOf("617-555-0142"));

  // A phone call that left a message, with the keyboard only: each field is reached with Tab and
  // filled by typing (a native select picks the option whose label starts with what is typed).
  const contact = page.getByRole("form", { name: "Log a family contact" });
  await contact.getByLabel("With a guardian").focus();
  await page.keyboard.type(guardian);
  await expect(contact.getByLabel("With a guardian")).toHaveValue(/.+/);
  await page.keyboard.press("Tab"); // "Or with whom": left empty
  await page.keyboard.press("Tab");
  await expect(contact.getByLabel("How")).toBeFocused();
  await page.keyboard.type("Phone");
  await page.keyboard.press("Tab");
  await expect(contact.getByLabel("Outcome")).toBeFocused();
  await page.keyboard.type("Left");
  await expect(contact.getByLabel("How")).toHaveValue("PHONE");
  await expect(contact.getByLabel("Outcome")).toHaveValue("LEFT_MESSAGE");
  // The day keeps its default (today): Shift+Tab back from the summary is not needed; go to it.
  await contact.getByLabel("Summary").focus();
  await page.keyboard.type(`Left a message about the Algebra course ${tag}.`);
  await page.keyboard.press("Tab");
  await page.keyboard.type("Call back on Friday.");
  await page.keyboard.press("Tab"); // "The family contacted us"
  await page.keyboard.press("Tab");
  await expect(contact.getByRole("button", { name: "Log contact" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(contact.getByRole("status")).toHaveText("Contact logged.");
  // Focus moved to the confirmation.
  await expect(page.locator(":focus")).toContainText("Contact logged.");
  const logged = page.getByRole("list", { name: "Family contacts, newest first" }).getByRole("listitem").filter({ hasText: tag }).first();
  await expect(logged).toContainText(`${guardian} · Phone call · Left a message`);
  await expect(logged).toContainText("Call back on Friday.");

  // A restricted note.
  const note = page.getByRole("form", { name: "Add a note" });
  await note.getByLabel("Note", { exact: true }).fill(`Restricted ${tag}: family matter.`);
  await note.getByLabel(/^Restricted \(visible only to me/).check();
  await note.getByRole("button", { name: "Add note" }).click();
  await expect(note.getByRole("status")).toHaveText("Note added.");
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: `Restricted ${tag}` })
      .first(),
  ).toContainText("Restricted ·");

  expect(await axeViolations(page)).toEqual([]);

  // The family letter, in Spanish.
  await page.getByRole("link", { name: "Family progress letter" }).click();
  await page.getByRole("navigation", { name: "Language of the letter" }).getByRole("link", { name: "Español" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Carta de progreso: /);
  await expect(page.locator("article[lang=es]")).toContainText("Próximos pasos");
  await expect(page.locator("article[lang=es]")).toContainText("Créditos obtenidos:");
  expect(await axeViolations(page)).toEqual([]);

  // 390 px: no sideways scrolling on the letter or the student page.
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await fitsWidth(page)).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  await page.goto(href);
  expect(await fitsWidth(page)).toBe(true);
});
