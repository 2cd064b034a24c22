import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { test, expect, authFile, useSession } from "./fixtures";
import { ACTIONS, CALLERS, MATRIX_SIZE, PAGES, ROUTES, type Caller } from "./access/matrix";
import { all, contexts, DEACTIVATED, EMAIL, one } from "./access/callers";
import { POLICY, refusalOf, type Action } from "../lib/access/policy";

/** Every wording of a refusal: the default and each policy rule's own (lib/access/policy.ts). */
const REFUSALS = [...new Set((Object.keys(POLICY) as Action[]).map(refusalOf))];

// The authorization matrix (e2e/access/matrix.ts): every page, API route and server action × the
// seven callers, against the production build and the demo district. Ids are discovered as a user
// would find them (caseload links, hidden form fields, overview links). A counselor made for the
// run (e2e/access/callers.ts) is deactivated from the district admin's staff page mid-run and
// their still-valid cookie replayed against every entry, then reactivated.

test.describe.configure({ mode: "serial" });

let ctx: Record<Caller, APIRequestContext>;
let origin = "";
const ids = { student: "", name: "", sis: "", enrollment: "", assessment: "", note: "", school: "", importRun: "", counselor: "", plan: "" };

const fill = (s: string) => s.replace(/\{(\w+)\}/g, (_, k: keyof typeof ids) => ids[k]);
const html = async (c: APIRequestContext, url: string) => {
  const r = await c.get(url);
  expect(r.status(), url).toBe(200);
  return r.text();
};

async function pageOutcome(r: APIResponse): Promise<string> {
  const s = r.status();
  if (s >= 300 && s < 400) {
    const to = new URL(r.headers()["location"] ?? "", "http://x").pathname;
    return to === "/signin" ? "signIn" : to === "/today" || to === "/admin" ? "home" : `redirect ${to}`;
  }
  return s === 200 ? "ok" : s === 404 ? "notFound" : `status ${s}`;
}

