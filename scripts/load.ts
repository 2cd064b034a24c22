// `npm run load`: 200 concurrent signed-in counselors for 60 s against the production build on
// PostgreSQL with the district-scale seed (issue 6 budget: p95 < 200 ms, 0 errors, server < 1 GB).
// Each connection is one counselor's session and loops: caseload page → two of that counselor's
// student pages → record a result through the JSON API (on enrollments of its own, so a 409 would
// be a real error). Loopback only; bounded by LOAD_SECONDS (default 60) and a watchdog.
// - The database and server come from scripts/bench/stage.ts (DATABASE_URL, or a throwaway
//   cluster seeded at district scale).
// - LOAD_PORT (default 3105), NEXT_DIST_DIR (default .next; built when missing), LOAD_CONNECTIONS (200).
import fs from "node:fs";
import { db } from "@/lib/db";
import { dayOf } from "@/lib/enrollments/rules";
import { makeContext, stats } from "./bench/harness";
import { stageDistrict, type Stage } from "./bench/stage";

const port = Number(process.env.LOAD_PORT ?? 3105);
const base = `http://127.0.0.1:${port}`;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);

// autocannon ships no types (and @types/autocannon is not installed): the part used here.
type Instance = PromiseLike<{ errors: number; timeouts: number; non2xx: number }> & {
  on(event: "response", fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
};
const AUTOCANNON = "autocannon";
const { default: autocannon } = (await import(AUTOCANNON)) as { default: (opts: object) => Instance };

type Conn = { cookie: string; students: string[]; targets: { id: string; version: number; assessmentId: string; score: number }[]; step: number };

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
  const today = dayOf(new Date());
  const conns: Conn[] = [];
  for (let i = 0; i < CONNECTIONS; i++) {
    const c = counselors[i % counselors.length];
    const share = Math.floor(i / counselors.length); // connections sharing a counselor split their enrollments
    const sharing = Math.ceil((CONNECTIONS - (i % counselors.length)) / counselors.length);
    const students = await db().student.findMany({ where: { counselorId: c.id, status: "ENROLLED" }, orderBy: { id: "asc" }, take: 20, skip: share * 20, select: { id: true } });
    const enrollments = await db().enrollment.findMany({
      where: { status: "ACTIVE", startDate: { lte: today }, student: { counselorId: c.id } },
      orderBy: { id: "asc" },
      select: { id: true, version: true, course: { select: { assessments: { orderBy: { position: "asc" }, take: 1 } } } },
    });
    const mine = enrollments.filter((_, k) => k % sharing === share);
    conns.push({
      cookie: await ctx.session(c.email),
      students: students.map((s) => s.id),
      targets: mine.map((e) => ({ id: e.id, version: e.version, assessmentId: e.course.assessments[0].id, score: Math.round(Number(e.course.assessments[0].maxScore) * 0.75) })),
      step: 0,
    });
  }
  const empty = conns.filter((c) => c.students.length === 0 || c.targets.length === 0).length;
  if (empty) throw new Error(`${empty} connections have no students or no enrollments to write to`);
  console.log(`${conns.length} connections over ${counselors.length} counselor sessions`);
  return conns;
}

async function main(stage: Stage) {
  const conns = await prepareConnections();
  const today = new Date().toISOString().slice(0, 10);
  let next = 0;
  const samples: number[] = [];
  const statuses: Record<number, number> = {};
  let peakKb = 0;
  const sampler = setInterval(() => (peakKb = Math.max(peakKb, groupRssKb(stage.server.pid!))), 250);
  const pick = <T>(xs: T[], k: number) => xs[k % xs.length];
  const instance = autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    // Each client (connection) is one counselor: its context carries the session and its ids.
    initialContext: {},
    requests: [
      {
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          context.conn ??= conns[next++ % conns.length];
          const c = context.conn as Conn;
          return { ...req, method: "GET", path: "/caseload", headers: { cookie: c.cookie } };
        },
      },
      { setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => studentPage(req, context.conn as Conn, 0) },
      { setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => studentPage(req, context.conn as Conn, 1) },
      {
        setupRequest: (req: Record<string, unknown>, context: Record<string, unknown>) => {
          const c = context.conn as Conn;
          const t = pick(c.targets, c.step);
          context.target = t;
          const body = JSON.stringify({ version: t.version, results: [{ assessmentId: t.assessmentId, score: t.score, takenOn: today }] });
          return { ...req, method: "POST", path: `/api/enrollments/${t.id}/results`, headers: { cookie: c.cookie, "content-type": "application/json" }, body };
        },
        onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
          const c = context.conn as Conn;
          if (status === 200) (context.target as Conn["targets"][number]).version++;
          c.step++;
        },
      },
    ],
  });
  function studentPage(req: Record<string, unknown>, c: Conn, k: number) {
    return { ...req, method: "GET", path: `/students/${pick(c.students, c.step * 2 + k)}`, headers: { cookie: c.cookie } };
  }
  instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
    samples.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const watchdog = setTimeout(() => instance.stop(), (SECONDS + 30) * 1000);
  const result = await instance;
  clearTimeout(watchdog);
  clearInterval(sampler);
  const s = stats(samples);
  const errors = result.errors + result.timeouts + result.non2xx;
  const summary = {
    connections: CONNECTIONS,
    seconds: SECONDS,
    requests: samples.length,
    throughputPerSecond: Math.round(samples.length / SECONDS),
    latencyMs: { p50: s.p50, p95: s.p95, p99: s.p99, max: s.max },
    statuses,
    errors: { total: errors, socket: result.errors, timeouts: result.timeouts, non2xx: result.non2xx },
    serverPeakRssMB: Math.round(peakKb / 1024),
  };
  const verdict = s.p95 < 200 && errors === 0 && peakKb < 1024 * 1024 ? "PASS" : "FAIL";
  console.log(`\n=== Load (${CONNECTIONS} counselors, ${SECONDS} s, PostgreSQL, district scale): ${verdict} (budget p95 < 200 ms, 0 errors, < 1 GB)`);
  console.log(JSON.stringify(summary, null, 2));
  fs.mkdirSync("bench-results", { recursive: true });
  fs.writeFileSync("bench-results/load.json", JSON.stringify({ at: new Date().toISOString(), verdict, ...summary }, null, 2));
}

const stage = await stageDistrict({ port });
try {
  await main(stage);
} finally {
  await stage.stop();
}
