// Issue #19: an upload from the Imports page runs on the job runner of any host, not in the HTTP
// request. The host that receives it stores the file in PostgreSQL and queues the run; a runner
// takes it (one host per run), and the host answering the browser reads its progress and report
// from the run's row.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db, embedded } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { tempDir } from "@/lib/test/temp-dir";
import { fixture } from "@/lib/imports/test-helpers";
import { handle as postImport } from "@/app/api/imports/handle";
import { markInterruptedRuns, QUEUED_EXPIRES_MS, STALE_AFTER_MS } from "@/lib/imports/interrupted";
import { runImport } from "@/lib/imports/run";
import { queueImport, queuedState, reportOfRun, runNextQueuedImport, startImportQueue, stopImportQueue } from "@/lib/imports/queue";
import { importRequest } from "@/lib/imports/schema";

useTestDatabase();

const CATALOG = fixture("catalog/catalog.csv");
const request = (over: Record<string, string> = {}) => importRequest.parse({ kind: "catalog", name: "catalog.csv", ...over });
const sha256 = (f: string) => createHash("sha256").update(fs.readFileSync(f)).digest("hex");
const ourTempDirs = () => fs.readdirSync(os.tmpdir()).filter((d) => d.startsWith("ct-queued-") || d.startsWith("ct-upload-"));

afterEach(async () => {
  await stopImportQueue();
});

async function admin() {
  return viewerOf(await makeUser("DISTRICT_ADMIN", null));
}