test.beforeAll(async ({ browser, playwright, baseURL }) => {
  test.setTimeout(180_000);
  origin = new URL(baseURL!).origin;
  ctx = await contexts(browser, playwright, baseURL!);
  // Okafor's caseload: a student with an active enrollment. Its record-results form (rendered when
  // opened, so read in the browser) carries the enrollment and assessment ids.
  const caseload = await html(ctx.counselorOwn, "/caseload?sort=name");
  const own = await browser.newContext({ baseURL, storageState: await ctx.counselorOwn.storageState() });
  const page = await own.newPage();
  for (const sid of all(caseload, /href="\/students\/([^"/?]+)"/g)) {
    await page.goto(`/students/${sid}`);
    const open = page.getByText("Record results", { exact: true }).first();
    if ((await open.count()) === 0) continue;
    await open.click();
    const form = page.getByRole("form", { name: /^Record results for / }).first();
    const enrollment = await form.locator('input[name="enrollmentId"]').inputValue();
    const score = await form.locator('input[name^="score_"]').first().getAttribute("name");
    Object.assign(ids, { student: sid, enrollment, assessment: score!.slice("score_".length) });
    break;
  }
  expect(ids.enrollment).not.toBe("");
  // The student's name and SIS id as the plan page shows them (its rendered text, not its HTML).
  await page.goto(`/students/${ids.student}/plan`);
  ids.name = (await page.getByRole("heading", { level: 1 }).innerText()).replace(/^Graduation plan:\s*/, "").trim();
  // The SIS id shown on the plan ("SIS 1012345"), not the header search's "name or SIS id".
  ids.sis = one(await page.locator("main").innerText(), /\bSIS (\d[A-Za-z0-9-]*)/, "SIS id");
  ids.school = one(await html(ctx.schoolAdminOwn, "/admin"), /href="\/reports\?school=([^"&]+)"/, "Riverside id");
  // Okafor's staff page id (the district admin's staff list links each person's page).
  const admin = await browser.newContext({ baseURL, storageState: authFile(EMAIL.districtAdmin) });
  const users = await admin.newPage();
  await users.goto("/users");
  ids.counselor = (await users.getByRole("link", { name: "Grace Okafor", exact: true }).first().getAttribute("href"))!.split("/").pop()!;
  await admin.close();
  // A note of Okafor's on the student (the author's edit form, opened in the browser, carries its id).
  const add = await postAction(ctx.counselorOwn, "addNoteAction", { studentId: ids.student, kind: "OTHER", body: "access matrix note" });
  expect(add).toContain("Note added.");
  await page.goto(`/students/${ids.student}`);
  const note = page.getByRole("listitem").filter({ hasText: "access matrix note" }).first();
  await note.getByText("Edit note", { exact: true }).click();
  ids.note = await note.locator('input[name="noteId"]').inputValue();
  // An intervention plan of Okafor's on the student: the student page links its printable page.
  const started = await postAction(ctx.counselorOwn, "createPlanAction", { ...PLAN_FIELDS(), studentId: ids.student });
  expect(started).toContain("plan started");
  await page.goto(`/students/${ids.student}`);
  ids.plan = (await page.locator(`a[href^="/students/${ids.student}/plans/"]`).first().getAttribute("href"))!.split("/")[4]!.split(/[?#]/)[0]!;
  await own.close();
  // An import run (a dry run of a tiny provider file) for the errors route.
  const imp = await ctx.districtAdmin.post("/api/imports?kind=progress&name=p.csv&dryRun=1", { data: "nonsense\n1,2\n", headers: { "content-type": "text/csv" } });
  await imp.text();
  ids.importRun = one(await html(ctx.districtAdmin, "/imports"), /\/api\/imports\/([^/"]+)\/errors/, "import run");
  // A catalog course: the catalog links each course's page.
  Object.assign(ids, { course: one(await html(ctx.districtAdmin, "/catalog"), /href="\/catalog\/([^"/?]+)"/, "a catalog course") });
});

test.afterAll(async () => {
  for (const c of Object.values(ctx ?? {})) await c.dispose();
});

// ---- server actions as raw HTTP POSTs ----
function actionIds(): Record<string, string> {
  const dist = process.env.NEXT_DIST_DIR || ".next";
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const out: Record<string, string> = {};
  for (const [id, entry] of Object.entries(manifest.node)) if (entry.exportedName) out[entry.exportedName] = id;
  return out;
}

/** Actions posted from a page other than /caseload: the public set-password page is reachable signed out. */
const ACTION_PAGE: Record<string, string> = { setPasswordWithLinkAction: "/set-password", setupDistrictAction: "/setup" };

/** POST a server action as a forged HTTP request: Next-Action header, multipart body with the args [prevState, fields]. */
async function postAction(c: APIRequestContext, name: string, fields: Record<string, string>): Promise<string> {
  const id = actionIds()[name];
  expect(id, `action id of ${name}`).toBeTruthy();
  // Reply encoding: part "0" holds the arguments (previous state, then the form's fields).
  const multipart: Record<string, string> = { "0": JSON.stringify([null, fields]) };
  const r = await c.post(ACTION_PAGE[name] ?? "/caseload", { multipart, headers: { "Next-Action": id, Accept: "text/x-component", Origin: origin }, maxRedirects: 0 });
  if (r.status() >= 300 && r.status() < 400) return `redirect ${new URL(r.headers()["location"] ?? "", "http://x").pathname}`;
  expect(r.status(), `${name} status`).toBeLessThan(500);
  return r.text();
}

// Two days back: never in the future for the server's district calendar (lib/calendar.ts), whatever the hour.
const pastDay = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
// Two days ahead: always in the future for the district's calendar (a contact's day is refused).
const futureDay = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
/** A valid plan (lib/plans/schema.ts) owned by Okafor, the target's counselor. */
const PLAN_FIELDS = () => ({
  type: "OTHER",
  tier: "1",
  goal: "access matrix plan",
  metric: "OTHER",
  targetText: "access matrix",
  ownerId: ids.counselor,
  startDate: pastDay,
  nextFollowUp: pastDay,
});
const ACTION_INPUT: Record<string, () => Record<string, string>> = {
  createPlanAction: () => ({ ...PLAN_FIELDS(), studentId: ids.student, ownerId: "cm0nosuchuser000000000000" }),
  editPlanAction: () => ({ ...PLAN_FIELDS(), planId: ids.plan, version: "987654" }),
  addCheckInAction: () => ({ planId: ids.plan, date: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10), note: "access matrix", progress: "ON_TRACK" }),
  closePlanAction: () => ({ planId: ids.plan, version: "987654", outcome: "MET", reason: "", closedOn: pastDay }),
  // Bogus course: in scope it is refused as "Choose an active catalog course", never written.
  enrollAction: () => ({ studentId: ids.student, courseId: "no-such-course", startDate: pastDay }),
  dismissTodayAction: () => ({ studentId: ids.student, reason: "NO_CONTACT", key: "never", how: "snooze", until: pastDay, note: "access matrix" }),
  restoreTodayAction: () => ({ dismissalId: "cm0nosuchdismissal00000000" }),
  recordResultsAction: () => ({ enrollmentId: ids.enrollment, version: "987654", takenOn: pastDay, [`score_${ids.assessment}`]: "50" }),
  completeAction: () => ({ enrollmentId: ids.enrollment, version: "987654", finalGrade: "75" }),
  reverseCreditAction: () => ({ enrollmentId: ids.enrollment, version: "987654", reason: "matrix" }),
  endEnrollmentAction: () => ({ enrollmentId: ids.enrollment, version: "987654", outcome: "WITHDRAWN", endedOn: pastDay, reason: "matrix" }),
  addNoteAction: () => ({ studentId: ids.student, kind: "OTHER", body: "access matrix note" }),
  bulkNoteAction: () => ({ studentId: ids.student, kind: "OTHER", body: "access matrix bulk note" }),
  bulkContactAction: () => ({ studentId: ids.student, withWhom: "parents", method: "PHONE", outcome: "REACHED", occurredOn: futureDay, summary: "access matrix bulk contact" }),
  bulkPlanAction: () => ({ ...PLAN_FIELDS(), studentId: ids.student, ownerId: "cm0nosuchuser000000000000" }),
  bulkReassignAction: () => ({ toId: ids.counselor, students: `${ids.student}:987654` }),
  saveViewAction: () => ({ name: "", query: "risk=HIGH" }),
  deleteViewAction: () => ({ viewId: "cm0nosuchview0000000000000" }),
  editNoteAction: () => ({ noteId: ids.note, version: "987654", kind: "OTHER", body: "changed" }),
  shareNoteAction: () => ({ noteId: ids.note, userId: "cm0nosuchuser000000000000" }),
  unshareNoteAction: () => ({ noteId: ids.note, userId: "cm0nosuchuser000000000000" }),
  addGuardianAction: () => ({ studentId: ids.student, name: "Access Matrix Guardian", relationship: "GUARDIAN", preferredLanguage: "en" }),
  editGuardianAction: () => ({ guardianId: "cm0nosuchguardian000000000", version: "1", name: "x", relationship: "GUARDIAN", preferredLanguage: "en" }),
  deleteGuardianAction: () => ({ guardianId: "cm0nosuchguardian000000000", version: "1", confirmed: "yes" }),
  addContactAction: () => ({ studentId: ids.student, withWhom: "access matrix", method: "PHONE", outcome: "NO_ANSWER", occurredOn: futureDay, summary: "access matrix" }),
  changeStatusAction: () => ({ studentId: ids.student, version: "987654", kind: "REENGAGED", effectiveDate: pastDay, confirmed: "yes" }),
  // The target is enrolled: outreach is refused (a family contact belongs in the family log); a stale version refuses re-engaging.
  logOutreachAction: () => ({
    studentId: ids.student,
    withWhom: "The student",
    method: "PHONE",
    outcome: "NO_ANSWER",
    occurredOn: pastDay,
    summary: "access matrix",
    nextStep: "none",
  }),
  reengageAction: () => ({ studentId: ids.student, version: "987654", counselorId: ids.counselor, effectiveDate: pastDay, confirmed: "yes" }),
  changePasswordAction: () => ({ current: "not-the-password-000", next: "a long enough new passphrase", confirm: "a long enough new passphrase" }),
  signOutEverywhereAction: () => ({ userId: "cm0nosuchuser000000000000", confirmed: "yes" }),
  beginTwoFactorAction: () => ({}),
  confirmTwoFactorAction: () => ({ code: "000000", password: "not-the-password-000" }),
  regenerateRecoveryCodesAction: () => ({ code: "000000" }),
  disableTwoFactorAction: () => ({ code: "000000" }),
  setTwoFactorPolicyAction: () => ({ policy: "OPTIONAL" }),
  // The demo district's own settings and requirements: saved as they are, nothing changes.
  saveDistrictSettingsAction: () => ({
    districtName: "Demo Public Schools",
    totalCredits: "22",
    passingGrade: "60",
    "requirements.ENGLISH": "4",
    "requirements.MATHEMATICS": "4",
    "requirements.SCIENCE": "3",
    "requirements.HISTORY_SOCIAL_STUDIES": "3",
    "requirements.WORLD_LANGUAGE": "2",
    "requirements.ARTS": "1",
    "requirements.ELECTIVE": "0",
  }),
  // A folder the server cannot see: a district admin gets the field error (nothing saved), others are refused first.
  saveLandingSettingsAction: () => ({ landingFolder: "/nonexistent/credittrack-matrix-check", landingIntervalMinutes: "15", landingRetentionDays: "30", staleAfterDays: "3" }),
  // A provider id that exists nowhere: valid input, so the role (or the id) decides.
  saveProviderOverdueAction: () => ({ "staleAfterDays.cm0nosuchprovider0000000000": "7" }),
  // No program type's fields: valid input that changes no policy, so the role decides.
  saveRigorPoliciesAction: () => ({}),
  // The demo's own levels (the schema's default) again: nothing changes.
  saveProficientLevelsAction: () => ({
    proficientLevels: ["Proficient", "Advanced", "Meeting Expectations", "Exceeding Expectations", "Meets", "Exceeds", "Mastery", "Distinguished"].join("\n"),
  }),
  // Catalog writes on ids that exist nowhere: valid input, so the role (or the id) decides.
  checkRevertAction: () => ({ runId: "cm0nosuchimportrun00000000" }),
  revertRunAction: () => ({ runId: "cm0nosuchimportrun00000000", reason: "access matrix" }),
  saveMappingAction: () => ({ definition: "{}" }),
  importMappingJsonAction: () => ({ json: "{}" }),
  previewMappingAction: () => ({ definition: "{}", sample: "Student ID,Course\n100001,Algebra\n", sampleName: "matrix.csv" }),
  saveProviderAction: () => ({ providerId: "cm0nosuchprovider0000000000", code: "MATRIX", name: "Matrix check" }),
  saveCourseAction: () => ({
    courseId: "cm0nosuchcourse00000000000",
    providerId: "cm0nosuchprovider0000000000",
    providerCourseCode: "MATRIX-1",
    title: "Matrix check",
    subjectArea: "MATHEMATICS",
    programType: "CREDIT_RECOVERY",
    credits: "1",
    expectedWeeks: "10",
    masteryThreshold: "70",
    a0_position: "1",
    a0_title: "Exam",
    a0_kind: "SUMMATIVE",
    a0_maxScore: "100",
    a0_weight: "100",
  }),
  setCourseActiveAction: () => ({ courseId: "cm0nosuchcourse00000000000", active: "false" }),
  deleteCourseAction: () => ({ courseId: "cm0nosuchcourse00000000000", confirmed: "yes" }),
  moveEnrollmentsAction: () => ({ courseId: "cm0nosuchcourse00000000000", confirmed: "yes" }),
  // A past school year (valid whenever the run is), for a provider that exists nowhere.
  saveContractAction: () => ({ providerId: "cm0nosuchprovider0000000000", schoolYear: "2024-25", cost: "125000", note: "access matrix" }),
  deleteContractAction: () => ({ providerId: "cm0nosuchprovider0000000000", schoolYear: "2024-25", confirmed: "yes" }),
  resetTwoFactorAction: () => ({ userId: "cm0nosuchuser000000000000", confirmed: "yes" }),
  // Setting an active account active is a no-op for a district admin.
  setActiveAction: () => ({ userId: "__DISTRICT_SELF__", active: "true", confirmed: "yes" }),
  // An email already in use: a field refusal for a district admin, nothing written.
  createUserAction: () => ({ email: "district.admin@demo.credittrack.test", name: "Matrix", role: "DISTRICT_ADMIN" }),
  changeRoleAction: () => ({ userId: "cm0nosuchuser000000000000", role: "COUNSELOR", schoolId: ids.school, confirmed: "yes" }),
  setPasswordAction: () => ({ userId: "cm0nosuchuser000000000000", password: "a long enough new passphrase", confirm: "a long enough new passphrase" }),
  issueLinkAction: () => ({ userId: "cm0nosuchuser000000000000" }),
  reassignAction: () => ({ fromId: "cm0nosuchuser000000000000", toId: "cm0nosuchuser000000000001", scope: "all", expected: "1", listed: "0".repeat(64), confirmed: "yes" }),
  // A complete, valid first-run form: the demo has a district administrator, so it is refused as a whole.
  setupDistrictAction: () => ({
    districtName: "Matrix District",
    totalCredits: "22",
    "requirements.ENGLISH": "4",
    "requirements.MATHEMATICS": "4",
    "requirements.SCIENCE": "3",
    "requirements.HISTORY_SOCIAL_STUDIES": "3",
    "requirements.WORLD_LANGUAGE": "2",
    "requirements.ARTS": "1",
    "requirements.ELECTIVE": "0",
    passingGrade: "60",
    email: "matrix.setup@demo.credittrack.test",
    name: "Matrix Setup",
    password: "a long enough new passphrase",
    confirm: "a long enough new passphrase",
  }),
  // A token that is no link's: refused the same way for everyone, signed in or not.
  setPasswordWithLinkAction: () => ({ token: "no-such-token-0000000000000000000000000000", password: "a long enough new passphrase", confirm: "a long enough new passphrase" }),
};

function actionOutcome(text: string): string {
  if (text.startsWith("redirect /signin") || text.includes("Your session has ended")) return "signedOut";
  if (/not found/.test(text)) return "notFound";
  if (/Only the author/.test(text) || REFUSALS.some((r) => text.includes(r))) return "forbidden";
  if (/"ok":(true|false)/.test(text)) return "ok";
  return `unexpected: ${text.slice(0, 200)}`;
}

/** The target student's rows in the district exports (other specs write to other students meanwhile). */
async function snapshot(): Promise<string> {
  const a = await html(ctx.districtAdmin, "/api/exports/enrollments");
  const b = await html(ctx.districtAdmin, "/api/exports/students");
  const rows = (a + b).split("\n").filter((l) => l.includes(ids.sis));
  expect(rows.length).toBeGreaterThan(1);
  return rows.join("\n");
}

// ---- the sweep: every entry × the given callers ----
async function sweep(callers: readonly Caller[]) {
  const failures: string[] = [];
  let n = 0;
  for (const p of PAGES) {
    for (const caller of callers) {
      const r = await ctx[caller].get(fill(p.path), { maxRedirects: 0 });
      const body = await r.text();
      const got = await pageOutcome(r);
      n++;
      if (got !== p.expect[caller]) failures.push(`${caller} ${p.path}: expected ${p.expect[caller]}, got ${got}`);
      if (got !== "ok" && (body.includes(ids.sis) || body.includes(ids.name))) failures.push(`${caller} ${p.path}: leaked the student`);
      if (got === "ok" && p.path.includes("{student}") && !body.includes(ids.sis) && !body.includes(ids.name.split(" ").pop()!))
        failures.push(`${caller} ${p.path}: 200 without the student`);
    }
  }
  for (const rt of ROUTES) {
    for (const caller of callers) {
      const url = fill(rt.path);
      const r =
        rt.method === "GET"
          ? await ctx[caller].get(url, { maxRedirects: 0 })
          : await ctx[caller].post(url, { data: rt.body ? fill(rt.body) : "x", headers: { "content-type": rt.body ? "application/json" : "text/csv" }, maxRedirects: 0 });
      const body = await r.text();
      const got = r.status() === 200 ? "ok" : r.status() >= 300 && r.status() < 400 ? "redirect" : r.status();
      n++;
      if (got !== rt.expect[caller]) failures.push(`${caller} ${rt.method} ${rt.path}: expected ${rt.expect[caller]}, got ${got} ${body.slice(0, 120)}`);
      if (got !== "ok" && body.includes(ids.sis)) failures.push(`${caller} ${rt.path}: leaked the student`);
      if (rt.path === "/api/exports/students" && got === "ok") {
        const mine = caller === "counselorOwn" || caller === "schoolAdminOwn" || caller === "districtAdmin";
        if (body.includes(ids.sis) !== mine) failures.push(`${caller} ${rt.path}: student ${mine ? "missing" : "leaked"}`);
      }
    }
  }
  return { failures, n };
}

test("pages and API routes × callers: the right data, a plain 404 or a sign-in, never a 500 or another's data", async () => {
  test.setTimeout(180_000);
  const { failures, n } = await sweep(CALLERS.filter((c) => c !== "deactivated"));
  console.log(`matrix: ${n} page/route requests; matrix size ${MATRIX_SIZE} (entries × callers)`);
  expect(failures).toEqual([]);
});

test("server actions as forged POSTs: out of scope fails exactly like a nonexistent id, nothing changes", async () => {
  test.setTimeout(120_000);
  const before = await snapshot();
  const failures: string[] = [];
  const selfId = one(await html(ctx.districtAdmin, "/users"), /id="user-([^"]+)"[^>]*>(?:(?!<\/tr>).)*?>You</s, "own user id");
  for (const a of ACTIONS) {
    for (const caller of CALLERS.filter((c) => c !== "deactivated")) {
      const input = ACTION_INPUT[a.name]();
      if (input.userId === "__DISTRICT_SELF__") input.userId = caller === "districtAdmin" ? one(await html(ctx.districtAdmin, "/users"), /id="user-([^"]+)"/, "a user") : selfId;
      const text = await postAction(ctx[caller], a.name, input);
      const got = actionOutcome(text);
      if (got !== a.expect[caller]) failures.push(`${caller} ${a.name}: expected ${a.expect[caller]}, got ${got}`);
      if (got === "notFound") {
        // The same action with ids that exist nowhere must read exactly the same.
        const forged = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, /Id$/.test(k) ? "cm0nonexistent00000000000" : v]));
        const norm = (t: string) =>
          t.replaceAll(ids.student, "<id>").replaceAll(ids.enrollment, "<id>").replaceAll(ids.note, "<id>").replaceAll("cm0nonexistent00000000000", "<id>");
        const other = await postAction(ctx[caller], a.name, forged);
        if (norm(other) !== norm(text)) failures.push(`${caller} ${a.name}: out of scope differs from nonexistent:\n${norm(text).slice(0, 300)}\n${norm(other).slice(0, 300)}`);
      }
    }
  }
  expect(failures).toEqual([]);
  expect(await snapshot()).toBe(before);
});

