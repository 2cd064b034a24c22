// Crash test: SIGKILL the production server in the middle of a burst of JSON-API writes, restart it
// on the same database, and check that every acknowledged write (a 200) is there and nothing is
// half-written. `npx tsx --conditions=react-server scripts/crash-test.ts`
// - PostgreSQL when DATABASE_URL is set (database credittrack_e2e_<port>), embedded PGlite in
//   .data/e2e-<port> otherwise, where scripts/e2e-server.mjs (E2E_KEEP_DB=1) finds it; made and seeded here.
// - CRASH_PORT (default: a free port), NEXT_DIST_DIR (default .next; built by e2e-server when missing),
//   CRASH_WRITES (default 240 writes, 16 in flight; the kill comes after a third are acknowledged).
// Prints one line `CRASH-RESULT {json}` and exits 1 when a check fails.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { closeDb, db, embedded } from "@/lib/db";
import { districtDay } from "@/lib/calendar";
import { DEMO_LOGINS, DEMO_PASSWORD } from "../prisma/seed/demo-logins";
import { migrationSql } from "@/lib/test/migration-sql";
import { checkInvariants } from "./crash/invariants";

const port = process.env.CRASH_PORT ? Number(process.env.CRASH_PORT) : await freePort();
const base = `http://127.0.0.1:${port}`;
const dist = process.env.NEXT_DIST_DIR || ".next";
const WRITES = Number(process.env.CRASH_WRITES ?? 240);
const IN_FLIGHT = 16;
const KILL_AFTER = Math.ceil(WRITES / 3);
const NOTE_EVERY = 4; // every 4th write is a note, the others record a result
const original = { ...process.env };
const engine = original.DATABASE_URL ? "postgresql" : "pglite";
const log = path.resolve(`.data/crash-${port}.log`);
const t0 = Date.now();
const started: ChildProcess[] = []; // stopped in the end, whatever happens
const say = (m: string) => console.log(`[crash ${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

/** A port nothing listens on now (the OS picks it), so the demo on 3100 or a parallel run is no obstacle. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port: p } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
  });
}

/** After a passing run its database is thrown away (~90 MB on PGlite); a failing run's stays to look at. */
async function removeTheE2eDatabase() {
  if (original.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: original.DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS credittrack_e2e_${port} WITH (FORCE)`).finally(() => admin.end());
  } else {
    fs.rmSync(path.resolve(`.data/e2e-${port}`), { recursive: true, force: true });
    fs.rmSync(path.resolve(`.data/e2e-${port}.lock`), { force: true });
  }
}

type Target = { email: string; kind: "result" | "note"; id: string; version: number; assessmentId: string; score: number; marker: string };
type Ack = { target: Target; body: { attempts?: { assessmentId: string; attempt: number }[]; id?: string } };

function useTheE2eDatabase() {
  if (original.DATABASE_URL) {
    const url = new URL(original.DATABASE_URL);
    url.pathname = `/credittrack_e2e_${port}`;
    process.env.DATABASE_URL = url.toString();
  } else process.env.PGLITE_DIR = path.resolve(`.data/e2e-${port}`);
}

/**
 * A fresh database with the demo seed, made here rather than by e2e-server.mjs: the migrations' SQL
 * run directly (as the integration tests make their databases, lib/test/db.ts) instead of through
 * `prisma migrate deploy`, which on a fresh embedded folder took ~40 s of this test's ~130 s in the
 * clean-clone CI (/tmp/cc-D.log). The same schema either way; what is under test here is what a
 * kill does to writes, not how the schema got there (scripts/migrate.test.ts and every other e2e
 * server start go through migrate deploy).
 */
