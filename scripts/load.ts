// `npm run load`: 200 concurrent signed-in counselors for 60 s against the production build on
// PostgreSQL with the district-scale seed (issue 6 budget: p95 < 200 ms, 0 errors, server < 1 GB).
// Each virtual counselor has its own session and loops: caseload page → two of its students'
// pages (opened as a click in the app opens them: LOAD_NAVIGATION below) → record a result
// through the JSON API (on enrollments of its own, so a 409 would be a real error). Loopback
// only; bounded by LOAD_SECONDS (default 60) and a per-request timeout.
// - Think time: a person reads a page before the next click. After each response a counselor
//   waits a random 0.5–1.5 × LOAD_THINK_SECONDS (default 8 s, so 200 counselors offer about
//   25 requests/s). LOAD_THINK_SECONDS=0 fires back to back: a saturation test of throughput,
//   not a model of 200 people. (autocannon paces only by fixing the rate per connection, at least
//   1 request/s each, and cuts the connections to the rate: no way to keep 200 sessions at human
//   pace, hence these virtual users on node:http, each with its own keep-alive connection.)
// - The database and server come from scripts/bench/stage.ts (DATABASE_URL, or a throwaway
//   cluster seeded at district scale).
// - LOAD_PORT (default 3105), NEXT_DIST_DIR (default .next; built when missing), LOAD_CONNECTIONS (200),
//   LOAD_WARMUP (600 untimed page views first).
// - `npm run load -- --find-capacity` (issue 19): capacity, not one run. The same counselors, on one
//   server, in steps: LOAD_CAPACITY_START (100) counselors, then LOAD_CAPACITY_STEP (50) more each
//   step of LOAD_SECONDS (default 30 here), until the step's p95 reaches 200 ms or a request fails
//   (or LOAD_CAPACITY_MAX, 1,000). The last step that held is the capacity: counselors and
//   requests/s, and both per core of this machine (where PostgreSQL, the server and this load
//   generator share the cores: a lower bound for a web host of its own). bench-results/capacity.json.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "@/lib/db";
import { districtDay } from "@/lib/calendar";
import { browserAgent, makeContext, request as sendRequest, stats } from "./bench/harness";
import { stageDistrict, stageScaleArg, type Stage } from "./bench/stage";
import { machine as benchMachine } from "./bench/results";

const port = Number(process.env.LOAD_PORT ?? 3105);
const base = `http://127.0.0.1:${port}`;
const FIND_CAPACITY = process.argv.includes("--find-capacity");
const SECONDS = Number(process.env.LOAD_SECONDS ?? (FIND_CAPACITY ? 30 : 60));
const CAPACITY = {
  start: Number(process.env.LOAD_CAPACITY_START ?? 100),
  step: Number(process.env.LOAD_CAPACITY_STEP ?? 50),
  max: Number(process.env.LOAD_CAPACITY_MAX ?? 1000),
};
const CONNECTIONS = FIND_CAPACITY ? CAPACITY.max : Number(process.env.LOAD_CONNECTIONS ?? 200);
const THINK_SECONDS = Number(process.env.LOAD_THINK_SECONDS ?? 8);
/**
 * How a student's page is opened from the caseload. "document" (default, the regression row's
 * mix since issue 6): a full page load. "client": as a click on the row's link in a browser, a
 * React Server Components request (`RSC: 1`) — the page's payload without the HTML document. Sent
 * without the router's state tree, so the server renders every layout too: at least the work of a
 * real click (measured 2026-12-03: student page 41 ms of server CPU against 48 for the document).
 * The caseload is always a full page load, the result a JSON API call.
 */
const NAVIGATION = process.env.LOAD_NAVIGATION === "client" ? "client" : "document";
const TIMEOUT_MS = 10_000;

type Conn = {
  cookie: string;
  students: string[];
  targets: { id: string; version: number; assessmentId: string; score: number }[];
  step: number;
  /** This counselor's own keep-alive connection, as a browser has: requests go to whichever server
   * worker accepted it. (One shared pool for all 200 would pin most traffic to one worker.) */
  agent: http.Agent;
};

const request = (agent: http.Agent, method: string, path: string, headers: Record<string, string>, body?: string) =>
  sendRequest(agent, `${base}${path}`, { method, headers, body, timeoutMs: TIMEOUT_MS });

/** Resident memory (kB) of every process in the server's process group. */
function groupRssKb(pgid: number): number {
  let kb = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) !== pgid) continue;
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      kb += m ? Number(m[1]) : 0;
    } catch {
      // the process ended meanwhile
    }
  }
  return kb;
}

