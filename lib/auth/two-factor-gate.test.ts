// The district's two-factor policy must hold on every API route: a route handler that reads the
// viewer also asks twoFactorRefusal (403 for a user who must enrol first). NextAuth's own
// endpoints are the exception (signing in is how one gets to enrol).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function routeFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) routeFiles(rel, out);
    else if (e.name === "route.ts") out.push(rel);
  }
  return out;
}

describe("two-factor gate on API routes", () => {
  it("every route handler that reads the viewer refuses a user who must enrol first", () => {
    const files = routeFiles("app/api").filter((f) => !f.startsWith("app/api/auth/"));
    expect(files.length).toBeGreaterThan(5);
    const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");
    // Routes built by a shared helper (reportRoute) inherit the helper's gate.
    const helperGated = read("lib/reports/http.ts").includes("twoFactorRefusal");
    const ungated = files.filter((f) => {
      const src = read(f);
      if (/reportRoute\(/.test(src)) return !helperGated;
      return /currentViewer\(/.test(src) && !/twoFactorRefusal\(/.test(src);
    });
    expect(ungated).toEqual([]);
  });
});
