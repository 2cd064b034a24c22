import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test, expect, useSession, axeViolations } from "./fixtures";

// Scheduled imports (issue #15): a district administrator sets the landing folder on Settings; a
// provider progress file dropped there is imported on schedule (scripts/e2e-server.mjs sets a 2 s
// interval), filed under processed/ with its report, and the enrollment it touched shows on the
// student page the date its data is as of. The file re-sends a Harbor View student's own results
// (from counselor Silva's export), so nothing but the "as of" date changes.

const folder = path.join(os.tmpdir(), `ct-e2e-landing-${process.env.E2E_PORT ?? "3100"}`);
const run = Date.now().toString(36);
const today = new Intl.DateTimeFormat("en-US", { timeZone: process.env.DISTRICT_TIME_ZONE || "America/New_York", year: "numeric", month: "short", day: "numeric" }).format(
  new Date(),
);

/** The CSV fields of one line (the export quotes only what needs it). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') ((cur += '"'), i++);
      else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (out.push(cur), (cur = ""));
    else cur += c;
  }
  out.push(cur);
  return out;
}

test("a provider file dropped in the landing folder is imported on schedule; the student page shows its as-of date", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await useSession(page, "district.admin@demo.credittrack.test");
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Landing folder and overdue imports" });
  await form.getByLabel("Landing folder (a path on the server)").fill(folder);
  await form.getByRole("button", { name: "Save landing folder" }).click();
  await expect(form.getByText(`Saved. The server looks at ${folder} every 15 minutes.`)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
  // A folder the server cannot see is refused on its field.
  await form.getByLabel("Landing folder (a path on the server)").fill(`${folder}-missing`);
  await form.getByRole("button", { name: "Save landing folder" }).click();
  await expect(form.getByText(/must be inside|cannot see/)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Landing folder (a path on the server)")).toHaveValue(folder);

  // One active enrollment of a Harbor View student with results, as the counselor's export gives it.
  const counselor = await browser.newContext();
  const cp = await counselor.newPage();
  await useSession(cp, "counselor.silva@demo.credittrack.test");
  const csv = await (await cp.request.get("/api/exports/enrollments")).text();
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const cols = fields(header!);
  const at = (f: string[], c: string) => f[cols.indexOf(c)]!;
  const rows = lines.map(fields).filter((f) => at(f, "enrollment_status") === "ACTIVE" && at(f, "score") !== "");
  expect(rows.length).toBeGreaterThan(0);
  const key = (f: string[]) => `${at(f, "student_id")}|${at(f, "course_code")}`;
  const mine = rows.filter((f) => key(f) === key(rows[0]!));
  const body =
    [
      cols.slice(0, cols.indexOf("assessment_title")).join(","),
      ...mine.map((f) =>
        f
          .slice(0, cols.indexOf("assessment_title"))
          .map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v))
          .join(","),
      ),
    ].join("\n") + "\n";
  // Written under a dot-name and renamed: the folder never shows a half-written file by its real name.
  fs.writeFileSync(path.join(folder, `.progress-${run}.tmp`), body);
  fs.renameSync(path.join(folder, `.progress-${run}.tmp`), path.join(folder, `progress-${run}.csv`));

  await expect.poll(() => fs.existsSync(path.join(folder, `progress-${run}.csv`)), { timeout: 20_000 }).toBe(false);
  const filed = fs.readdirSync(path.join(folder, "processed")).find((n) => n.endsWith(`_progress-${run}.csv`));
  expect(filed, `processed/ holds ${fs.readdirSync(path.join(folder, "processed")).join(", ")}`).toBeTruthy();
  const report = JSON.parse(fs.readFileSync(path.join(folder, "processed", `${filed}.report.json`), "utf8"));
  expect(report).toMatchObject({ status: "imported", kind: "progress", report: { status: "succeeded", errorTotal: 0 } });

  // The Imports page says who ran it.
  await page.goto("/imports");
  await expect(
    page
      .getByRole("table", { name: "Import runs, newest first" })
      .getByRole("row")
      .filter({ hasText: `progress-${run}.csv` }),
  ).toContainText("landing folder");
  await expect(page.getByText(`The server looks at ${folder} every 2 seconds`)).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);

  // The student page: the enrollment's provider data is as of today.
  await cp.goto(`/caseload?q=${encodeURIComponent(at(mine[0]!, "student_id"))}`);
  // The caseload names students "Last, First"; the SIS id finds exactly one.
  const [first, ...rest] = at(mine[0]!, "student_name").split(" ");
  await cp.getByRole("link", { name: `${rest.join(" ")}, ${first}` }).click();
  await cp.waitForURL(/\/students\//, { timeout: 30_000 });
  const card = cp.getByRole("region", { name: new RegExp(`^${at(mine[0]!, "course_title").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) });
  await expect(card.getByTestId("data-as-of")).toHaveText(today);
  await counselor.close();
});
