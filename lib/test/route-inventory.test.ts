// Every entry point of the app must be in the authorization matrix (e2e/access/matrix.ts), and
// every row of the matrix must still exist: a new page, route handler method or server action
// without a row fails here, as does a row for something removed.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIONS, CALLERS, PAGES, ROUTES } from "../../e2e/access/matrix";
import { repoRoot, sourceFiles } from "./source-files";

const root = repoRoot;
const walk = (dir: string) => sourceFiles(dir);

const HTTP = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** HTTP methods a route module exports: `export async function GET`, `export const GET =`, `export { h as GET }`. */
export function exportedMethods(src: string): string[] {
  const found = new Set<string>();
  for (const m of src.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g)) found.add(m[1]);
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of m[1].split(","))
      found.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  return [...found].filter((n) => HTTP.includes(n)).sort();
}

/** Exported functions of a 'use server' module (each one is a public HTTP endpoint). */
export function exportedActions(src: string): string[] {
  const names = new Set<string>();
  for (const m of src.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+(\w+)/g)) names.add(m[1]);
  for (const m of src.matchAll(/export\s*\{([^}]*)\}/g))
    for (const part of m[1].split(","))
      if (part.trim())
        names.add(
          part
            .trim()
            .split(/\s+as\s+/)
            .pop()!
            .trim(),
        );
  return [...names].sort();
}

const isUseServer = (src: string) => /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(src);

describe("route inventory", () => {
  const files = [...walk("app"), ...walk("lib"), ...walk("components")].filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.ts$/.test(f));
  const read = (f: string) => fs.readFileSync(path.join(root, f), "utf8");

  it("every page has a matrix row, and every row a page", () => {
    const pages = files.filter((f) => f.startsWith("app/") && /\/page\.tsx$/.test(f)).sort();
    expect(pages.length).toBeGreaterThan(5);
    expect([...new Set(PAGES.map((p) => p.file))].sort()).toEqual(pages);
  });

  it("every exported method of every route handler has a matrix row, and every row a handler", () => {
    const routes = files
      .filter((f) => f.startsWith("app/") && /\/route\.ts$/.test(f))
      .flatMap((f) => exportedMethods(read(f)).map((m) => `${m} ${f}`))
      .sort();
    expect(routes.length).toBeGreaterThan(5);
    expect([...new Set(ROUTES.map((r) => `${r.method} ${r.file}`))].sort()).toEqual(routes);
  });

  it("every exported server action has a matrix row, and every row an action", () => {
    const actions = files
      .filter((f) => isUseServer(read(f)))
      .flatMap((f) => exportedActions(read(f)).map((n) => `${f}#${n}`))
      .sort();
    expect(actions.length).toBeGreaterThan(5);
    expect(ACTIONS.map((a) => `${a.file}#${a.name}`).sort()).toEqual(actions);
  });

  it("no inline 'use server' functions hide in pages or components (they would be unlisted endpoints)", () => {
    const inline = files.filter((f) => !isUseServer(read(f)) && /["']use server["']/.test(read(f)));
    expect(inline).toEqual([]);
  });

  it("every row says what every caller gets", () => {
    for (const row of [...PAGES, ...ROUTES, ...ACTIONS]) expect(Object.keys(row.expect).sort()).toEqual([...CALLERS].sort());
  });

  it("finds exports however they are written", () => {
    expect(exportedMethods("export async function GET() {}\nexport const POST = x;\nexport { handler as PUT, h2 as DELETE };")).toEqual(["DELETE", "GET", "POST", "PUT"]);
    expect(exportedActions('"use server";\nexport async function a() {}\nexport const b = async () => 1;')).toEqual(["a", "b"]);
    expect(isUseServer('// comment\n"use server";\n')).toBe(true);
    expect(isUseServer('import x from "y";\n')).toBe(false);
  });
});
