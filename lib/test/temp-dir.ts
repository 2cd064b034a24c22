// Throwaway folders for tests. Every folder made here is removed after its test file
// (lib/test/setup.ts), so a run leaves nothing in the system's temporary folder; a test that
// needs a folder gone sooner may still remove it itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const made: string[] = [];

/** A new empty folder under the system's temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder tempDir made in this test file (called by lib/test/setup.ts). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