async function prepareConnections(): Promise<Conn[]> {
  const ctx = makeContext(base, db(), []);
  const counselors = await db().user.findMany({
    where: { role: "COUNSELOR", active: true, passwordHash: { not: null }, caseload: { some: { status: "ENROLLED", enrollments: { some: { status: "ACTIVE" } } } } },
    orderBy: { email: "asc" },
    take: CONNECTIONS,
    select: { id: true, email: true },
  });
  const today = districtDay();
  const conns: Conn[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const c = counselors[i % counselors.length];
    const share = Math.floor(i / counselors.length); // connections sharing a counselor split their enrollments
    const sharing = Math.ceil((CONNECTIONS - (i % counselors.length)) / counselors.length);
    const students = await db().student.findMany({ where: { counselorId: c.id, status: "ENROLLED" }, orderBy: { id: "asc" }, take: 20, skip: share * 20, select: { id: true } });
    const enrollments = await db().enrollment.findMany({
      where: { status: "ACTIVE", startDate: { lte: today }, student: { counselorId: c.id } },
      orderBy: { id: "asc" },
      select: { id: true, version: true, courseVersion: true, course: { select: { assessments: { orderBy: [{ version: "asc" }, { position: "asc" }] } } } },
    });
    // The first assessment of the version each enrollment is graded on.
    const first = (e: (typeof enrollments)[number]) => e.course.assessments.find((a) => a.version === e.courseVersion)!;
    const mine = enrollments.filter((_, k) => k % sharing === share);
    conns.push({
      cookie: await ctx.session(c.email),
      students: students.map((s) => s.id),
      targets: mine.map((e) => ({ id: e.id, version: e.version, assessmentId: first(e).id, score: Math.round(Number(first(e).maxScore) * 0.75) })),
      step: 0,
      agent: browserAgent(),
    });
  }
  const usable = conns.filter((c) => c.students.length > 0 && c.targets.length > 0);
  const empty = conns.length - usable.length;
  // A capacity search asks for more people than a caseload can share out (20 students and some
  // enrollments each): those without are left out, and the search stops at the usable ones.
  if (empty && !FIND_CAPACITY) throw new Error(`${empty} connections have no students or no enrollments to write to`);
  console.log(`${usable.length} connections over ${counselors.length} counselor sessions${empty ? ` (${empty} left out: nothing of their own to read or write)` : ""}`);
  return usable;
}

/**
 * Untimed page views before the clock starts, as the bench does: a production server runs
 * JIT-warm, and V8 keeps optimizing the render path for several hundred requests after a start
 * (caseload p50 36 → 25 ms over the first 1,000 on this machine; scripts/bench/counselor.ts).
 * LOAD_WARMUP views (default 600), four at a time on different connections, so node:cluster's
 * round-robin spreads them over the workers.
 */
async function warmUp(conns: Conn[]): Promise<void> {
  const WARMUP = Number(process.env.LOAD_WARMUP ?? 600);
  let next = 0;
  async function lane(): Promise<void> {
    for (let i = next++; i < WARMUP; i = next++) {
      const c = conns[i % conns.length];
      const path = i % 3 === 0 ? "/caseload" : `/students/${c.students[i % c.students.length]}`;
      const status = await request(c.agent, "GET", path, { cookie: c.cookie });
      if (status !== 200) throw new Error(`warm-up: ${path} answered ${status}`);
    }
  }
  await Promise.all([lane(), lane(), lane(), lane()]);
}

/**
 * Each counselor's own pages once, untimed, before their first timed step (`--find-capacity`): a
 * counselor's first caseload view reads what no other view has (their caseload, its risk), and
 * a step of new people all arriving cold would time that start rather than the load.
 */
async function warmEach(conns: Conn[]): Promise<void> {
  let next = 0;
  async function lane(): Promise<void> {
    for (let i = next++; i < conns.length; i = next++) {
      const c = conns[i];
      for (const path of ["/caseload", `/students/${c.students[0]}`]) {
        const status = await request(c.agent, "GET", path, { cookie: c.cookie });
        if (status !== 200) throw new Error(`warm-up: ${path} answered ${status}`);
      }
    }
  }
  await Promise.all([lane(), lane(), lane(), lane()]);
}

type Summary = {
  connections: number;
  seconds: number;
  thinkSeconds: number;
  /** How student pages were opened (NAVIGATION). */
  navigation: "client" | "document";
  requests: number;
  throughputPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  byRequest: Record<string, { requests: number; p50: number; p95: number }>;
  statuses: Record<string, number>;
  errors: number;
  failures?: Record<string, number>;
  serverPeakRssMB: number;
};

/** Whether a run held the budget: p95 under 200 ms, no failed request, the server under 1 GB. */
const holds = (s: Summary) => s.latencyMs.p95 < 200 && s.errors === 0 && s.serverPeakRssMB < 1024;

