// The seed's entry points: seedDemo (a 3-school demo district, ~1,800 students) and seedDistrict
// (a Boston-sized set for benchmarks). Both run the same generator with different parameters
// (scale.ts), write everything in one transaction with bulk inserts, and are deterministic for a
// given as-of date (SEED_AS_OF, default today).
import "server-only";
import bcrypt from "bcryptjs";
import { Rng, idMaker } from "./prng";
import { isoDay, schoolYearOf } from "@/lib/calendar";
import { SETUP_DEFAULTS, SUBJECT_AREAS } from "@/lib/setup/schema";
import { dateOf, type Day, parseDay, todayDay } from "./calendar";
import { buildCatalog, PROVIDERS, type CatalogCourse } from "./catalog";
import { causeOf, countAll, foreignKeysDropped, openSql, settleAll, truncateAll, ALL_TABLES, type Sql } from "./bulk";
import { writers, type Writers } from "./tables";
import { CITY, DEMO, DISTRICT, type Scale } from "./scale";
import { DEMO_PASSWORD } from "./demo-logins";
import { writeRoster } from "./roster";
import { writeOnline } from "./online";
import type { Learner } from "./enrollments";
import { writePlans } from "./plans";
import { writeFamily } from "./family";
import { writeRiskHistory } from "./risk-history";
import { writeQuality } from "./quality";

export interface SeedOptions {
  /** YYYY-MM-DD; default SEED_AS_OF, else today. */
  asOf?: string;
  /** Empty every table first. */
  reset?: boolean;
  /** Do nothing when any school exists. */
  ifEmpty?: boolean;
  log?: (line: string) => void;
  /** The two long phases as they go: schools written ("students"), then students whose online
   * enrollments and results are written ("online"); `done` of `total` (npm run seed's progress bar). */
  progress?: (phase: SeedPhase, done: number, total: number) => void;
}
export type SeedPhase = "students" | "online";
export interface SeedSummary {
  skipped: boolean;
  asOf: string;
  seconds: number;
  counts: Record<string, number>;
  /** Enrolled students per counselor id. */
  caseloads: Map<string, number>;
}

export const seedDemo = (o: SeedOptions = {}) => runSeed(DEMO, o);
export const seedDistrict = (o: SeedOptions = {}) => runSeed(DISTRICT, o);
export const seedCity = (o: SeedOptions = {}) => runSeed(CITY, o);

// The demo district's diploma: the figures the setup form offers (lib/setup/schema.ts SETUP_DEFAULTS,
// MassCore's program), written as setUpDistrict writes them (subjects with credits only).
const REQUIREMENTS = SUBJECT_AREAS.filter((a) => SETUP_DEFAULTS.requirements[a] > 0).map((a) => [a, SETUP_DEFAULTS.requirements[a]] as const);

async function writeReference(sql: Sql, W: Writers, catalog: CatalogCourse[], providerIds: string[]) {
  // The demo district leaves two-factor sign-in optional so its printed sign-ins work as they are;
  // a district's own settings default to requiring it for administrators (schema.prisma).
  await sql.query(
    `INSERT INTO "DistrictSettings" ("id", "name", "totalCreditsRequired", "passingGrade", "twoFactorPolicy", "updatedAt") VALUES (1, 'Demo Public Schools', $1, $2, 'OPTIONAL', now())`,
    [SETUP_DEFAULTS.totalCredits, SETUP_DEFAULTS.passingGrade],
  );
  for (const [subject, credits] of REQUIREMENTS)
    await sql.query(`INSERT INTO "GraduationRequirement" ("subjectArea", "credits") VALUES ($1::"SubjectArea", $2)`, [subject, credits]);
  for (const [i, p] of PROVIDERS.entries()) await W.provider.add(providerIds[i], p.code, p.name);
  await W.provider.flush();
  for (const c of catalog) {
    const providerId = providerIds[PROVIDERS.findIndex((p) => p.code === c.providerCode)];
    await W.course.add(c.id, providerId, c.code, c.title, c.subject, c.program, c.credits, c.masteryThreshold, c.expectedWeeks);
  }
  await W.course.flush();
  // The writer's columns are scalars: the recovers codes (a text[]) go in one statement per course.
  for (const c of catalog) {
    if (c.recovers.length) await sql.query(`UPDATE "OnlineCourse" SET "recovers" = string_to_array($1, ';') WHERE id = $2`, [c.recovers.join(";"), c.id]);
  }
  for (const c of catalog) for (const a of c.assessments) await W.assessment.add(a.id, c.id, a.position, a.title, a.kind, a.weight, a.maxScore);
  await W.assessment.flush();
}

const NOTES: [string, string][] = [
  ["CHECK_IN", "Met to review progress in the online course; agreed on a weekly goal of two lessons."],
  ["CHECK_IN", "Reviewed credits toward graduation. Student knows which requirement is still missing."],
  ["FAMILY_CONTACT", "Called home about attendance; guardian will check in with the student each evening."],
  ["FAMILY_CONTACT", "Guardian came in to discuss the credit recovery plan; interpreter provided."],
  ["OTHER", "Referred to the after-school tutoring center for math support."],
  ["CHECK_IN", "Student is behind pace after an absence; set up lab time during advisory."],
];

