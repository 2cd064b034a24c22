// What the production server (scripts/serve.mjs) does to each request before Next sees it. Pure
// functions of the request, unit-tested in request.test.ts.
import net from "node:net";

/**
 * TRUSTED_PROXIES: how many reverse proxies stand between the clients and this server (0: clients
 * connect directly). A whole number ≥ 0; anything else is a configuration error.
 */
export function trustedProxies(raw = process.env.TRUSTED_PROXIES) {
  if (raw === undefined || raw.trim() === "") return 0;
  if (!/^\d+$/.test(raw.trim())) throw new Error(`TRUSTED_PROXIES must be a whole number ≥ 0 (the number of proxies in front of the server), not "${raw}"`);
  return Number(raw.trim());
}

/** An address as written in X-Forwarded-For or by the socket, reduced to the bare IP (or undefined). */
export function bareAddress(value) {
  if (!value) return undefined;
  let a = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a); // "[2001:db8::1]:443"
  if (bracketed) a = bracketed[1];
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(":")); // "203.0.113.7:5123"
  if (/^::ffff:\d{1,3}(?:\.\d{1,3}){3}$/i.test(a)) a = a.slice(7); // IPv4-mapped IPv6
  return net.isIP(a) ? a.toLowerCase() : undefined;
}

const list = (v) =>
  v === undefined
    ? []
    : (Array.isArray(v) ? v.join(",") : v)
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
const last = (v) => list(v).at(-1);

/**
 * Overwrites the X-Forwarded-* headers, which a client can write, with what this server knows.
 * The app keys sign-in throttling on X-Forwarded-For and decides `Secure` cookies and HSTS on
 * X-Forwarded-Proto, so these must never be the client's word.
 *
 * - `x-forwarded-for` becomes exactly one address. Take the chain = the X-Forwarded-For entries,
 *   left to right, then the socket's peer address. With TRUSTED_PROXIES = 0 it is the peer. With
 *   N trusted proxies, the nearest proxy is the peer and each proxy appended the address it saw, so
 *   the client is the entry N places left of the peer: chain[length - 1 - N] (the address the
 *   outermost trusted proxy added). Everything further left was written by the client and is
 *   ignored. A chain shorter than that (the request came through fewer proxies) gives its left-most
 *   entry; an entry that is not an IP address gives the peer.
 * - `x-forwarded-proto` is `https` when the socket is TLS, else `http`; with trusted proxies, the
 *   value the nearest proxy wrote (the right-most) when it is `http` or `https`.
 * - `x-forwarded-host` and `x-forwarded-port` (and `forwarded`, `x-real-ip`) are removed unless
 *   there are trusted proxies, then the right-most value is kept. Next fills the first two from
 *   the Host header and its own port when absent.
 */
export function overwriteForwarded(req, trusted) {
  const h = req.headers;
  const peer = bareAddress(req.socket?.remoteAddress) ?? "unknown";
  const socketProto = req.socket?.encrypted ? "https" : "http";
  if (trusted === 0) {
    h["x-forwarded-for"] = peer;
    h["x-forwarded-proto"] = socketProto;
    delete h["x-forwarded-host"];
    delete h["x-forwarded-port"];
    delete h["forwarded"];
    delete h["x-real-ip"];
    return;
  }
  const chain = [...list(h["x-forwarded-for"]), peer];
  h["x-forwarded-for"] = bareAddress(chain[Math.max(0, chain.length - 1 - trusted)]) ?? peer;
  const proto = last(h["x-forwarded-proto"])?.toLowerCase();
  h["x-forwarded-proto"] = proto === "http" || proto === "https" ? proto : socketProto;
  for (const name of ["x-forwarded-host", "x-forwarded-port"]) {
    const v = last(h[name]);
    if (v) h[name] = v;
    else delete h[name];
  }
}

/**
 * A request path whose percent-encoding does not decode to UTF-8 (`/students/%ED%A0%80`, a lone
 * surrogate; `%C0%AF`, overlong; `%ZZ`) made Next's router throw while decoding the route's
 * parameters, and the error page it then tried answered 500. Such a path gets its `%` escaped, so
 * it names the literal text: no record has such an id, so pages answer their 404 and API routes
 * their own 401/404, exactly as for any other unknown id. Paths without `%` are not touched.
 */
export function wellFormedUrl(url) {
  if (!url || !url.includes("%")) return url;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return path.replaceAll("%", "%25") + (q === -1 ? "" : url.slice(q));
  }
}

export const DEFAULT_KEEP_ALIVE_MS = 65_000;

/**
 * The arguments `next start` took and our callers pass (scripts/demo.mjs, e2e-server.mjs,
 * bench/stage.ts): `-p/--port N`, `-H/--hostname HOST`, `--keepAliveTimeout MS`, and an optional
 * project folder. PORT is the default port, as for `next start`; 3000 otherwise.
 *
 * Keep-alive defaults to 65 s, not Node's 5 s (`next start`'s): the server must keep an idle
 * connection open longer than whatever sends it requests, or a request sent on a connection the
 * server is closing at that instant fails (ECONNRESET for a client, a 502 from a balancer, whose idle
 * timeout is commonly 60 s). Seen in CI: a Playwright context whose connection had idled ~5 s while
 * other callers' requests ran got ECONNRESET on its next request.
 */
export function parseServeArgs(argv, env = process.env) {
  const out = { dir: ".", port: Number(env.PORT) || 3000, hostname: undefined, keepAliveTimeout: DEFAULT_KEEP_ALIVE_MS };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? argv[i].split(/=(.*)/s) : [argv[i], undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const int = (v) => {
      if (!/^\d+$/.test(v)) throw new Error(`${flag} must be a whole number, not "${v}"`);
      return Number(v);
    };
    if (flag === "-p" || flag === "--port") out.port = int(value());
    else if (flag === "-H" || flag === "--hostname") out.hostname = value();
    else if (flag === "--keepAliveTimeout") out.keepAliveTimeout = int(value());
    else if (flag.startsWith("-")) throw new Error(`unknown option ${flag} (serve.mjs takes -p PORT, -H HOST, --keepAliveTimeout MS and a folder)`);
    else out.dir = flag;
  }
  return out;
}
