import { beforeEach, describe, expect, it, vi } from "vitest";
import bcrypt from "bcryptjs";
import { useTestDatabase } from "@/lib/test/db";
import { makeUser } from "@/lib/test/factory";
import { db, embedded } from "@/lib/db";
import { DomainError } from "@/lib/safe-action";
import { setupSchema, type SetupInput } from "./schema";
import { ALREADY_SET_UP, TOKEN_REFUSED, setUpDistrict } from "./setup";
import { districtIsSetUp, issueSetupTokenNow, setupTokenState } from "./token";
import { hashSetupToken, issueSetupToken, SETUP_TOKEN_TTL_MS } from "./issue-token.mjs";
import { submitSetup } from "./submit";
import fc from "fast-check";
import { GENERIC_ERROR } from "@/lib/safe-action";
import { anyValue, BAD_NUMBERS, controlString, hugeString } from "@/lib/test/fuzz/hostile";

// The password hash is counted (the real one runs): a refused setup must not pay for it.
const hashes = vi.hoisted(() => ({ n: 0 }));
vi.mock("@/lib/auth/credentials", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/credentials")>();
  return {
    ...real,
    hashPassword: (p: string) => {
      hashes.n++;
      return real.hashPassword(p);
    },
  };
});

useTestDatabase();

const PASSWORD = "river stones and maple leaves";
const input = (over: Partial<SetupInput> = {}): SetupInput =>
  setupSchema.parse({
    districtName: "Lakeside Public Schools",
    totalCredits: "24",
    requirements: { ENGLISH: "4", MATHEMATICS: "4", SCIENCE: "3", HISTORY_SOCIAL_STUDIES: "3", WORLD_LANGUAGE: "2", ARTS: "1", ELECTIVE: "0" },
    passingGrade: "65",
    email: "Superintendent.Office@Lakeside.example",
    name: "Dana Whitfield",
    password: PASSWORD,
    confirm: PASSWORD,
    ...over,
  });

/** The form's fields as the page posts them. */
const form = (over: Record<string, string> = {}) => ({
  districtName: "Lakeside Public Schools",
  totalCredits: "24",
  "requirements.ENGLISH": "4",
  "requirements.MATHEMATICS": "4",
  "requirements.SCIENCE": "3",
  "requirements.HISTORY_SOCIAL_STUDIES": "3",
  "requirements.WORLD_LANGUAGE": "2",
  "requirements.ARTS": "1",
  "requirements.ELECTIVE": "0",
  passingGrade: "65",
  email: "dana@lakeside.example",
  name: "Dana Whitfield",
  password: PASSWORD,
  confirm: PASSWORD,
  ...over,
});

async function empty() {
  await db().auditEvent.deleteMany({});
  await db().session.deleteMany({});
  await db().user.deleteMany({});
  await db().graduationRequirement.deleteMany({});
  await db().districtSettings.deleteMany({});
  await db().setupToken.deleteMany({});
}

async function written() {
  const [users, settings, requirements, tokens, events] = await Promise.all([
    db().user.count(),
    db().districtSettings.count(),
    db().graduationRequirement.count(),
    db().setupToken.count(),
    db().auditEvent.count({ where: { action: "district.setup" } }),
  ]);
  return { users, settings, requirements, tokens, events };
}

beforeEach(empty);

