import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, routeFiles } from "@/lib/test/source-files";
import { crossSiteDownloadRefusal, crossSiteRefusal, ownOrigins } from "./same-origin";

// Every state-changing route handler checks where the request came from (./same-origin.ts), either
// itself or through jsonWriteRoute (./json-write.ts) in its handle.ts. NextAuth's own endpoints
// carry their CSRF token instead.

const root = repoRoot;
const WRITE = /export\s+(?:async\s+)?(?:function|const)\s+(POST|PUT|PATCH|DELETE)\b|as\s+(POST|PUT|PATCH|DELETE)\b/;

const routes = routeFiles;

describe("cross-site checks", () => {
  it("every state-changing API route refuses other sites", () => {
    const writes = routes("app/api").filter((f) => WRITE.test(fs.readFileSync(path.join(root, f), "utf8")) && !f.includes("[...nextauth]"));
    expect(writes.length).toBeGreaterThanOrEqual(3);
    const unchecked = writes.filter((f) => {
      const handle = path.join(root, path.dirname(f), "handle.ts");
      const src = fs.readFileSync(path.join(root, f), "utf8") + (fs.existsSync(handle) ? fs.readFileSync(handle, "utf8") : "");
      return !/crossSiteRefusal\(|jsonWriteRoute\(/.test(src);
    });
    expect(unchecked).toEqual([]);
  });

  it("the app's origin drops a default port, as a browser's Origin does", () => {
    const req = new Request("http://10.0.0.8:3000/api/x", { method: "POST", headers: { host: "credittrack.example:443", "x-forwarded-proto": "https" } });
    expect(ownOrigins(req)).toContain("https://credittrack.example");
    expect(crossSiteRefusal(new Request(req, { headers: { ...Object.fromEntries(req.headers), origin: "https://credittrack.example" } }))).toBeNull();
  });
});

describe("downloads of student records from other sites", () => {
  const get = (site?: string) => new Request("http://127.0.0.1:3000/api/exports/students", { headers: site ? { "sec-fetch-site": site } : {} });

  it("refuses a fetch the browser marks as from another site or another port, allows this origin, a typed URL and non-browsers", () => {
    expect(crossSiteDownloadRefusal(get("cross-site"))?.status).toBe(403);
    expect(crossSiteDownloadRefusal(get("same-site"))?.status).toBe(403);
    expect(crossSiteDownloadRefusal(get("same-origin"))).toBeNull();
    expect(crossSiteDownloadRefusal(get("none"))).toBeNull();
    expect(crossSiteDownloadRefusal(get())).toBeNull();
  });

  // The download routes share one guard (lib/http/download.ts downloadViewer); the audit export has its own.
  it.each(["lib/http/download.ts", "app/api/audit/export/route.ts"])("%s checks before it reads the session", (file) => {
    const src = fs.readFileSync(path.join(root, file), "utf8");
    const check = src.indexOf("crossSiteDownloadRefusal(req)");
    expect(check).toBeGreaterThan(0);
    expect(check).toBeLessThan(src.indexOf("currentViewer()"));
  });

  it.each(["app/api/exports/students/route.ts", "app/api/exports/enrollments/route.ts", "app/api/exports/catalog/route.ts", "app/api/caseload/export/route.ts"])(
    "%s goes through the download guard first",
    (file) => {
      const src = fs.readFileSync(path.join(root, file), "utf8");
      expect(src).toMatch(
        /export async function GET\(req: Request\): Promise<Response> \{\n(?:  \/\/.*\n)*  const viewer = await downloadViewer\(req\);\n  if \(viewer instanceof Response\) return viewer;/,
      );
      expect(src).not.toContain("currentViewer()");
    },
  );
});