async function freshSeededDatabase() {
  if (original.DATABASE_URL) {
    const admin = new pg.Client({ connectionString: original.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS credittrack_e2e_${port} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE credittrack_e2e_${port}`);
    } finally {
      await admin.end();
    }
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    await client.query(migrationSql()).finally(() => client.end());
  } else {
    fs.rmSync(process.env.PGLITE_DIR!, { recursive: true, force: true });
    db();
    await embedded()!.exec(migrationSql());
    await closeDb();
  }
  const out = fs.openSync(log, "a");
  const seed = spawn("npm", ["run", "--silent", "seed"], { stdio: ["ignore", out, out] });
  const code = await new Promise<number | null>((resolve) => seed.once("exit", resolve));
  if (code !== 0) throw new Error(`the demo seed failed (exit ${code}; see ${log})`);
}

function startServer(keep: boolean): ChildProcess {
  const out = fs.openSync(log, "a");
  fs.writeSync(out, `\n=== start (keep=${keep}) at ${new Date().toISOString()}\n`);
  const env = { ...original, E2E_PORT: String(port), NEXT_DIST_DIR: dist, E2E_KEEP_DB: keep ? "1" : "0" };
  const child = spawn("node", ["scripts/e2e-server.mjs"], { env, detached: true, stdio: ["ignore", out, out] });
  started.push(child);
  return child;
}

async function waitUp(child: ChildProcess, ms: number) {
  let exited = false;
  child.once("exit", () => (exited = true));
  for (const end = Date.now() + ms; Date.now() < end;) {
    if (exited) throw new Error(`the server exited while starting (see ${log})`);
    try {
      if ((await fetch(`${base}/signin`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer within ${ms / 1000} s (see ${log})`);
}

/** Signal the whole process group (node e2e-server → npx → next start) and wait until every member is gone. */
async function stopServer(child: ChildProcess, signal: NodeJS.Signals) {
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-child.pid!, signal);
  for (let i = 0; i < 300 && alive(); i++) {
    if (i === 150) process.kill(-child.pid!, "SIGKILL"); // a graceful stop that hangs for 15 s
    await new Promise((r) => setTimeout(r, 100));
  }
  if (alive()) throw new Error("the server's processes survived SIGKILL");
}

async function signIn(email: string): Promise<string> {
  const cookiesOf = (res: Response) =>
    res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = cookiesOf(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
  });
  const cookie = [jar, cookiesOf(res)].filter(Boolean).join("; ");
  if (!cookie.includes("session-token")) throw new Error(`could not sign in as ${email} (${res.status})`);
  return cookie;
}

/** One write per active enrollment (distinct, so a 200 is never a conflict), spread over the counselors. */
async function pickTargets(n: number): Promise<Target[]> {
  const emails = DEMO_LOGINS.filter((l) => l.role === "COUNSELOR" && l.active !== false).map((l) => l.email);
  const users = await db().user.findMany({ where: { email: { in: emails } }, select: { id: true, email: true } });
  const emailOf = new Map(users.map((u) => [u.id, u.email]));
  const rows = await db().enrollment.findMany({
    where: { status: "ACTIVE", startDate: { lte: districtDay() }, student: { counselorId: { in: users.map((u) => u.id) } } },
    orderBy: { id: "asc" },
    take: n,
    select: {
      id: true,
      version: true,
      courseVersion: true,
      studentId: true,
      student: { select: { counselorId: true } },
      course: { select: { assessments: { orderBy: [{ version: "asc" }, { position: "asc" }] } } },
    },
  });
  if (rows.length < n) throw new Error(`only ${rows.length} active enrollments to write to (wanted ${n})`);
  return rows.map((e, i) => {
    const a = e.course.assessments.find((x) => x.version === e.courseVersion)!;
    const note = i % NOTE_EVERY === NOTE_EVERY - 1;
    return {
      email: emailOf.get(e.student.counselorId!)!,
      kind: note ? "note" : "result",
      id: note ? e.studentId : e.id,
      version: e.version,
      assessmentId: a.id,
      score: Math.round(Number(a.maxScore) * 0.8),
      marker: `crash-test ${t0} #${i}`,
    } satisfies Target;
  });
}

function post(t: Target, cookie: string): Promise<Response> {
  const today = districtDay().toISOString().slice(0, 10);
  const [url, body] =
    t.kind === "note"
      ? [`${base}/api/students/${t.id}/notes`, { kind: "CHECK_IN", body: t.marker }]
      : [`${base}/api/enrollments/${t.id}/results`, { version: t.version, results: [{ assessmentId: t.assessmentId, score: t.score, takenOn: today }] }];
  return fetch(url, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify(body) });
}