describe("setting up the district", () => {
  it("writes the settings, the requirements, the first district administrator and one audit event", async () => {
    const out = await setUpDistrict(input(), { via: "cli" });
    expect(out.email).toBe("superintendent.office@lakeside.example");
    const settings = await db().districtSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect([settings.name, Number(settings.totalCreditsRequired), settings.passingGrade]).toEqual(["Lakeside Public Schools", 24, 65]);
    const reqs = await db().graduationRequirement.findMany({ orderBy: { subjectArea: "asc" } });
    // ELECTIVE 0 → no row.
    expect(reqs.map((r) => [r.subjectArea, Number(r.credits)])).toEqual([
      ["ENGLISH", 4],
      ["MATHEMATICS", 4],
      ["SCIENCE", 3],
      ["HISTORY_SOCIAL_STUDIES", 3],
      ["WORLD_LANGUAGE", 2],
      ["ARTS", 1],
    ]);
    const admin = await db().user.findUniqueOrThrow({ where: { email: out.email }, omit: { passwordHash: false } });
    expect([admin.role, admin.schoolId, admin.active, admin.name]).toEqual(["DISTRICT_ADMIN", null, true, "Dana Whitfield"]);
    expect(await bcrypt.compare(PASSWORD, admin.passwordHash!)).toBe(true);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "district.setup" } });
    expect(event.userId).toBe(admin.id);
    expect(event.details).toMatchObject({ via: "cli", district: "Lakeside Public Schools", totalCredits: 24, passingGrade: 65, requirements: { ENGLISH: 4, ARTS: 1 } });
    expect(await districtIsSetUp()).toBe(true);
  });

  it("refuses once a district administrator exists, writing nothing", async () => {
    await makeUser("DISTRICT_ADMIN", null);
    const before = await written();
    await expect(setUpDistrict(input(), { via: "cli" })).rejects.toThrow(ALREADY_SET_UP);
    expect(await written()).toEqual(before);
    expect(await db().districtSettings.count()).toBe(0);
  });

  it("refuses an email a roster import already gave someone, on the email field", async () => {
    await makeUser("COUNSELOR", null, { email: "dana@lakeside.example" });
    const r = await submitSetup(form(), (await issueSetupTokenNow("test"))!.token);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.fieldErrors?.email?.[0]).toMatch(/already exists/);
    expect(await db().districtSettings.count()).toBe(0);
    expect(await db().setupToken.count()).toBe(1);
  });

  it("a weak password is a field error and writes nothing (form and function alike)", async () => {
    const { token } = (await issueSetupTokenNow("test"))!;
    const before = await written();
    for (const password of ["short one", "dana-password-lakeside", "aaaaaaaaaaaaaaaa"]) {
      const r = await submitSetup(form({ password, confirm: password, email: "dana@lakeside.example" }), token);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.fieldErrors?.password?.[0]).toBeTruthy();
    }
    // The same rule as changing one's password: the email's name in it.
    const r = await submitSetup(form({ password: "lakeside dana whitfield 2026", confirm: "lakeside dana whitfield 2026", email: "whitfield@lakeside.example" }), token);
    expect(!r.ok && r.fieldErrors?.password).toEqual(["Do not use your email address in your password"]);
    const e = await setUpDistrict({ ...input(), password: "too short" }, { via: "cli" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).field).toBe("password");
    expect(await written()).toEqual(before);
    expect(await setupTokenState(token)).toBe("valid");
  });

  it("names every bad field of the form at once, with the subject area's own key", async () => {
    const r = await submitSetup(form({ districtName: "", totalCredits: "abc", "requirements.SCIENCE": "3.25", passingGrade: "101", email: "nope", password: "short" }), "whatever");
    expect(r.ok).toBe(false);
    const fe = (!r.ok && r.fieldErrors) || {};
    expect(Object.keys(fe).sort()).toEqual(["districtName", "email", "passingGrade", "password", "requirements.SCIENCE", "totalCredits"].sort());
    expect(fe["requirements.SCIENCE"]).toEqual(["Use at most one decimal place"]);
    const over = await submitSetup(form({ totalCredits: "10" }), "whatever");
    expect(!over.ok && over.fieldErrors?.totalCredits?.[0]).toMatch(/add up to 17 credits, more than the diploma's 10/);
    const differ = await submitSetup(form({ confirm: `${PASSWORD}!` }), "whatever");
    expect(!differ.ok && differ.fieldErrors?.confirm).toEqual(["The two passwords differ"]);
  });
});

