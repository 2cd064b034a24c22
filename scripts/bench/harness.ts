// Shared bench plumbing: a production server on PostgreSQL, signed-in HTTP timing, in-process
// timing, and the result table. Each area adds scripts/bench/<area>.ts exporting
// `default async function (ctx: BenchContext): Promise<void>` that calls ctx.report(...).
import http from "node:http";
import { performance } from "node:perf_hooks";
import type { Db } from "@/lib/db";
import { DEMO_PASSWORD } from "../../prisma/seed/demo-logins";

export type Stats = { n: number; p50: number; p95: number; p99: number; mean: number; max: number };
export type BenchRow = {
  area: string;
  name: string;
  stats?: Stats;
  /** A single figure instead of a timing (e.g. rows/s, MB). */
  value?: number;
  unit?: string;
  /** Budget in ms for stats.p95, or for value when `higherIsBetter` is false. */
  budget?: number;
  higherIsBetter?: boolean;
  note?: string;
};

export type BenchContext = {
  baseURL: string;
  db: Db;
  /** The seed the stage holds (scripts/bench/stage.ts): "district" (60,000 students) or "city" (300,000). */
  scale: "district" | "city";
  /** Cookie header of a signed-in session for that user (password: the demo password). */
  session(email: string): Promise<string>;
  /** GET `path` as that user `n` times (after `warmup` untimed requests); fails on a non-200. */
  http(email: string, path: string, opts?: { n?: number; warmup?: number }): Promise<Stats>;
  /** Time an async function `n` times in this process (after `warmup` untimed calls). */
  /** `before`: run before each call, untimed (e.g. a write the measured read must see). */
  measure(fn: (i: number) => Promise<unknown>, opts?: { n?: number; warmup?: number; before?: () => Promise<unknown> }): Promise<Stats>;
  report(row: BenchRow): void;
};

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: round(q(50)),
    p95: round(q(95)),
    p99: round(q(99)),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
    max: round(s[s.length - 1]),
  };
}

/**
 * A browser's connection: one keep-alive socket, dropped after 4 s idle, before the server's 5 s
 * keep-alive timeout could close it under a request (a browser retries such a request; this does not).
 */
export function browserAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1, timeout: 4_000 });
}

/**
 * One HTTP request on `agent`; resolves with the status once the whole body has arrived. It asks
 * for compression as a browser does, so the server does a browser's work, but counts the body
 * without decoding it: the client's decompression and text decoding are not server time (with
 * fetch they added 3–6 ms to a caseload page's round trip on this machine).
 */
export function request(agent: http.Agent, url: string, opts: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { "accept-encoding": "gzip, deflate, br", ...opts.headers };
    const req = http.request(url, { method: opts.method ?? "GET", agent, headers, timeout: opts.timeoutMs ?? 10_000 }, (res) => {
      res.on("data", () => {});
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(opts.body);
  });
}

export function makeContext(baseURL: string, db: Db, rows: BenchRow[], scale: BenchContext["scale"] = "district"): BenchContext {
  const sessions = new Map<string, string>();
  async function session(email: string): Promise<string> {
    const hit = sessions.get(email);
    if (hit) return hit;
    const csrf = await fetch(`${baseURL}/api/auth/csrf`);
    const jar = cookiesOf(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const res = await fetch(`${baseURL}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" }),
    });
    const cookie = [jar, cookiesOf(res)].filter(Boolean).join("; ");
    if (!cookie.includes("session-token")) throw new Error(`bench: could not sign in as ${email} (${res.status})`);
    sessions.set(email, cookie);
    return cookie;
  }
  async function measure(fn: (i: number) => Promise<unknown>, opts: { n?: number; warmup?: number; before?: () => Promise<unknown> } = {}) {
    const { n = 50, warmup = 5, before } = opts;
    for (let i = 0; i < warmup; i++) (await before?.(), await fn(i));
    const samples: number[] = [];
    for (let i = 0; i < n; i++) {
      await before?.();
      const t = performance.now();
      await fn(warmup + i);
      samples.push(performance.now() - t);
    }
    return stats(samples);
  }
  const agent = browserAgent(); // the timed requests come as from one browser
  async function timedGet(email: string, path: string, opts: { n?: number; warmup?: number } = {}) {
    const cookie = await session(email);
    // A production server runs JIT-warm: 60 untimed requests first (unless told otherwise). With
    // 20, the first series after the server started still showed cold effects (caseload p95 56 ms,
    // then 41–48 ms for four more series of the same page). The untimed ones may wait long: the
    // first can decide a district table from scratch (the quality view's: 6–23 s), which the timed
    // ones then find kept (lib/reports/cache.ts); a timed request still fails after 10 s.
    const warm = opts.warmup ?? 60;
    return measure(
      async (i) => {
        const status = await request(agent, `${baseURL}${path}`, { headers: { cookie }, timeoutMs: i < warm ? 180_000 : undefined });
        if (status !== 200) throw new Error(`bench: GET ${path} as ${email} answered ${status}`);
      },
      { ...opts, warmup: warm },
    );
  }
  return { baseURL, db, scale, session, http: timedGet, measure, report: (row) => rows.push(row) };
}

function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export function printTable(rows: BenchRow[]): void {
  const lines = rows.map((r) => {
    const fig = r.stats ? `p50 ${r.stats.p50} ms  p95 ${r.stats.p95} ms  (n=${r.stats.n})` : `${r.value} ${r.unit ?? ""}`;
    let verdict = "";
    if (r.budget !== undefined) {
      const v = r.stats ? r.stats.p95 : r.value!;
      const ok = r.higherIsBetter ? v >= r.budget : v <= r.budget;
      verdict = `${ok ? "PASS" : "FAIL"} (budget ${r.higherIsBetter ? "≥" : "≤"} ${r.budget}${r.stats ? " ms p95" : ` ${r.unit ?? ""}`})`;
    }
    return [`${r.area}: ${r.name}`, fig, verdict, r.note ?? ""];
  });
  const w = [0, 1, 2].map((i) => Math.max(...lines.map((l) => l[i].length)));
  for (const l of lines)
    console.log(
      l
        .map((c, i) => (i < 3 ? c.padEnd(w[i]) : c))
        .join("  ")
        .trimEnd(),
    );
}
