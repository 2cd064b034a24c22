// The repository's own files, for tests that read the source (route inventory, audit labels, the
// per-route checks): every file under a folder, relative to the repository root with "/"
// separators, leaving out node_modules, generated code and dot-folders.
import fs from "node:fs";
import path from "node:path";

export const repoRoot = path.resolve(import.meta.dirname, "../..");

export function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) continue;
      sourceFiles(rel, out);
    } else out.push(rel);
  }
  return out;
}

/** The route handlers (route.ts) under a folder of app/. */
export const routeFiles = (dir: string): string[] => sourceFiles(dir).filter((f) => path.posix.basename(f) === "route.ts");

export const readSource = (rel: string): string => fs.readFileSync(path.join(repoRoot, rel), "utf8");