describe("the one-time setup token", () => {
  it("opens setup once: the token is consumed with the setup, and a second use is refused", async () => {
    const { token, expiresAt } = (await issueSetupTokenNow("test"))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(SETUP_TOKEN_TTL_MS - 60_000);
    // Only the hash is stored.
    const row = await db().setupToken.findUniqueOrThrow({ where: { id: 1 } });
    expect(row.tokenHash).toBe(hashSetupToken(token));
    expect(row.tokenHash).not.toContain(token);
    expect(await setupTokenState(token)).toBe("valid");
    expect(await setupTokenState("not-the-token")).toBe("unknown");

    const r = await submitSetup(form(), token);
    expect(r).toMatchObject({ ok: true, data: { email: "dana@lakeside.example", districtName: "Lakeside Public Schools" } });
    expect(await db().setupToken.count()).toBe(0);
    expect(await setupTokenState(token)).toBe("unknown");
    const again = await submitSetup(form({ email: "someone.else@lakeside.example" }), token);
    expect(again).toEqual({ ok: false, message: ALREADY_SET_UP });
    expect(await db().user.count()).toBe(1);
    // And no new token once an administrator exists.
    expect(await issueSetupTokenNow("test")).toBeNull();
    expect(await db().setupToken.count()).toBe(0);
  });

  it("an expired, replaced or missing token opens nothing and writes nothing", async () => {
    const t0 = new Date("2026-12-01T08:00:00Z");
    const first = (await issueSetupTokenNow("test", t0))!;
    expect(await setupTokenState(first.token, new Date(t0.getTime() + SETUP_TOKEN_TTL_MS - 1))).toBe("valid");
    expect(await setupTokenState(first.token, new Date(t0.getTime() + SETUP_TOKEN_TTL_MS))).toBe("expired");
    const late = await setUpDistrict(input(), { via: "page", token: first.token, now: new Date(t0.getTime() + SETUP_TOKEN_TTL_MS + 1000) }).catch((e: unknown) => e);
    expect((late as Error).message).toBe(TOKEN_REFUSED);
    // A new token replaces the old one.
    const second = (await issueSetupTokenNow("test"))!;
    expect(await setupTokenState(first.token)).toBe("unknown");
    expect((await submitSetup(form(), first.token)).ok).toBe(false);
    expect(await submitSetup(form(), undefined)).toEqual({ ok: false, message: TOKEN_REFUSED });
    expect(await db().user.count()).toBe(0);
    expect(await db().districtSettings.count()).toBe(0);
    expect(await setupTokenState(second.token)).toBe("valid");
    // Each issue is audited (no token in the event).
    const events = await db().auditEvent.findMany({ where: { action: "setup.token" } });
    expect(events).toHaveLength(2);
    expect(JSON.stringify(events.map((e) => e.details))).not.toContain(second.token);
  });

  it("two submissions with the same token at once create one administrator", async () => {
    const { token } = (await issueSetupTokenNow("test"))!;
    const results = await Promise.all([
      submitSetup(form({ email: "first@lakeside.example" }), token),
      submitSetup(form({ email: "second@lakeside.example", districtName: "Second Try" }), token),
      submitSetup(form({ email: "third@lakeside.example", districtName: "Third Try" }), token),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect([ALREADY_SET_UP, TOKEN_REFUSED]).toContain(!r.ok && r.message);
    expect(await db().user.count({ where: { role: "DISTRICT_ADMIN" } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "district.setup" } })).toBe(1);
    const winner = results.find((r) => r.ok)!;
    const settings = await db().districtSettings.findUniqueOrThrow({ where: { id: 1 } });
    expect(settings.name).toBe(winner.ok && winner.data.districtName);
  });

  it("the server's start-up issue (bare SQL) and the page's check agree on the hash", async () => {
    const pglite = embedded();
    const query = pglite
      ? async (text: string, params: unknown[]) => (await pglite.query<Record<string, unknown>>(text, params)).rows
      : (text: string, params: unknown[]) => db().$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
    const issued = (await issueSetupToken(query, { via: "server start" }))!;
    expect(await setupTokenState(issued.token)).toBe("valid");
    const row = await db().setupToken.findUniqueOrThrow({ where: { id: 1 } });
    // Stored in UTC like Prisma's own timestamps.
    expect(Math.abs(row.expiresAt.getTime() - issued.expiresAt.getTime())).toBeLessThan(1000);
    await makeUser("DISTRICT_ADMIN", null);
    expect(await issueSetupToken(query, { via: "server start" })).toBeNull();
  });
});

describe("hostile input on the setup form", () => {
  it("is refused with a message, never the generic error, and writes nothing", async () => {
    const { token } = (await issueSetupTokenNow("test"))!;
    const before = await written();
    const bad = fc.oneof(anyValue, hugeString, controlString, fc.constantFrom(...BAD_NUMBERS));
    const keys = Object.keys(form());
    await fc.assert(
      fc.asyncProperty(fc.subarray(keys, { minLength: 1 }), fc.array(bad, { minLength: keys.length, maxLength: keys.length }), async (which, values) => {
        const fields: Record<string, unknown> = form();
        which.forEach((k, i) => (fields[k] = values[i]));
        // Keep the password weak so nothing valid slips through by chance.
        if (!which.includes("password")) fields.password = fields.confirm = "short";
        const r = await submitSetup(fields, token);
        expect(r.ok).toBe(false);
        expect(!r.ok && r.message).not.toBe(GENERIC_ERROR);
      }),
      { numRuns: 60 },
    );
    expect(await written()).toEqual(before);
  });
});

describe("refusals cost no password hash (the page is open to anyone signed out)", () => {
  it("once set up, or with a wrong token, setup is refused before bcrypt runs", async () => {
    if (!(await districtIsSetUp())) await setUpDistrict(input(), { via: "cli" });
    hashes.n = 0;
    await expect(setUpDistrict(input({ email: "another@lakeside.example" }), { via: "page", token: "x".repeat(32) })).rejects.toThrow(ALREADY_SET_UP);
    await expect(setUpDistrict(input({ email: "another@lakeside.example" }), { via: "cli" })).rejects.toThrow(ALREADY_SET_UP);
    expect(hashes.n).toBe(0);
  });
});