/** One timed run of `conns` counselors for `seconds`. */
async function run(conns: Conn[], stage: Stage, seconds: number): Promise<Summary> {
  const today = districtDay().toISOString().slice(0, 10);
  const byKind: Record<string, number[]> = { caseload: [], student: [], result: [] };
  const statuses: Record<string, number> = {};
  const failures: Record<string, number> = {};
  let peakKb = 0;
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, groupRssKb(stage.server.pid!))), 250);
  const pick = <T>(xs: T[], k: number) => xs[k % xs.length];
  const think = () => (THINK_SECONDS > 0 ? sleep(THINK_SECONDS * 1000 * (0.5 + Math.random())) : Promise.resolve());
  const until = performance.now() + seconds * 1000;

  /** One timed request; a status of 0 is a socket error or a timeout. `navigation`: a click on a link
   * inside the app (a React Server Components request, as the browser's router sends it). */
  async function send(kind: keyof typeof byKind, path: string, c: Conn, body?: string, navigation = false): Promise<number> {
    const t = performance.now();
    let status = 0;
    try {
      const headers: Record<string, string> = body ? { cookie: c.cookie, "content-type": "application/json" } : { cookie: c.cookie };
      if (navigation) headers.rsc = "1";
      // The router's cache-busting parameter: a hash of its state-tree and next-url headers, empty
      // without them (Next answers a request without the right one with a 307 to it).
      status = await request(c.agent, body ? "POST" : "GET", navigation ? `${path}?_rsc=` : path, headers, body);
    } catch (e) {
      status = 0;
      const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      failures[why] = (failures[why] ?? 0) + 1;
    }
    byKind[kind].push(performance.now() - t);
    statuses[status] = (statuses[status] ?? 0) + 1;
    return status;
  }

  /** A counselor's round: their caseload, two of their students, a result; a think time between any two. */
  const round: ((c: Conn) => Promise<unknown>)[] = [
    (c) => send("caseload", "/caseload", c),
    (c) => send("student", `/students/${pick(c.students, c.step * 2)}`, c, undefined, NAVIGATION === "client"),
    (c) => send("student", `/students/${pick(c.students, c.step * 2 + 1)}`, c, undefined, NAVIGATION === "client"),
    async (c) => {
      const t = pick(c.targets, c.step);
      const body = JSON.stringify({ version: t.version, results: [{ assessmentId: t.assessmentId, score: t.score, takenOn: today }] });
      if ((await send("result", `/api/enrollments/${t.id}/results`, c, body)) === 200) t.version++;
      c.step++;
    },
  ];

  /**
   * How long until a counselor's first request, for people already at work: the rest of a think
   * time caught at a random moment (the think time's residual life). With think times uniform on
   * 0.5–1.5 × THINK_SECONDS (mean THINK_SECONDS), half of it is uniform on 0–0.5 × and half falls
   * off linearly from 0.5 × to 1.5 ×; requests then arrive at the round's steady rate from the
   * first second.
   */
  const firstWait = () => THINK_SECONDS * 1000 * (Math.random() < 0.5 ? 0.5 * Math.random() : 1.5 - Math.sqrt(Math.random()));

  async function counselor(c: Conn): Promise<void> {
    // Each counselor starts at a random point of the round, after the rest of a think time. (Until
    // 2026-12-05 every counselor began with the caseload within the first think time: 200 caseload
    // views in 8 s, four times the round's rate of them, which made most of a run's slow requests
    // and kept the counselors in step, in caseload waves, for the rest of the run.)
    let at = Math.floor(Math.random() * round.length);
    await sleep(firstWait());
    while (performance.now() < until) {
      await round[at](c);
      at = (at + 1) % round.length;
      if (performance.now() >= until) return;
      await think();
    }
  }

  await Promise.all(conns.map(counselor));
  clearInterval(sampler);
  const samples = Object.values(byKind).flat();
  const s = stats(samples);
  return {
    connections: conns.length,
    seconds,
    thinkSeconds: THINK_SECONDS,
    navigation: NAVIGATION,
    requests: samples.length,
    throughputPerSecond: Math.round(samples.length / seconds),
    latencyMs: { p50: s.p50, p95: s.p95, p99: s.p99, max: s.max },
    byRequest: Object.fromEntries(
      Object.entries(byKind).map(([k, xs]) => {
        const ks = stats(xs);
        return [k, { requests: xs.length, p50: ks.p50, p95: ks.p95 }];
      }),
    ),
    statuses,
    errors: samples.length - (statuses[200] ?? 0),
    ...(Object.keys(failures).length ? { failures } : {}),
    serverPeakRssMB: Math.round(peakKb / 1024),
  };
}

