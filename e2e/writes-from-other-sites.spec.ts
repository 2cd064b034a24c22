import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { test, expect, authFile } from "./fixtures";

// Writes from other sites and double submits, in Chromium against the production server; and a
// path with broken percent-encoding. Uses counselor Jackson (Franklin Park), whose notes no other
// spec counts.

const JACKSON = "counselor.jackson@demo.credittrack.test";

async function firstStudentHref(page: Page): Promise<string> {
  await page.goto("/caseload?sort=name");
  return (await page.getByRole("table").locator("tbody th[scope=row] a").first().getAttribute("href"))!;
}

/** A page served on another port of the same host: same site, another origin. */
async function attackerSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end(html));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

// Signed in once for the run (e2e/auth.setup.ts).
test.use({ storageState: authFile(JACKSON) });

test("a page on another port cannot add a note or a result as the signed-in counselor", async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const href = await firstStudentHref(page);
  const studentId = href.split("/").pop()!;
  const marker = `cross-site ${Date.now()}`;
  // The attack of the issue: text/plain holding JSON needs no CORS preflight, and the SameSite=Lax
  // session cookie goes along, since another port of the same host is the same site.
  const site = await attackerSite(`<!doctype html><script>
    fetch(${JSON.stringify(`${baseURL}/api/students/${studentId}/notes`)}, { method: "POST", mode: "no-cors", credentials: "include",
      headers: { "content-type": "text/plain" }, body: JSON.stringify({ kind: "OTHER", body: ${JSON.stringify(marker)} }) });
    fetch(${JSON.stringify(`${baseURL}/api/enrollments/nonexistent/results`)}, { method: "POST", mode: "no-cors", credentials: "include",
      headers: { "content-type": "text/plain" }, body: "{}" });
  </script>`);
  try {
    const answers: number[] = [];
    page.on("response", (r) => {
      if (r.url().startsWith(`${baseURL}/api/`)) answers.push(r.status());
    });
    await page.goto(site.url);
    await expect.poll(() => answers.length).toBe(2);
    expect(answers).toEqual([403, 403]);
  } finally {
    await site.close();
  }
  await page.goto(href);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText(marker)).toHaveCount(0);
});

test("submitting the note form twice in a row stores one note", async ({ page }) => {
  await page.goto(await firstStudentHref(page));
  const form = page.getByRole("form", { name: "Add a note" });
  const text = `double submit ${Date.now()}`;
  await form.getByLabel("Note", { exact: true }).fill(text);
  // Two submits before the first answer comes back (a double click, Enter pressed twice).
  await form.evaluate((f: HTMLFormElement) => {
    f.requestSubmit();
    f.requestSubmit();
  });
  await expect(form.getByRole("status")).toHaveText("Note added.");
  await page.reload();
  await expect(page.getByText(text, { exact: true })).toHaveCount(1);

  // The next note written in the same form is a note of its own.
  const second = `${text} (second)`;
  await form.getByLabel("Note", { exact: true }).fill(second);
  await form.getByRole("button", { name: "Add note" }).click();
  await expect(form.getByRole("status")).toHaveText("Note added.");
  await page.reload();
  await expect(page.getByText(second, { exact: true })).toHaveCount(1);
  await expect(page.getByText(text, { exact: true })).toHaveCount(1);
});

test("a path with broken percent-encoding is a 404, not a 500", async ({ page }) => {
  for (const path of ["/students/%ED%A0%80", "/students/%C0%AF/plan", "/students/%ZZ"]) {
    const res = await page.goto(path);
    expect(res!.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const bodies = {
    "/api/students/%ED%A0%80/notes": { kind: "OTHER", body: "x" },
    "/api/enrollments/%ED%A0%80/results": { version: 1, results: [{ assessmentId: "a", score: 50, takenOn: "2025-01-15" }] },
  };
  for (const [path, data] of Object.entries(bodies)) {
    const res = await page.request.post(path, { data });
    expect(res.status(), path).toBe(404);
    expect(await res.json()).toHaveProperty("error");
  }
});