async function lines(res: Response): Promise<{ type: string; phase?: string; report?: Record<string, unknown>; message?: string }[]> {
  const text = await res.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("the queue of uploaded imports", () => {
  it("the answering host stores the upload and reports the run another runner took, progress then report", async () => {
    const before = ourTempDirs();
    const viewer = await admin();
    const body = fs.readFileSync(CATALOG);
    const req = new Request("http://127.0.0.1:3000/api/imports?kind=catalog&name=catalog.csv", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", "content-type": "text/csv", "content-length": String(body.length) },
      body,
    });
    const res = await postImport(viewer, req);
    expect(res.status).toBe(200);
    if (embedded()) {
      // One process per embedded database: no other host can exist, so the answering process takes
      // the upload itself, runner or not.
      const got = await lines(res);
      expect(got.at(-1)).toMatchObject({ type: "done", report: { status: "succeeded", errorTotal: 0 } });
      expect(await db().importUpload.count()).toBe(0);
      return;
    }
    // On a server, no runner in this "host" yet: the upload waits, queued, with its file in PostgreSQL.
    const queued = await db().importRun.findFirstOrThrow({ orderBy: { startedAt: "desc" } });
    expect(queued).toMatchObject({ status: "queued", kind: "catalog", fileName: "catalog.csv", userId: viewer.id, dryRun: false });
    expect(await db().importUpload.count({ where: { runId: queued.id } })).toBe(1);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(JSON.parse(first.split("\n")[0]!)).toMatchObject({ type: "progress", phase: "queued" });
    // Another host's runner takes it (the same queue a server's job runner runs).
    startImportQueue(50);
    const got = await lines(
      new Response(
        new ReadableStream({
          pull: async (c) => {
            const { value, done } = await reader.read();
            if (done) c.close();
            else c.enqueue(value);
          },
        }),
      ),
    );
    const done = got.at(-1)!;
    expect(done.type).toBe("done");
    const run = await db().importRun.findUniqueOrThrow({ where: { id: queued.id } });
    expect(run.status).toBe("succeeded");
    expect(run.checksum).toBe(sha256(CATALOG));
    // The browser's report is the one the runner's import returned, recorded on the run for any host…
    expect(done.report).toEqual(JSON.parse(run.result!));
    // …and says what the page's import always said of this file: the same rows in the same order
    // (a report rebuilt from the row's JSONB counts would reorder them), run again as a preview.
    const direct = await runImport(viewer, "catalog", CATALOG, { dryRun: true });
    expect(Object.keys(done.report!.counts as object)).toEqual(Object.keys(direct.counts));
    expect(reportOfRun(run)).toMatchObject({ runId: run.id, status: "succeeded" });
    expect(done.report).toMatchObject({ runId: run.id, status: "succeeded", dryRun: false, errorTotal: 0, wouldFail: false });
    expect(await db().onlineCourse.count()).toBeGreaterThan(0);
    // Nothing of the upload is left: no stored pieces, no temporary folders.
    expect(await db().importUpload.count()).toBe(0);
    await vi.waitFor(() => expect(ourTempDirs().filter((d) => !before.includes(d))).toEqual([]));
  });

  it("reassembles a file stored in many pieces byte for byte", async () => {
    const viewer = await admin();
    const dir = tempDir("ct-queue-test-");
    const file = path.join(dir, "catalog.csv");
    fs.copyFileSync(CATALOG, file);
    const runId = await queueImport(viewer, request({ dryRun: "1" }), file, 100);
    expect(await db().importUpload.count({ where: { runId } })).toBe(Math.ceil(fs.statSync(file).size / 100));
    expect(await runNextQueuedImport()).toBe(runId);
    const run = await db().importRun.findUniqueOrThrow({ where: { id: runId } });
    expect(run.checksum).toBe(sha256(file));
    expect(run.status).toBe("dry-run");
    expect(await runNextQueuedImport()).toBeNull();
  });

  it("two hosts claiming at once take each queued run exactly once", async () => {
    const viewer = await admin();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await queueImport(viewer, request({ dryRun: "1" }), CATALOG));
    // Eight claims at once on separate connections (on a server): SKIP LOCKED hands each run to one.
    const taken = (await Promise.all(Array.from({ length: 8 }, () => runNextQueuedImport()))).filter((x) => x !== null);
    expect(taken.sort()).toEqual([...ids].sort());
    const runs = await db().importRun.findMany({ where: { id: { in: ids } } });
    expect(runs.map((r) => r.status)).toEqual(["dry-run", "dry-run", "dry-run", "dry-run"]);
  });

  it("an uploader deactivated before the run starts imports nothing, and the run says why", async () => {
    const user = await makeUser("DISTRICT_ADMIN", null);
    const runId = await queueImport(viewerOf(user), request(), CATALOG);
    await db().user.update({ where: { id: user.id }, data: { active: false, deactivatedAt: new Date() } });
    const courses = await db().onlineCourse.count();
    await runNextQueuedImport();
    const s = await queuedState(runId);
    expect(s.state).toBe("done");
    if (s.state !== "done") return;
    expect(s.report.status).toBe("failed");
    expect(s.report.errors[0]!.message).toMatch(/can no longer run imports; nothing was written/);
    expect(await db().onlineCourse.count()).toBe(courses);
    expect(await db().importUpload.count({ where: { runId } })).toBe(0);
  });

  it("an upload no runner took within a day is not imported when one starts, and says why", async () => {
    const viewer = await admin();
    const runId = await queueImport(viewer, request(), CATALOG);
    // Queued a day and a minute ago; a runner starts only now.
    await db().importRun.update({ where: { id: runId }, data: { startedAt: new Date(Date.now() - QUEUED_EXPIRES_MS - 60_000) } });
    const courses = await db().onlineCourse.count();
    expect(await runNextQueuedImport()).toBe(runId);
    const s = await queuedState(runId);
    expect(s.state).toBe("done");
    if (s.state !== "done") return;
    expect(s.report.status).toBe("failed");
    expect(s.report.errors[0]!.message).toMatch(/within 24 hours .* nothing was written/);
    expect(await db().onlineCourse.count()).toBe(courses);
    expect(await db().importUpload.count({ where: { runId } })).toBe(0);
  });

  it("an upload queued over a day is settled by the sweep, its file deleted; a younger one waits", async () => {
    const viewer = await admin();
    const [old, young] = [await queueImport(viewer, request({ dryRun: "1" }), CATALOG), await queueImport(viewer, request(), CATALOG)];
    await db().importRun.update({ where: { id: old }, data: { startedAt: new Date(Date.now() - QUEUED_EXPIRES_MS - 60_000) } });
    await db().importRun.update({ where: { id: young }, data: { startedAt: new Date(Date.now() - QUEUED_EXPIRES_MS + 60_000) } });
    const marked = await markInterruptedRuns();
    expect(marked).toContain(old);
    expect(marked).not.toContain(young);
    expect(await db().importUpload.count({ where: { runId: old } })).toBe(0);
    expect(await db().importUpload.count({ where: { runId: young } })).toBeGreaterThan(0);
    // The browser still waiting on it is told at once, with the report the page shows.
    const s = await queuedState(old);
    expect(s.state === "done" && s.report).toMatchObject({ status: "failed", dryRun: true, wouldFail: true, runId: old, errorTotal: 1 });
    expect(await queuedState(young)).toEqual({ state: "queued" });
    // The report rebuilt from the row (the runs list) says the same.
    expect(reportOfRun(await db().importRun.findUniqueOrThrow({ where: { id: old } })).errors[0]!.message).toMatch(/within 24 hours/);
    await db().importRun.delete({ where: { id: young } });
  });

  it("a run whose host died is interrupted and its stored file deleted", async () => {
    const viewer = await admin();
    const runId = await queueImport(viewer, request(), CATALOG);
    // Taken by a host that then died: "running", its heartbeat stopped long ago.
    await db().importRun.update({ where: { id: runId }, data: { status: "running", heartbeatAt: new Date(Date.now() - STALE_AFTER_MS - 60_000) } });
    expect(await markInterruptedRuns()).toContain(runId);
    expect(await db().importUpload.count({ where: { runId } })).toBe(0);
    const s = await queuedState(runId);
    expect(s.state === "done" && s.report.status).toBe("failed");
  });
});