/**
 * `--find-capacity`: steps of more counselors on the same warm server until one misses the budget.
 * Each step starts from people reading (their first click spread over a think time), as run() does.
 */
async function findCapacity(conns: Conn[], stage: Stage) {
  const cores = os.availableParallelism();
  const steps: Summary[] = [];
  let held: Summary | undefined;
  // The steps: from the start, a step more each time, the last one the most asked for or every
  // usable connection, whichever is fewer.
  if (!(CAPACITY.start >= 1 && CAPACITY.step >= 1 && CAPACITY.max >= 1)) throw new Error("LOAD_CAPACITY_START, LOAD_CAPACITY_STEP and LOAD_CAPACITY_MAX must each be 1 or more");
  const top = Math.min(CAPACITY.max, conns.length);
  if (top < 1) throw new Error("no counselor has students and enrollments of their own to load with");
  const sizes: number[] = [];
  for (let n = Math.min(CAPACITY.start, top); sizes.at(-1) !== top; n = Math.min(n + CAPACITY.step, top)) sizes.push(n);
  let warm = 0;
  for (const n of sizes) {
    await warmEach(conns.slice(warm, n));
    warm = n;
    const s = await run(conns.slice(0, n), stage, SECONDS);
    steps.push(s);
    const ok = holds(s);
    console.log(
      `${String(n).padStart(5)} counselors: ${String(s.throughputPerSecond).padStart(4)} requests/s, p95 ${s.latencyMs.p95.toFixed(0).padStart(5)} ms, errors ${s.errors}, server ${s.serverPeakRssMB} MB — ${ok ? "holds" : "misses the budget"}`,
    );
    if (!ok) break;
    held = s;
  }
  const capacity = held
    ? {
        counselors: held.connections,
        requestsPerSecond: held.throughputPerSecond,
        p95Ms: held.latencyMs.p95,
        counselorsPerCore: Math.round(held.connections / cores),
        requestsPerSecondPerCore: Math.round((10 * held.throughputPerSecond) / cores) / 10,
      }
    : null;
  const machine = benchMachine();
  const reached = steps.at(-1)!.connections;
  const limit = capacity
    ? reached === capacity.counselors
      ? `every step held, up to ${reached} (${top === CAPACITY.max ? "LOAD_CAPACITY_MAX" : "every usable connection"}): the capacity is at least that`
      : `${reached} missed it`
    : `the first step (${reached}) missed it`;
  console.log(
    `\n=== Capacity (a click every ~${THINK_SECONDS} s each, ${SECONDS} s steps, PostgreSQL, ${stage.scale} scale, this machine: ${cores} cores shared by PostgreSQL, the server and the load): ` +
      (capacity ? `${capacity.counselors} counselors, ${capacity.requestsPerSecond} requests/s with p95 < 200 ms and 0 errors; ${limit}` : limit),
  );
  console.log(JSON.stringify({ capacity, machine }, null, 2));
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync(
    "bench-results/capacity.json",
    JSON.stringify(
      {
        at: new Date().toISOString(),
        scale: stage.scale,
        students: stage.students,
        budget: "p95 < 200 ms, 0 errors, server < 1 GB",
        thinkSeconds: THINK_SECONDS,
        stepSeconds: SECONDS,
        machine,
        capacity,
        steps,
      },
      null,
      2,
    ),
  );
}

async function main(stage: Stage) {
  const conns = await prepareConnections();
  await warmUp(conns);
  try {
    if (FIND_CAPACITY) return await findCapacity(conns, stage);
    const summary = await run(conns, stage, SECONDS);
    const verdict = holds(summary) ? "PASS" : "FAIL";
    const pace = THINK_SECONDS > 0 ? `a click every ~${THINK_SECONDS} s each` : "no think time";
    console.log(`\n=== Load (${CONNECTIONS} counselors, ${pace}, ${SECONDS} s, PostgreSQL, ${stage.scale} scale): ${verdict} (budget p95 < 200 ms, 0 errors, < 1 GB)`);
    console.log(JSON.stringify(summary, null, 2));
    fs.mkdirSync("bench-results", { recursive: true });
    fs.writeFileSync("bench-results/load.json", JSON.stringify({ at: new Date().toISOString(), scale: stage.scale, verdict, machine: benchMachine(), ...summary }, null, 2) + "\n");
  } finally {
    for (const c of conns) c.agent.destroy();
  }
}

const stage = await stageDistrict({ port, scale: stageScaleArg(process.argv.slice(2)) });
try {
  await main(stage);
} finally {
  await stage.stop();
}
