// Every API route handler, called with hostile query strings and bodies. The session is the one
// seam: lib/auth's currentViewer is replaced by a viewer the test sets (the routes' own code, zod
// parsing, scoped queries and the real database run as in production). The JSON write routes
// expose handle(viewer, req, params) and are called through it. NextAuth's own handler is a
// third-party endpoint and is covered by e2e (sign-in, throttling) instead.
// Expected: a 4xx with a JSON error (field-named for a 400), or 200 for a read, never a 500 or
// an exception, and no row written.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeCourse, makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import type { Viewer } from "@/lib/access";
import { enrollStudent } from "@/lib/enrollments/enroll";
import { anyValue, BAD_DATES, foreignId, HTMLISH, hugeString, partialRecord, SQLISH } from "./hostile";
import { rowCounts } from "./counts";

const session = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/lib/auth", () => ({ currentViewer: async () => session.viewer }));

useTestDatabase();

const RUNS = 40;
let viewers: Viewer[];
let ids: { student: string; enrollment: string; school: string };

beforeAll(async () => {
  const school = await makeSchool();
  const c = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, c.id);
  const course = await makeCourse();
  const e = await enrollStudent(viewerOf(c), {
    studentId: student.id,
    courseId: course.id,
    startDate: new Date("2025-09-02T00:00:00Z"),
    targetDate: undefined,
    replacesId: undefined,
  });
  viewers = [viewerOf(c), viewerOf(await makeUser("SCHOOL_ADMIN", school.id)), viewerOf(await makeUser("DISTRICT_ADMIN", null))];
  ids = { student: student.id, enrollment: e.id, school: school.id };
});

const str = (v: unknown) => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
const queryValue = fc.oneof(
  fc.constantFrom(...SQLISH, ...HTMLISH, ...BAD_DATES, "2024", "2024-25", "-1", "NaN", "Infinity", "99999999999999999999", "\u0000", "%00", "acgr4", "equity"),
  hugeString.map((s) => s.slice(0, 9000)),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  anyValue.map(str),
);
const queryString = fc
  .dictionary(fc.constantFrom("year", "cohort", "school", "table", "figure", "kind", "name", "dryRun", "partial", "x", "year[]"), queryValue, { maxKeys: 5 })
  .map((d) => new URLSearchParams(d).toString());

async function expectSafe(res: Response, allowed: number[]) {
  expect(
    res.status,
    await res
      .clone()
      .text()
      .then((t) => t.slice(0, 300)),
  ).not.toBeGreaterThanOrEqual(500);
  expect(allowed).toContain(res.status);
  if (res.status === 400) {
    const body = (await res.json()) as { error?: string; fieldErrors?: Record<string, unknown> };
    expect(body.error).toBeTruthy();
  } else await res.arrayBuffer();
}

const GET_ROUTES = {
  "reports/graduation": () => import("@/app/api/reports/graduation/route"),
  "reports/dropout": () => import("@/app/api/reports/dropout/route"),
  "reports/completers": () => import("@/app/api/reports/completers/route"),
  "reports/program": () => import("@/app/api/reports/program/route"),
  "reports/export": () => import("@/app/api/reports/export/route"),
  "exports/students": () => import("@/app/api/exports/students/route"),
  "exports/enrollments": () => import("@/app/api/exports/enrollments/route"),
};

describe.each(Object.entries(GET_ROUTES))("fuzz GET /api/%s", (name, load) => {
  it("answers hostile query strings with 200 or a 4xx, never a 500, writing nothing", async () => {
    const { GET } = (await load()) as { GET: (req: Request) => Promise<Response> };
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(null, ...[0, 1, 2]), queryString, async (who, qs) => {
        session.viewer = who === null ? null : viewers[who];
        const res = await GET(new Request(`http://localhost/api/${name}?${qs}`));
        await expectSafe(res, who === null ? [401] : [200, 400, 403, 404]);
      }),
      { numRuns: RUNS },
    );
    // Exports are audited reads (one audit event per download); nothing else may change.
    const after = await rowCounts();
    if (name.startsWith("exports/")) expect({ ...after, audit: 0 }).toEqual({ ...before, audit: 0 });
    else expect(after).toEqual(before);
  });
});

describe("fuzz /api/imports", () => {
  // Non-district callers are refused with 403 (lib/access/policy.ts "imports.manage": the one
  // outcome of assertCan), signed-out ones with 401.
  it("POST refuses hostile parameters and bodies with a 4xx (and non-district callers with 401/403)", async () => {
    const { POST } = await import("@/app/api/imports/route");
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(null, 0, 1, 2), queryString, fc.oneof(fc.constantFrom(...HTMLISH, ...SQLISH), fc.string({ maxLength: 200 })), async (who, qs, body) => {
        session.viewer = who === null ? null : viewers[who];
        // A kind that is never valid keeps every case a refusal (valid imports are tested in lib/imports).
        const res = await POST(new Request(`http://localhost/api/imports?${qs}&kind=${encodeURIComponent("<script>")}`, { method: "POST", body }));
        await expectSafe(res, who === null ? [401] : who === 2 ? [400, 413] : [403]);
      }),
      { numRuns: RUNS },
    );
    expect(await rowCounts()).toEqual(before);
  });

  it("GET /api/imports/<id>/errors answers a hostile id with 404 (403 for non-district callers)", async () => {
    const { GET } = await import("@/app/api/imports/[id]/errors/route");
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(null, 0, 1, 2), foreignId.map(str), async (who, id) => {
        session.viewer = who === null ? null : viewers[who];
        const res = await GET(new Request("http://localhost/x"), { params: Promise.resolve({ id }) });
        await expectSafe(res, who === null ? [401] : who === 2 ? [404] : [403]);
      }),
      { numRuns: RUNS },
    );
  });
});