test("a deactivated user's still-valid session is shut out everywhere, and stays dead after reactivation", async ({ page }) => {
  test.setTimeout(120_000);
  // Still valid before: the run's own counselor (Harbor View) sees their caseload.
  expect(await pageOutcome(await ctx.deactivated.get("/caseload", { maxRedirects: 0 }))).toBe("ok");
  const setActive = async (verb: "Deactivate" | "Reactivate") => {
    await page.goto("/users");
    const form = page.getByRole("form", { name: `${verb} ${DEACTIVATED.name}` });
    await form.getByRole("button", { name: verb }).click();
    await form.getByRole("button", { name: `Yes, ${verb.toLowerCase()}` }).click();
    // The row re-renders with the new state (and the form turns into the opposite one).
    await expect(
      page.getByRole("row", { name: new RegExp(DEACTIVATED.name) }).getByRole("cell", { name: verb === "Deactivate" ? "Deactivated" : "Active", exact: true }),
    ).toBeVisible();
  };
  await useSession(page, EMAIL.districtAdmin);
  try {
    await setActive("Deactivate");
    const { failures } = await sweep(["deactivated"]);
    for (const a of ACTIONS) {
      const input = ACTION_INPUT[a.name]();
      const got = actionOutcome(await postAction(ctx.deactivated, a.name, input));
      if (got !== a.expect.deactivated) failures.push(`deactivated ${a.name}: expected ${a.expect.deactivated}, got ${got}`);
    }
    expect(failures).toEqual([]);
  } finally {
    await page.reload();
    await setActive("Reactivate");
  }
  // Deactivation revoked the session (lib/auth/sessions.ts): the old cookie does not come back to life.
  expect(await pageOutcome(await ctx.deactivated.get("/caseload", { maxRedirects: 0 }))).toBe("signIn");
});