async function writeNotes(rng: Rng, scale: Scale, learners: Learner[], asOf: Day, W: Writers, nextId: () => string) {
  const atRisk = learners.filter((l) => l.status === "ENROLLED" && l.tier > 0 && l.counselorId);
  const enrolled = learners.filter((l) => l.status === "ENROLLED").length;
  const n = Math.min(atRisk.length, Math.round(enrolled * scale.notesPerEnrolled));
  for (let i = 0; i < n; i++) {
    const l = atRisk[Math.floor((i * atRisk.length) / n)];
    const [kind, body] = rng.pick(NOTES);
    const at = `${isoDay(dateOf(asOf - rng.int(1, 60)))} ${String(rng.int(8, 15)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00`;
    await W.note.add(nextId(), l.id, l.counselorId, kind, body, at);
  }
  await W.note.flush();
}

async function runSeed(scale: Scale, o: SeedOptions): Promise<SeedSummary> {
  const log = o.log ?? (() => {});
  const started = performance.now();
  const asOfIso = o.asOf ?? process.env.SEED_AS_OF ?? isoDay(dateOf(todayDay()));
  const asOf = parseDay(asOfIso);
  const sy = schoolYearOf(dateOf(asOf));
  const sql = await openSql();
  let writersOf: Writers | null = null;
  const lap = (what: string) => log(`  ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  try {
    const { rows } = await sql.query(`SELECT 1 FROM "School" LIMIT 1`);
    if (rows.length > 0 && o.ifEmpty) {
      log("database already has data");
      return { skipped: true, asOf: asOfIso, seconds: 0, counts: {}, caseloads: new Map() };
    }
    if (rows.length > 0 && !o.reset) throw new Error("The database already has data: run the seed with --reset to replace it (or --if-empty to keep it).");
    log(
      `Seeding the ${{ demo: "demo district", district: "district-scale set", city: "city-scale set" }[scale.name]} as of ${asOfIso} (school year ${sy}-${String(sy + 1).slice(2)})…`,
    );
    await sql.query("BEGIN");
    await sql.query("SET LOCAL synchronous_commit = off").catch(() => {});
    if (o.reset) await truncateAll(sql);
    // Checked once, at the end of the load, not row by row (bulk.ts foreignKeysDropped).
    const keys = await foreignKeysDropped(sql, ALL_TABLES);
    const W = writers(sql);
    writersOf = W;
    const rng = new Rng(scale.seed);
    const ids = {
      school: idMaker("sc"),
      user: idMaker("us"),
      student: idMaker("st"),
      event: idMaker("ev"),
      transcript: idMaker("tc"),
      enrollment: idMaker("en"),
      result: idMaker("ar"),
      note: idMaker("no"),
    };
    const catalog = buildCatalog(rng.fork(1), idMaker("oc"), idMaker("ca"));
    const providerIds = PROVIDERS.map(idMaker("pv"));
    await writeReference(sql, W, catalog, providerIds);
    const hash = bcrypt.hashSync(DEMO_PASSWORD, 10);
    const roster = await writeRoster(rng.fork(2), scale, asOf, sy, hash, W, ids, (d, t) => o.progress?.("students", d, t));
    await sql.query(`SELECT setval(pg_get_serial_sequence('"StatusEvent"', 'sequence'), COALESCE((SELECT max("sequence") FROM "StatusEvent"), 0) + 1, false)`);
    lap(`${roster.learners.length} students with years, events and transcripts`);
    // The program quality report's inputs (issue #18) draw from a generator of their own (fork 7),
    // so the enrollments and results drawn from fork 3 stay as they were.
    const quality = rng.fork(7);
    const online = await writeOnline(rng.fork(3), scale, roster.learners, catalog, asOf, W, ids, quality.fork(1), (d, t) => o.progress?.("online", d, t));
    lap("online enrollments and results");
    const q = await writeQuality(quality.fork(2), roster.learners, online, providerIds, asOf, sql, W, idMaker("sr"));
    lap(`program quality: ${q.sequence} course-sequence rows, ${q.stateTests} state test results, ${q.tooFast} too-fast recovery completions (${q.overrides} overridden)`);
    await writeNotes(rng.fork(4), scale, roster.learners, asOf, W, ids.note);
    // The counselor's week (issue 16): guardians and contacts, intervention plans, risk history.
    await writeFamily(rng.fork(5), roster.learners, asOf, sql);
    await writePlans(rng.fork(6), roster.learners, asOf, sql);
    // The providers' results last arrived two days before the as-of day (18:00 UTC): 1.5–2.5 days
    // before any time of that day, inside the district's default 3 (no overdue banner), outside a
    // provider's own threshold of 1 day (e2e/overdue-providers.spec.ts; lib/imports/staleness.ts).
    await sql.query(`UPDATE "Provider" SET "resultsAsOf" = $1::timestamp`, [`${isoDay(dateOf(asOf - 2))} 18:00:00`]);
    await settleAll(W);
    await keys.back();
    lap(keys.dropped ? `${keys.dropped} foreign keys checked` : "foreign keys checked row by row (the seed's role does not own the tables)");
    await sql.query("COMMIT");
    // Fresh tables have no planner statistics; without them the first queries plan badly (5–10×).
    await sql.query("ANALYZE");
    const history = await writeRiskHistory(asOf);
    lap(`risk history: ${history.students} students snapshotted, ${history.changed} changed in the last week`);
    const counts = await countAll(sql);
    const seconds = (performance.now() - started) / 1000;
    return { skipped: false, asOf: asOfIso, seconds, counts, caseloads: roster.enrolledCounts };
  } catch (e) {
    // A writer's statement that failed is the cause of what failed after it (bulk.ts causeOf).
    const cause = writersOf ? await causeOf(e, writersOf) : e;
    await sql.query("ROLLBACK").catch(() => {});
    throw cause;
  } finally {
    await sql.close();
  }
}
