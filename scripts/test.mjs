// `npm test`: unit + integration tests (Vitest; PostgreSQL when DATABASE_URL is set, PGlite
// otherwise), a production build, then Playwright e2e against that build in Chromium.
// Ends with one line "tests: N passed, N failed".
import fs from "node:fs";
import { run, npx } from "./lib.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const only = process.argv[2]; // optional: "unit" | "e2e"
fs.mkdirSync(".data/test-results", { recursive: true });
const results = { passed: 0, failed: 0 };
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
  const { passed, failed } = pick(JSON.parse(fs.readFileSync(file, "utf8")));
  results.passed += passed;
  results.failed += failed;
}

if (only !== "e2e") {
  const out = ".data/test-results/vitest.json";
  fs.rmSync(out, { force: true });
  await step(`Unit and integration tests (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"})`, () =>
    npx(["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]),
  );
  tally(out, (j) => ({ passed: j.numPassedTests, failed: j.numFailedTests + (j.numFailedTestSuites ?? 0) }));
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
    await step("End-to-end tests (Chromium)", () =>
      npx(["playwright", "test", "--reporter=list,json"], { env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out } }),
    );
    tally(out, (j) => ({ passed: j.stats.expected, failed: j.stats.unexpected + j.stats.flaky }));
  }
}

console.log(`\ntests: ${results.passed} passed, ${results.failed} failed`);
if (failure) {
  console.error(`FAILED — ${failure}`);
  process.exit(1);
}
if (results.passed === 0) {
  console.error("FAILED — no test ran");
  process.exit(1);
}
