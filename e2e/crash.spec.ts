import { execFile } from "node:child_process";
import { test, expect } from "./fixtures";

// Crash safety in CI: scripts/crash-test.ts SIGKILLs a production server of its own (a free port,
// the build this run made) mid-burst of JSON-API writes, restarts it on the same database and
// checks every acknowledged write is there and nothing is half-written. On PostgreSQL when
// DATABASE_URL is set, and always on the embedded PGlite.

function crashTest(env: NodeJS.ProcessEnv): Promise<{ code: number; summary: Record<string, unknown> | null; output: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "--conditions=react-server", "scripts/crash-test.ts"], { env, timeout: 240_000, maxBuffer: 1 << 22 }, (err, stdout, stderr) => {
      const line = stdout.split("\n").find((l) => l.startsWith("CRASH-RESULT "));
      resolve({ code: err ? Number(err.code ?? 1) : 0, summary: line ? JSON.parse(line.slice("CRASH-RESULT ".length)) : null, output: stdout + stderr });
    });
  });
}

const engines = [...(process.env.DATABASE_URL ? ["postgresql"] : []), "pglite"];

for (const engine of engines) {
  test(`SIGKILL mid-burst on ${engine}: every acknowledged write survives, nothing half-written`, async () => {
    test.setTimeout(300_000);
    const env: NodeJS.ProcessEnv = { ...process.env, CRASH_PORT: process.env.E2E_CRASH_PORT ?? "3199", CRASH_WRITES: "120" };
    if (engine === "pglite") delete env.DATABASE_URL;
    const { code, summary, output } = await crashTest(env);
    expect(summary, output.slice(-2000)).not.toBeNull();
    expect(summary!.problems).toEqual([]);
    expect(summary!.acknowledged as number).toBeGreaterThanOrEqual(40);
    expect(summary!.restartedWriteOk).toBe(true);
    expect(code).toBe(0);
  });
}
