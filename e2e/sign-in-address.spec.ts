import http from "node:http";
import { test, expect, DEMO_PASSWORD } from "./fixtures";

// The per-address sign-in limit (20 failures in 15 minutes) keys on the address the server saw,
// never on an X-Forwarded-For the client wrote (scripts/serve/request.mjs, TRUSTED_PROXIES=0 here).
// These requests come from 127.0.0.2 (any 127.x address reaches the loopback server), so the lock
// they set does not touch the other specs, which come from 127.0.0.1.

const LOCKED = "Too many failed sign-ins";

/** One request from a given local address, with node's http client (Playwright cannot pick it). */
function send(baseURL: string, from: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  const url = new URL(path, baseURL);
  return new Promise<{ status: number; body: string; cookies: string[] }>((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, localAddress: from }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text, cookies: (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]) }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function signInFrom(baseURL: string, from: string, email: string, password: string, spoofedFor: string): Promise<string> {
  const csrf = await send(baseURL, from, "GET", "/api/auth/csrf", {});
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, json: "true" }).toString();
  const res = await send(
    baseURL,
    from,
    "POST",
    "/api/auth/callback/credentials",
    {
      "content-type": "application/x-www-form-urlencoded",
      cookie: csrf.cookies.join("; "),
      "x-forwarded-for": spoofedFor,
    },
    form,
  );
  return decodeURIComponent((JSON.parse(res.body) as { url: string }).url);
}

test("a rotating, spoofed X-Forwarded-For neither escapes the per-address limit nor locks out another address", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const run = Date.now().toString(36);
  const outcomes: string[] = [];
  for (let i = 1; i <= 21; i++) {
    // A new account and a new "address" each time: only the socket's address is shared.
    const url = await signInFrom(baseURL!, "127.0.0.2", `nobody-${run}-${i}@example.test`, "not-the-password", `203.0.113.${i}`);
    outcomes.push(url.includes(LOCKED) ? "locked" : "refused");
  }
  expect(outcomes[0]).toBe("refused");
  expect(outcomes.at(-1)).toBe("locked");
  expect(outcomes.filter((o) => o === "refused").length).toBeLessThanOrEqual(20);

  // The attacker names the locked address in X-Forwarded-For from another one: not locked out.
  const url = await signInFrom(baseURL!, "127.0.0.1", "counselor.haddad@demo.credittrack.test", DEMO_PASSWORD, "127.0.0.2");
  expect(url).not.toContain(LOCKED);
  expect(url).not.toContain("error=");
});
