// Test helpers for the import tests: fixture paths and throwaway copies of a fixture set.
import fs from "node:fs";
import path from "node:path";
import { tempDir } from "@/lib/test/temp-dir";

export const FIXTURES = path.resolve(import.meta.dirname, "fixtures");
export const fixture = (name: string) => path.join(FIXTURES, name);

/** A temporary copy of a fixture set, with files replaced or added. */
export function copySet(name: string, overlay: Record<string, string> = {}, overlayDir?: string): string {
  const dir = tempDir("ct-fixture-");
  for (const f of fs.readdirSync(fixture(name))) fs.copyFileSync(path.join(fixture(name), f), path.join(dir, f));
  if (overlayDir) for (const f of fs.readdirSync(overlayDir)) fs.copyFileSync(path.join(overlayDir, f), path.join(dir, f));
  for (const [f, text] of Object.entries(overlay)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

export function writeTemp(name: string, text: string): string {
  const dir = tempDir("ct-csv-");
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}
