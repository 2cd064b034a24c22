// NextAuth's own request handler (its core, which app/api/auth/[...nextauth] runs; called here
// through its plain Node API entry with a small response recorder) with our options, against a
// real database: renewal of a live, a signed-out and an expired session, sign-out
// through NextAuth, and the cookie's Secure flag and name over HTTPS.
import { beforeAll, describe, expect, it } from "vitest";
import NextAuth from "next-auth";
import { encode } from "next-auth/jwt";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeUser } from "@/lib/test/factory";
import { createSession } from "@/lib/auth/sessions";

useTestDatabase();

const SECRET = "test-secret-for-nextauth-0123456789";
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://localhost:3000";
});

async function signedIn() {
  const school = await makeSchool();
  const u = await makeUser("COUNSELOR", school.id);
  const sid = await createSession(u.id);
  return { u, sid, token: await encode({ token: { uid: u.id, sid }, secret: SECRET }) };
}

type Cookie = { name: string; value: string; attrs: string };
type Recorded = { status: number; body: unknown; cookies: Cookie[] };

/** One NextAuth request: `cookie` as the browser would send it; body fields for a POST. */
async function call(path: string, secure: boolean, cookie: string, form?: Record<string, string>): Promise<Recorded> {
  const { authOptions } = await import("@/lib/auth");
  const cookies = Object.fromEntries(
    cookie
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf("=")), c.slice(c.indexOf("=") + 1)]),
  );
  const req = { method: form ? "POST" : "GET", query: { nextauth: path.split("/") }, cookies, headers: { host: "localhost:3000" }, body: form ?? {} };
  const out: Recorded = { status: 200, body: undefined, cookies: [] };
  const headers = new Map<string, unknown>();
  const res = {
    status(n: number) {
      out.status = n;
      return res;
    },
    setHeader(k: string, v: unknown) {
      headers.set(k.toLowerCase(), v);
      return res;
    },
    getHeader: (k: string) => headers.get(k.toLowerCase()),
    end() {},
    json(b: unknown) {
      out.body = b;
    },
    send(b: unknown) {
      out.body = b;
    },
  };
  await NextAuth(req as never, res as never, authOptions(secure));
  for (const line of (headers.get("set-cookie") as string[] | undefined) ?? []) {
    const [pair, ...attrs] = line.split("; ");
    out.cookies.push({ name: pair.slice(0, pair.indexOf("=")), value: pair.slice(pair.indexOf("=") + 1), attrs: attrs.join("; ") });
  }
  return out;
}

const PLAIN = "next-auth.session-token";
const SECURE = "__Secure-next-auth.session-token";

describe("NextAuth with revocable sessions", () => {
  it("renews a live session's cookie", async () => {
    const { u, token } = await signedIn();
    const res = await call("session", false, `${PLAIN}=${token}`);
    expect(res.body).toMatchObject({ uid: u.id });
    const cookie = res.cookies?.find((c) => c.name === PLAIN);
    expect(cookie?.value).toBeTruthy();
    expect(cookie?.attrs).not.toMatch(/Secure/);
  });

  it("refuses to renew a signed-out session and clears the cookie", async () => {
    const { sid, token } = await signedIn();
    await db().session.update({ where: { id: sid }, data: { revokedAt: new Date(), revokedReason: "sign-out" } });
    const res = await call("session", false, `${PLAIN}=${token}`);
    expect(res.body).toEqual({});
    const cleared = res.cookies?.find((c) => c.name === PLAIN);
    expect(cleared?.value).toBe("");
    expect(cleared?.attrs).toMatch(/Max-Age=0/);
  });

  it("refuses to renew past the absolute lifetime, however fresh the token", async () => {
    const { sid, token } = await signedIn();
    await db().session.update({ where: { id: sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await call("session", false, `${PLAIN}=${token}`);
    expect(res.body).toEqual({});
  });

  it("sign-out through NextAuth revokes the session row", async () => {
    const { sid, token } = await signedIn();
    const csrf = await call("csrf", false, "");
    const csrfCookie = csrf.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
    const csrfToken = (csrf.body as { csrfToken: string }).csrfToken;
    const res = await call("signout", false, `${PLAIN}=${token}; ${csrfCookie.name}=${decodeURIComponent(csrfCookie.value)}`, { csrfToken });
    expect(res.cookies?.find((c) => c.name === PLAIN)?.value).toBe("");
    expect(await db().session.findUniqueOrThrow({ where: { id: sid } })).toMatchObject({ revokedReason: "sign-out", revokedAt: expect.any(Date) });
    expect(await db().auditEvent.count({ where: { action: "session.signout", entity: "Session" } })).toBe(1);
  });

  it("over HTTPS the session cookie is Secure and __Secure- named", async () => {
    const { u, token } = await signedIn();
    const res = await call("session", true, `${SECURE}=${token}`);
    expect(res.body).toMatchObject({ uid: u.id });
    const cookie = res.cookies?.find((c) => c.name === SECURE);
    expect(cookie?.attrs).toMatch(/HttpOnly/);
    expect(cookie?.attrs).toMatch(/Secure/);
    expect(cookie?.attrs).toMatch(/SameSite=Lax/);
  });

  it("requestIsHttps trusts X-Forwarded-Proto (set by scripts/serve.mjs) or an https NEXTAUTH_URL", async () => {
    const { requestIsHttps } = await import("@/lib/auth");
    expect(requestIsHttps("https")).toBe(true);
    expect(requestIsHttps("https, http")).toBe(true);
    expect(requestIsHttps("http")).toBe(false);
    expect(requestIsHttps(null)).toBe(false);
  });
});