const resultRow = partialRecord({ assessmentId: foreignId, score: anyValue, takenOn: anyValue });
const WRITES = {
  "students/[id]/notes": {
    load: () => import("@/app/api/students/[id]/notes/handle"),
    id: () => fc.oneof(foreignId.map(str), fc.constant(ids.student)),
    body: () =>
      partialRecord({
        kind: fc.oneof(anyValue, fc.constantFrom("CHECK_IN")),
        body: fc.oneof(
          fc.constantFrom("", "   "),
          hugeString,
          anyValue.filter((v) => typeof v !== "string" && !(v instanceof Date)) /* a Date serializes to a valid body text */,
        ),
      }),
  },
  "enrollments/[id]/results": {
    load: () => import("@/app/api/enrollments/[id]/results/handle"),
    id: () => fc.oneof(foreignId.map(str), fc.constant(ids.enrollment)),
    body: () =>
      partialRecord({
        version: fc.oneof(anyValue, fc.constant(99)),
        results: fc.oneof(anyValue, fc.array(resultRow, { maxLength: 3 }), fc.constant(Array.from({ length: 101 }, () => ({})))),
      }),
  },
};

describe.each(Object.entries(WRITES))("fuzz POST /api/%s", (name, w) => {
  it("refuses hostile bodies and ids with a 4xx naming the field, writing nothing", async () => {
    const { handle } = (await w.load()) as { handle: (v: Viewer | null, req: Request, p: { id: string }) => Promise<Response> };
    const before = await rowCounts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(null, 0, 1, 2),
        w.id(),
        fc.oneof(
          w.body().map((b) => JSON.stringify(b)),
          fc.constantFrom("", "not json", "[1,2]", "null", '{"__proto__":{"x":1}}', ...HTMLISH),
        ),
        async (who, id, body) => {
          const res = await handle(
            who === null ? null : viewers[who],
            new Request(`http://localhost/api/${name}`, { method: "POST", body, headers: { "content-type": "application/json" } }),
            { id },
          );
          await expectSafe(res, who === null ? [401] : [400, 404, 409]);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await rowCounts()).toEqual(before);
  });
});

// PostgreSQL refuses a NUL in any text parameter (22021) and the driver throws that raw: an id or
// a filter carrying one (or a lone surrogate) must be "not found" or a 400, never a 500.
describe("text PostgreSQL cannot compare, in ids and query strings", () => {
  const BROKEN = ["\u0000", "a\u0000b", "\ud800", "x\udc00"];

  it("is a 404 as an import run id and a 400 as a report's school", async () => {
    session.viewer = viewers[2];
    const { GET } = await import("@/app/api/imports/[id]/errors/route");
    for (const id of BROKEN) {
      const res = await GET(new Request("http://localhost/x"), { params: Promise.resolve({ id }) });
      expect(res.status).toBe(404);
    }
    for (const [name, load] of Object.entries(GET_ROUTES).filter(([n]) => n.startsWith("reports/"))) {
      const { GET: get } = (await load()) as { GET: (req: Request) => Promise<Response> };
      for (const school of BROKEN) {
        const res = await get(new Request(`http://localhost/api/${name}?${new URLSearchParams({ school, year: "2025", cohort: "2025", table: "equity" })}`));
        expect([400, 404], `${name} school=${JSON.stringify(school)}`).toContain(res.status);
      }
    }
  });

  it("is not found as a student, enrollment or school in the data layer, and dropped from page filters", async () => {
    const { getStudentRecord } = await import("@/lib/students/record");
    const { loadScopedEnrollment } = await import("@/lib/enrollments/scoped");
    const { reportSchool } = await import("@/lib/reports/queries");
    const { caseloadParamsSchema } = await import("@/lib/students/schema");
    const { auditFilterSchema, searchAudit } = await import("@/lib/audit/search");
    for (const id of BROKEN) {
      await expect(getStudentRecord(viewers[0], id, new Date())).rejects.toThrow(/not found/);
      await expect(loadScopedEnrollment(viewers[0], id)).rejects.toThrow(/not found/);
      await expect(reportSchool(viewers[2], id)).rejects.toThrow(/not found/);
      const p = caseloadParamsSchema.parse({ q: id, school: id });
      expect([p.q, p.school]).toEqual([undefined, undefined]);
      const f = auditFilterSchema.parse({ user: id, student: id, action: id });
      expect([f.user, f.student, f.action]).toEqual([undefined, undefined, undefined]);
      await expect(searchAudit(viewers[2], f)).resolves.toBeTruthy();
    }
  });
});
