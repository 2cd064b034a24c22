// A district's data manager starts a roster import in the browser and closes the tab (or the network
// drops) while it runs. The import must still finish and be recorded: writing its next progress line
// to the gone browser used to throw inside the import's file reading: an uncaught exception, which
// ends the web server's worker (and every request it was serving), and the run was left "running"
// until it was marked interrupted, its roster never written.
import fs from "node:fs";
import path from "node:path";
import { zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeUser, viewerOf } from "@/lib/test/factory";
import { tempDir } from "@/lib/test/temp-dir";
import { writeSyntheticRoster } from "@/lib/imports/synthetic";
import { handle as postImport } from "@/app/api/imports/handle";
import { startImportQueue, stopImportQueue } from "@/lib/imports/queue";

useTestDatabase();
// The server's job runner takes the queued upload (lib/imports/queue.ts), as on a server.
beforeAll(() => void startImportQueue(100));
afterAll(() => stopImportQueue());

const STUDENTS = 4000;

describe("an import whose browser goes away", () => {
  it("finishes, writes the roster and records its run", async () => {
    const admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    const dir = tempDir("ct-disconnect-");
    writeSyntheticRoster(dir, STUDENTS, { schools: 2 });
    const zip = zipSync(Object.fromEntries(fs.readdirSync(dir).map((f) => [f, new Uint8Array(fs.readFileSync(path.join(dir, f)))])));
    const req = new Request("http://127.0.0.1:3000/api/imports?kind=oneroster&name=roster.zip", {
      method: "POST",
      headers: { host: "127.0.0.1:3000", "content-type": "application/octet-stream", "content-length": String(zip.length) },
      body: zip,
    });
    const res = await postImport(admin, req);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = JSON.parse(new TextDecoder().decode((await reader.read()).value).split("\n")[0]!) as { type: string };
    expect(first.type).toBe("progress");
    await reader.cancel(); // the tab is closed

    let run = await db().importRun.findFirst({ orderBy: { startedAt: "desc" } });
    for (let i = 0; i < 1200 && !run?.finishedAt; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = await db().importRun.findFirst({ orderBy: { startedAt: "desc" } });
    }
    expect(run?.status).toBe("succeeded");
    expect(await db().student.count()).toBe(STUDENTS);
  }, 180_000);
});
