import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { readSource, sourceFiles } from "./source-files";
import { removeTempDirs, tempDir } from "./temp-dir";

describe("tests' temporary folders", () => {
  it("tempDir makes an empty folder and removeTempDirs removes it with what was written in it", () => {
    const dir = tempDir("ct-temp-dir-test-");
    expect(fs.readdirSync(dir)).toEqual([]);
    fs.mkdirSync(`${dir}/nested`);
    fs.writeFileSync(`${dir}/nested/file.csv`, "a,b\n");
    removeTempDirs();
    expect(fs.existsSync(dir)).toBe(false);
  });

  // A run used to leave about 600 folders in /tmp (ct-csv-*, ct-fixture-*, ct-landing-*, …), one
  // per file an import test wrote. Test code makes its folders with tempDir, which
  // lib/test/setup.ts empties after each test file.
  it("no test code makes a folder in the system's temporary folder any other way", () => {
    const testCode = [...sourceFiles("lib"), ...sourceFiles("scripts")].filter((f) => /\.test\.ts$|test-helpers\.ts$/.test(f) && f !== "lib/test/temp-dir.ts");
    const offenders = testCode.filter((f) => /mkdtemp(Sync)?\(\s*path\.join\(\s*os\.tmpdir\(\)/.test(readSource(f)));
    expect(offenders).toEqual([]);
  });
});
