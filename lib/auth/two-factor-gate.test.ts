// The district's two-factor policy must hold on every API route: a route handler that reads the
// viewer also asks twoFactorRefusal (403 for a user who must enrol first). NextAuth's own
// endpoints are the exception (signing in is how one gets to enrol).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, routeFiles } from "@/lib/test/source-files";

const root = repoRoot;

describe("two-factor gate on API routes", () => {
  it("every route handler that reads the viewer refuses a user who must enrol first", () => {
    const files = routeFiles("app/api").filter((f) => !f.startsWith("app/api/auth/"));
    expect(files.length).toBeGreaterThan(5);
    const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");
    // Routes built by a shared helper (reportRoute, downloadViewer) inherit the helper's gate.
    const helperGated = read("lib/reports/http.ts").includes("twoFactorRefusal");
    const downloadGated = read("lib/http/download.ts").includes("twoFactorRefusal");
    const ungated = files.filter((f) => {
      const src = read(f);
      if (/reportRoute\(/.test(src)) return !helperGated;
      if (/downloadViewer\(/.test(src)) return !downloadGated;
      return /currentViewer\(/.test(src) && !/twoFactorRefusal\(/.test(src);
    });
    expect(ungated).toEqual([]);
  });
});
