// One worker of the production server: Next's request handler behind a plain http.Server, so the
// request can be fixed up before Next sees it (./request.mjs): the X-Forwarded-* headers are this
// server's, never the client's, and a path with broken percent-encoding names nothing instead of
// crashing the router. Otherwise it does what `next start` does (next/dist/server/lib/start-server.js):
// Node's default server timeouts except keep-alive (65 s unless --keepAliveTimeout: see
// parseServeArgs), a 500 for a request
// whose handler throws, and on SIGTERM/SIGINT: drain (SERVE_DRAIN_SECONDS: keep serving while
// /api/health says "draining" and each response closes its connection), then stop accepting, finish
// the requests in flight, close.
import http from "node:http";
import path from "node:path";
import next from "next";
import { overwriteForwarded, parseServeArgs, trustedProxies, wellFormedUrl } from "./request.mjs";
import { drainMs } from "./primary.mjs";

export async function startWorker(argv) {
  const opts = parseServeArgs(argv);
  const trusted = trustedProxies();
  const drain = drainMs();
  // The app's folder, for what reads files shipped with the build (lib/health.ts: the migrations).
  process.env.CT_APP_DIR = path.resolve(opts.dir);
  process.env.NODE_ENV ||= "production";

  let closing = false;
  const app = next({ dev: false, dir: path.resolve(opts.dir), hostname: opts.hostname, port: opts.port });
  const handle = app.getRequestHandler();

  const server = http.createServer((req, res) => {
    // Draining: the client's next request opens a new connection, which the balancer sends elsewhere.
    // Decided when the response starts, not when the request came: a request already in hand when
    // SIGTERM arrives (whose health check then says "draining") closes its connection too.
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (closing && !this.headersSent) this.setHeader("connection", "close");
      return writeHead.apply(this, args);
    };
    overwriteForwarded(req, trusted);
    req.url = wellFormedUrl(req.url);
    handle(req, res).catch((err) => {
      console.error(`Failed to handle request for ${req.url}`, err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end("Internal Server Error");
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = opts.keepAliveTimeout;
  // Kept above keep-alive, as advised for Node behind a balancer, so an idle kept-alive connection
  // is closed by the keep-alive timer, never by the headers timer.
  server.headersTimeout = Math.max(server.headersTimeout, opts.keepAliveTimeout + 1_000);
  // Next adds its own upgrade listener on the first request; this one runs before it.
  server.on("upgrade", (req) => overwriteForwarded(req, trusted));

  await app.prepare();
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, resolve);
  });
  // As `next start`: Next forwards a server action to the route that owns it at this origin.
  const host = !opts.hostname || opts.hostname === "0.0.0.0" || opts.hostname === "::" ? "localhost" : opts.hostname.includes(":") ? `[${opts.hostname}]` : opts.hostname;
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${host}:${opts.port}`;

  const close = (signal) => {
    if (closing) return;
    closing = true;
    // Read by the health check (lib/health.ts isDraining), in this process.
    globalThis.__creditTrackDraining = true;
    // Takes no more uploaded imports (lib/imports/queue.ts): another host's runner takes them. One
    // already running goes on until the process exits, as a request in flight does.
    void globalThis.__creditTrackImportQueue?.stop(0);
    setTimeout(() => {
      server.close(() => {
        app
          .close()
          .catch((err) => console.error(err))
          .finally(() => process.exit(signal === "SIGINT" ? 130 : 143));
      });
      // Keep-alive connections with no request in flight would hold the close open until they time
      // out (65 s); one whose long response (an import's progress) ends later turns idle then.
      server.closeIdleConnections();
      setInterval(() => server.closeIdleConnections(), 500).unref();
    }, drain);
  };
  process.on("SIGTERM", () => close("SIGTERM"));
  process.on("SIGINT", () => close("SIGINT"));
  return server;
}
