// `npm test`: unit + integration tests (Vitest; PostgreSQL when DATABASE_URL is set, PGlite
// otherwise), a production build, then Playwright e2e against that build in Chromium.
// Ends with one line "tests: N passed, N failed".
import fs from "node:fs";
import { npx } from "./lib.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const only = process.argv[2]; // optional: "unit" | "e2e"
// After "e2e": optional spec files or Playwright filters, e.g. `node scripts/test.mjs e2e e2e/sign-in.spec.ts`.
const e2eFilters = only === "e2e" ? process.argv.slice(3) : [];
fs.mkdirSync(".data/test-results", { recursive: true });
const results = { passed: 0, failed: 0 };
const failures = []; // "name — first lines of the error", printed last so a log tail shows them
let failure = null;

async function step(name, fn) {
  console.log(`\n=== ${name}`);
  try {
    await fn();
  } catch (e) {
    failure ??= `${name}: ${e.message}`;
  }
}

function tally(file, pick) {
  if (!fs.existsSync(file)) return;
  const { passed, failed, failedNames } = pick(JSON.parse(fs.readFileSync(file, "utf8")));
  results.passed += passed;
  results.failed += failed;
  failures.push(...failedNames);
}

const brief = (msg) =>
  String(msg ?? "")
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .filter((l) => l.trim() && !/^\s+at /.test(l))
    .slice(0, 8)
    .join("\n    ");

/** Vitest's JSON: failed tests, plus files that failed outside any test (a hook, an import). */
function vitestTally(j) {
  const failedNames = [];
  for (const f of j.testResults ?? []) {
    const bad = f.assertionResults.filter((a) => a.status === "failed");
    for (const a of bad) failedNames.push(`${f.name.replace(process.cwd() + "/", "")} › ${a.fullName}\n    ${brief(a.failureMessages?.[0])}`);
    if (f.status === "failed" && bad.length === 0) failedNames.push(`${f.name.replace(process.cwd() + "/", "")}\n    ${brief(f.message)}`);
  }
  return { passed: j.numPassedTests, failed: failedNames.length, failedNames };
}

/** Playwright's JSON: every test whose outcome was unexpected or flaky. */
function playwrightTally(j) {
  const failedNames = [];
  const walk = (suite, path) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status === "unexpected" || t.status === "flaky") {
          const err = t.results?.find((r) => r.error)?.error;
          failedNames.push(`${[...path, spec.title].join(" › ")} (${t.status})\n    ${brief(err?.message)}`);
        }
      }
    }
    for (const s of suite.suites ?? []) walk(s, [...path, s.title]);
  };
  for (const s of j.suites ?? []) walk(s, []);
  return { passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky, failedNames };
}

if (only !== "e2e") {
  const out = ".data/test-results/vitest.json";
  fs.rmSync(out, { force: true });
  await step(`Unit and integration tests (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"})`, () =>
    npx(["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]),
  );
  const listed = failures.length;
  tally(out, vitestTally);
  // Vitest also fails a run for an error no test owns (an unhandled rejection or 'error' event).
  if (failure && failures.length === listed) {
    failures.push('vitest exited 1 with no failed test: an unhandled error outside any test (its "Unhandled Errors" section is above)');
    results.failed++;
  }
}

if (only !== "unit") {
  // Fail early, with the fix, when there is no browser.
  await step("Chromium", () => npx(["tsx", "-e", 'import("./e2e/chromium.ts").then((m) => console.log(m.chromiumPath()))']));
  if (!failure) {
    await step("Production build", () => npx(["next", "build"]));
  }
  if (!failure) {
    const out = ".data/test-results/playwright.json";
    fs.rmSync(out, { force: true });
    await step("End-to-end tests (Chromium)", () => npx(["playwright", "test", "--reporter=list,json", ...e2eFilters], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out } }));
    tally(out, playwrightTally);
  }
}

if (failures.length > 0) console.log(`\n=== Failures\n${failures.map((f) => `- ${f}`).join("\n")}`);
console.log(`\ntests: ${results.passed} passed, ${results.failed} failed`);
if (failure) {
  console.error(`FAILED — ${failure}`);
  process.exit(1);
}
if (results.passed === 0) {
  console.error("FAILED — no test ran");
  process.exit(1);
}
