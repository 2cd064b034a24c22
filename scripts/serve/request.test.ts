import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { bareAddress, overwriteForwarded, parseServeArgs, trustedProxies, wellFormedUrl } from "./request.mjs";

// What the production server does to a request before Next sees it (scripts/serve/request.mjs).

function request(headers: IncomingMessage["headers"], remoteAddress = "198.51.100.7", encrypted = false) {
  const req = { headers: { ...headers }, socket: { remoteAddress, encrypted } as unknown as Socket };
  return req;
}
function after(trusted: number, headers: IncomingMessage["headers"], remoteAddress?: string, encrypted?: boolean) {
  const req = request(headers, remoteAddress, encrypted);
  overwriteForwarded(req, trusted);
  return req.headers;
}

describe("overwriteForwarded, no trusted proxy (TRUSTED_PROXIES=0)", () => {
  it("replaces a client's X-Forwarded-For with the socket's address", () => {
    expect(after(0, { "x-forwarded-for": "203.0.113.1" })["x-forwarded-for"]).toBe("198.51.100.7");
    expect(after(0, { "x-forwarded-for": "203.0.113.1, 10.0.0.1" })["x-forwarded-for"]).toBe("198.51.100.7");
    expect(after(0, { "x-forwarded-for": "garbage" })["x-forwarded-for"]).toBe("198.51.100.7");
  });

  it("fills it when the client sent none, as one bare address", () => {
    expect(after(0, {})["x-forwarded-for"]).toBe("198.51.100.7");
    expect(after(0, {}, "::ffff:127.0.0.1")["x-forwarded-for"]).toBe("127.0.0.1");
    expect(after(0, {}, "2001:DB8::1")["x-forwarded-for"]).toBe("2001:db8::1");
  });

  it("sets the protocol from the socket and drops the client's forwarded host, port and the like", () => {
    const h = after(0, {
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      "x-forwarded-port": "443",
      forwarded: "for=1.2.3.4",
      "x-real-ip": "1.2.3.4",
      host: "app.example",
    });
    expect(h).toEqual({ "x-forwarded-for": "198.51.100.7", "x-forwarded-proto": "http", host: "app.example" });
    expect(after(0, { "x-forwarded-proto": "http" }, undefined, true)["x-forwarded-proto"]).toBe("https");
  });
});

describe("overwriteForwarded, with trusted proxies", () => {
  it("takes the address the outermost trusted proxy appended: N places left of the socket's", () => {
    // client 192.0.2.50 → proxy A (appends 192.0.2.50) → proxy B 10.0.0.5 (appends A = 10.0.0.4) → us, socket = B
    const xff = "203.0.113.9, 192.0.2.50, 10.0.0.4"; // the first entry is the client's own (spoofed) header
    expect(after(1, { "x-forwarded-for": xff }, "10.0.0.5")["x-forwarded-for"]).toBe("10.0.0.4");
    expect(after(2, { "x-forwarded-for": xff }, "10.0.0.5")["x-forwarded-for"]).toBe("192.0.2.50");
  });

  it("never reaches further left than the trusted hops, however the client pads the header", () => {
    for (const spoof of ["", "1.1.1.1, ", "1.1.1.1, 2.2.2.2, 3.3.3.3, "]) {
      expect(after(1, { "x-forwarded-for": `${spoof}192.0.2.50` }, "10.0.0.5")["x-forwarded-for"]).toBe("192.0.2.50");
    }
  });

  it("a shorter chain gives its left-most entry; an entry that is not an address gives the socket's", () => {
    expect(after(2, { "x-forwarded-for": "192.0.2.50" }, "10.0.0.5")["x-forwarded-for"]).toBe("192.0.2.50");
    expect(after(1, {}, "10.0.0.5")["x-forwarded-for"]).toBe("10.0.0.5");
    expect(after(1, { "x-forwarded-for": "unknown" }, "10.0.0.5")["x-forwarded-for"]).toBe("10.0.0.5");
    expect(after(1, { "x-forwarded-for": "[2001:db8::7]:443" }, "10.0.0.5")["x-forwarded-for"]).toBe("2001:db8::7");
    expect(after(1, { "x-forwarded-for": "192.0.2.50:61000" }, "10.0.0.5")["x-forwarded-for"]).toBe("192.0.2.50");
  });

  it("keeps the nearest proxy's protocol, host and port", () => {
    const h = after(1, { "x-forwarded-proto": "http, https", "x-forwarded-host": "credittrack.district.example", "x-forwarded-port": "443" }, "10.0.0.5");
    expect(h).toMatchObject({ "x-forwarded-proto": "https", "x-forwarded-host": "credittrack.district.example", "x-forwarded-port": "443" });
    expect(after(1, { "x-forwarded-proto": "gopher" }, "10.0.0.5")["x-forwarded-proto"]).toBe("http");
    expect(after(1, {}, "10.0.0.5")).not.toHaveProperty("x-forwarded-host");
  });
});

describe("wellFormedUrl", () => {
  it("escapes the % of a path whose percent-encoding is not UTF-8, keeping the query", () => {
    expect(wellFormedUrl("/students/%ED%A0%80")).toBe("/students/%25ED%25A0%2580");
    expect(wellFormedUrl("/api/enrollments/%C0%AF/results?x=%ED")).toBe("/api/enrollments/%25C0%25AF/results?x=%ED");
    expect(wellFormedUrl("/students/%ZZ")).toBe("/students/%25ZZ");
    expect(decodeURIComponent(wellFormedUrl("/students/%ED%A0%80").split("/")[2])).toBe("%ED%A0%80");
  });

  it("leaves well-formed paths alone", () => {
    for (const u of ["/", "/students/abc", "/students/%C3%A9t%C3%A9", "/students/a%2Fb?q=%ED%A0%80", "/caseload?risk=high"]) expect(wellFormedUrl(u)).toBe(u);
  });
});

describe("server arguments and settings", () => {
  it("reads next start's arguments as our callers pass them", () => {
    expect(parseServeArgs(["-p", "3100", "-H", "127.0.0.1"], {})).toEqual({ dir: ".", port: 3100, hostname: "127.0.0.1", keepAliveTimeout: 65_000 });
    expect(parseServeArgs(["--port=4000", "--keepAliveTimeout", "65000", "app"], {})).toEqual({ dir: "app", port: 4000, hostname: undefined, keepAliveTimeout: 65000 });
    expect(parseServeArgs([], { PORT: "8080" }).port).toBe(8080);
    expect(parseServeArgs([], {}).port).toBe(3000);
    expect(() => parseServeArgs(["-p"], {})).toThrow(/needs a value/);
    expect(() => parseServeArgs(["-p", "x"], {})).toThrow(/whole number/);
    expect(() => parseServeArgs(["--turbo"], {})).toThrow(/unknown option/);
  });

  it("TRUSTED_PROXIES is a whole number ≥ 0, 0 when unset", () => {
    expect(trustedProxies(undefined)).toBe(0);
    expect(trustedProxies("")).toBe(0);
    expect(trustedProxies("2")).toBe(2);
    for (const bad of ["-1", "1.5", "yes"]) expect(() => trustedProxies(bad)).toThrow(/TRUSTED_PROXIES/);
  });

  it("bareAddress accepts only IP addresses", () => {
    expect(bareAddress(" 192.0.2.1 ")).toBe("192.0.2.1");
    expect(bareAddress("example.com")).toBeUndefined();
    expect(bareAddress(undefined)).toBeUndefined();
  });
});
