import { afterEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { handle as postResults } from "@/app/api/enrollments/[id]/results/handle";
import { handle as postNote } from "@/app/api/students/[id]/notes/handle";
import { POST as postImport } from "@/app/api/imports/route";

// Writes from other sites: a page on another origin (another port of the same host, say) must not
// be able to write as the signed-in user. Every state-changing API route checks Origin (or, when a
// browser sends none, Sec-Fetch-Site) against the app's own origin, and the JSON routes take only
// application/json, which a cross-site form or no-preflight fetch cannot send.

useTestDatabase();

const APP = "http://127.0.0.1:3000";
const iso = (d: Date) => d.toISOString().slice(0, 10);
const daysAgo = (n: number) => iso(new Date(Date.now() - n * 86_400_000));

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Request(`${APP}${path}`, {
    method: "POST",
    headers: { host: "127.0.0.1:3000", "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function setup() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse();
  const enrollment = await db().enrollment.create({
    data: { studentId: student.id, courseId: course.id, startDate: new Date(`${daysAgo(30)}T00:00:00Z`), targetDate: new Date(`${daysAgo(-60)}T00:00:00Z`) },
  });
  const note = { kind: "OTHER", body: "Written from somewhere." };
  const results = { version: 1, results: [{ assessmentId: course.assessments[0].id, score: 80, takenOn: daysAgo(1) }] };
  const written = async () => ({
    notes: await db().note.count({ where: { studentId: student.id } }),
    results: await db().assessmentResult.count({ where: { enrollmentId: enrollment.id } }),
  });
  return { me: viewerOf(counselor), student, enrollment, note, results, written };
}

const savedUrl = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
});

describe("the JSON write routes refuse other sites", () => {
  it("answers 415 to a text/plain body holding JSON (the no-preflight cross-site fetch), and writes nothing", async () => {
    const { me, student, enrollment, note, results, written } = await setup();
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const n = await postNote(me, post(`/api/students/${student.id}/notes`, note, { "content-type": type }), { id: student.id });
      const r = await postResults(me, post(`/api/enrollments/${enrollment.id}/results`, results, { "content-type": type }), { id: enrollment.id });
      expect([n.status, r.status], type).toEqual([415, 415]);
      expect((await n.json()).error).toMatch(/application\/json/);
    }
    const noType = new Request(`${APP}/api/x`, { method: "POST", body: new Blob([JSON.stringify(note)]) });
    expect((await postNote(me, noType, { id: student.id })).status).toBe(415);
    expect(await written()).toEqual({ notes: 0, results: 0 });
  });

  it("answers 403 with a JSON error to a request from another origin, even as JSON", async () => {
    const { me, student, enrollment, note, results, written } = await setup();
    const foreign: Record<string, string>[] = [
      { origin: "http://127.0.0.1:4000" }, // another port of the same host
      { origin: "https://127.0.0.1:3000" }, // another scheme
      { origin: "http://evil.example" },
      { origin: "null" }, // a sandboxed frame or a data: page
      { "sec-fetch-site": "same-site" }, // no Origin, but the browser says another origin of the site
      { "sec-fetch-site": "cross-site" },
    ];
    for (const h of foreign) {
      const n = await postNote(me, post(`/api/students/${student.id}/notes`, note, h), { id: student.id });
      const r = await postResults(me, post(`/api/enrollments/${enrollment.id}/results`, results, h), { id: enrollment.id });
      expect([n.status, r.status], JSON.stringify(h)).toEqual([403, 403]);
      expect(await n.json(), JSON.stringify(h)).toEqual({ error: expect.stringMatching(/another site/) });
    }
    // The text/plain attack from another port is refused as cross-site first.
    const plain = await postNote(me, post(`/api/students/${student.id}/notes`, JSON.stringify(note), { origin: "http://127.0.0.1:4000", "content-type": "text/plain" }), {
      id: student.id,
    });
    expect(plain.status).toBe(403);
    expect(await written()).toEqual({ notes: 0, results: 0 });
  });

  it("accepts the app's own origin, a browser's same-origin request without Origin, and a script's request with neither", async () => {
    const { me, student, note, written } = await setup();
    const ok: Record<string, string>[] = [{ origin: APP }, { "sec-fetch-site": "same-origin" }, {}];
    for (const h of ok) {
      const res = await postNote(me, post(`/api/students/${student.id}/notes`, note, h), { id: student.id });
      expect(res.status, JSON.stringify(h)).toBe(200);
    }
    expect((await written()).notes).toBe(3);
  });

  it("behind a TLS proxy: the forwarded protocol and host, or NEXTAUTH_URL, are the app's origin", async () => {
    const { me, student, note } = await setup();
    const proxied = { host: "10.0.0.8:3000", "x-forwarded-proto": "https", "x-forwarded-host": "credittrack.district.example" };
    const res = await postNote(me, post(`/api/students/${student.id}/notes`, note, { ...proxied, origin: "https://credittrack.district.example" }), { id: student.id });
    expect(res.status).toBe(200);
    expect((await postNote(me, post(`/api/students/${student.id}/notes`, note, { ...proxied, origin: "http://credittrack.district.example" }), { id: student.id })).status).toBe(
      403,
    );

    process.env.NEXTAUTH_URL = "https://credittrack.district.example/";
    const rewritten = await postNote(me, post(`/api/students/${student.id}/notes`, note, { host: "10.0.0.8:3000", origin: "https://credittrack.district.example" }), {
      id: student.id,
    });
    expect(rewritten.status).toBe(200);
  });
});

describe("the import upload refuses other sites", () => {
  it("answers 403 before reading the session or the file", async () => {
    const foreign: Record<string, string>[] = [{ origin: "http://127.0.0.1:4000" }, { "sec-fetch-site": "cross-site" }];
    for (const h of foreign) {
      const req = new Request(`${APP}/api/imports?kind=progress&name=p.csv&dryRun=1`, {
        method: "POST",
        headers: { host: "127.0.0.1:3000", "content-type": "application/octet-stream", ...h },
        body: "a,b\n1,2\n",
      });
      const res = await postImport(req);
      expect(res.status, JSON.stringify(h)).toBe(403);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/another site/) });
    }
    expect(await db().importRun.count()).toBe(0);
  });
});