/** Fire the writes IN_FLIGHT at a time; SIGKILL the server group once KILL_AFTER are acknowledged. */
async function burst(targets: Target[], cookies: Map<string, string>, kill: () => void) {
  const acked: Ack[] = [];
  const refused: Record<string, number> = {};
  let dropped = 0;
  let next = 0;
  let killed = false;
  async function worker() {
    while (!killed && next < targets.length) {
      const t = targets[next++];
      try {
        const res = await post(t, cookies.get(t.email)!);
        const body = await res.json();
        if (res.status === 200) acked.push({ target: t, body });
        else refused[res.status] = (refused[res.status] ?? 0) + 1;
      } catch {
        dropped++; // connection cut by the kill: not acknowledged, may or may not have committed
      }
      if (!killed && acked.length >= KILL_AFTER) {
        killed = true;
        kill();
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return { acked, refused, dropped, sent: next };
}

async function verifyAcked(acked: Ack[]): Promise<string[]> {
  const problems: string[] = [];
  for (const { target: t, body } of acked) {
    if (t.kind === "note") {
      const note = await db().note.findUnique({ where: { id: body.id! } });
      if (!note || note.body !== t.marker) problems.push(`acknowledged note ${body.id} is missing`);
      const audit = await db().auditEvent.count({ where: { action: "note.create", entityId: body.id! } });
      if (audit !== 1) problems.push(`note ${body.id} has ${audit} audit events`);
      continue;
    }
    const attempt = body.attempts?.[0]?.attempt ?? 0;
    const row = await db().assessmentResult.findUnique({ where: { enrollmentId_assessmentId_attempt: { enrollmentId: t.id, assessmentId: t.assessmentId, attempt } } });
    if (!row || Number(row.score) !== t.score) problems.push(`acknowledged result on enrollment ${t.id} (attempt ${attempt}) is missing`);
  }
  return problems;
}

/** Each attempted result write is all or nothing: version bumps = audit events = new result rows. */
async function verifyAttempted(targets: Target[], before: Map<string, number>): Promise<string[]> {
  const problems: string[] = [];
  for (const t of targets.filter((x) => x.kind === "result")) {
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: t.id }, select: { version: true } });
    const writes = e.version - t.version;
    const rows = (await db().assessmentResult.count({ where: { enrollmentId: t.id } })) - before.get(t.id)!;
    const audits = await db().auditEvent.count({ where: { action: "result.record", entityId: t.id, at: { gte: new Date(t0) } } });
    if (writes !== rows || writes !== audits || writes > 1) problems.push(`enrollment ${t.id}: ${writes} version bumps, ${rows} new results, ${audits} audit events`);
  }
  const notes = await db().note.count({ where: { body: { startsWith: `crash-test ${t0} ` } } });
  const noteAudits = await db().auditEvent.count({ where: { action: "note.create", at: { gte: new Date(t0) } } });
  if (notes !== noteAudits) problems.push(`${notes} burst notes but ${noteAudits} note.create audit events`);
  return problems;
}

async function main() {
  useTheE2eDatabase();
  fs.mkdirSync(path.dirname(log), { recursive: true });
  fs.writeFileSync(log, "");
  say(`${engine}: fresh database + demo seed`);
  await freshSeededDatabase();
  say(`next start on port ${port} (${dist})`);
  let server = startServer(true);
  await waitUp(server, 240_000);
  const cookies = new Map<string, string>();
  for (const l of DEMO_LOGINS.filter((x) => x.role === "COUNSELOR" && x.active !== false)) cookies.set(l.email, await signIn(l.email));
  await stopServer(server, "SIGTERM"); // PGlite: one process at a time, so the targets are read with the server down
  const targets = await pickTargets(WRITES + 1);
  const extra = targets.pop()!;
  const before = new Map<string, number>();
  for (const t of targets) if (t.kind === "result") before.set(t.id, await db().assessmentResult.count({ where: { enrollmentId: t.id } }));
  await closeDb();

  say("restart on the same database, burst of writes, SIGKILL mid-burst");
  server = startServer(true);
  await waitUp(server, 60_000);
  const victim = server;
  const b = await burst(targets, cookies, () => void process.kill(-victim.pid!, "SIGKILL"));
  await stopServer(victim, "SIGKILL");
  say(`sent ${b.sent}, acknowledged ${b.acked.length}, refused ${JSON.stringify(b.refused)}, cut ${b.dropped}`);

  say("restart after the kill");
  server = startServer(true);
  await waitUp(server, 60_000);
  const after = await post(extra, cookies.get(extra.email)!);
  const afterOk = after.status === 200;
  await stopServer(server, "SIGTERM");

  say("verify");
  let problems: string[] = [];
  try {
    await db().$queryRawUnsafe("SELECT 1");
  } catch (e) {
    problems.push(`the database could not be reopened after the kill: ${(e as Error).message}`);
  }
  if (problems.length === 0) {
    problems = [...(await verifyAcked(b.acked)), ...(await verifyAttempted(targets, before)), ...(await checkInvariants(db()))];
  }
  if (!afterOk) problems.push(`a write after the restart answered ${after.status}`);
  if (b.acked.length < KILL_AFTER) problems.push(`only ${b.acked.length} writes were acknowledged before the kill`);
  if (b.acked.length >= targets.length) problems.push("the kill came after the burst ended");
  const summary = {
    engine,
    writes: targets.length,
    sent: b.sent,
    acknowledged: b.acked.length,
    cut: b.dropped,
    refused: b.refused,
    restartedWriteOk: afterOk,
    seconds: Math.round((Date.now() - t0) / 1000),
    problems,
  };
  console.log(`CRASH-RESULT ${JSON.stringify(summary)}`);
  if (problems.length) process.exitCode = 1;
}

try {
  await main();
} catch (e) {
  console.error(`crash test failed: ${(e as Error).message}`);
  process.exitCode = 1;
} finally {
  for (const child of started) await stopServer(child, "SIGKILL").catch(() => {});
  await closeDb();
  if (!process.exitCode) await removeTheE2eDatabase().catch((e) => console.error(`could not remove the crash test's database: ${(e as Error).message}`));
}
