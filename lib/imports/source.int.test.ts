import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { once } from "node:events";
import zlib from "node:zlib";
import { Zip, strToU8, zipSync, type ZipInputFile } from "fflate";
import { openSource } from "@/lib/imports/source";
import { ImportFileError } from "@/lib/imports/report";
import { tempDir } from "@/lib/test/temp-dir";

// Zips are built here at test time (none are kept in git). openSource's temporary folders go to a
// private TMPDIR so "nothing left behind" is checked without other test files' imports in the way.

const work = tempDir("ct-zip-test-");
const tmp = path.join(work, "tmp");
const bombFile = path.join(work, "bomb.zip");
const BOMB_BYTES = 600 * 1024 * 1024;

const leftovers = () => fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("ct-import-"));

function writeZip(name: string, entries: Record<string, string | Uint8Array>): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v]))));
  return file;
}

/**
 * One entry of `bytes` copies of "A", written in 8 MB chunks so the test never holds it all:
 * fflate's streaming Zip, fed by node's zlib with the run-length strategy (~1 s for 600 MB; fflate's
 * own ZipDeflate takes 6 s idle and over 30 s on a busy machine). The deflate data is a plain
 * deflate stream as any zip tool writes; the sizes and CRC go in the data descriptor.
 */
async function writeBomb(file: string, bytes: number): Promise<void> {
  const out = fs.openSync(file, "w");
  try {
    const zip = new Zip();
    const done = new Promise<void>((resolve, reject) => {
      zip.ondata = (err, chunk, final) => {
        if (err) return reject(err);
        fs.writeSync(out, chunk);
        if (final) resolve();
      };
    });
    const entry: ZipInputFile = { filename: "students.csv", compression: 8, flag: 0, size: 0, crc: 0 };
    zip.add(entry);
    const deflate = zlib.createDeflateRaw({ level: 6, strategy: zlib.constants.Z_RLE });
    deflate.on("data", (c: Buffer) => entry.ondata!(null, new Uint8Array(c), false));
    const block = Buffer.alloc(8 * 1024 * 1024, 0x41);
    for (let left = bytes; left > 0; left -= block.length) {
      const part = block.subarray(0, Math.min(block.length, left));
      entry.crc = zlib.crc32(part, entry.crc);
      entry.size += part.length;
      if (!deflate.write(part)) await once(deflate, "drain");
    }
    deflate.end();
    await once(deflate, "end");
    entry.ondata!(null, new Uint8Array(0), true);
    zip.end();
    await done;
  } finally {
    fs.closeSync(out);
  }
}

async function refusal(file: string): Promise<ImportFileError> {
  const result = await openSource(file).then(
    async (s) => {
      await s.cleanup();
      return null;
    },
    (e: unknown) => e,
  );
  expect(result).toBeInstanceOf(ImportFileError);
  const e = result as ImportFileError;
  expect(e.errors).toHaveLength(1);
  expect(e.errors[0]).toMatchObject({ file: path.basename(file), line: 0, column: null });
  expect(leftovers()).toEqual([]);
  return e;
}

beforeAll(async () => {
  fs.mkdirSync(tmp);
  await writeBomb(bombFile, BOMB_BYTES);
}, 60_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));
beforeEach(() => {
  vi.stubEnv("TMPDIR", tmp);
  for (const n of leftovers()) fs.rmSync(path.join(tmp, n), { recursive: true, force: true });
});
afterEach(() => vi.unstubAllEnvs());

describe("openSource with a zip", () => {
  it("opens a normal zip: CSV entries by base name, dot-files, __MACOSX and other files left out", async () => {
    const file = path.join(work, "set.zip");
    fs.writeFileSync(
      file,
      zipSync({
        "set/readme.txt": strToU8("hello"),
        "__MACOSX/set/._users.csv": strToU8("resource fork"),
        "set/.hidden.csv": strToU8("x\n"),
        "set/users.csv": strToU8("sourcedId\nu1\n".repeat(100)),
        "set/orgs.csv": [strToU8("sourcedId\no1\n"), { level: 0 }], // stored, not deflated
      }),
    );
    const s = await openSource(file);
    expect([...s.files.keys()].sort()).toEqual(["orgs.csv", "users.csv"]);
    expect(fs.readFileSync(s.files.get("users.csv")!, "utf8")).toBe("sourcedId\nu1\n".repeat(100));
    expect(fs.readFileSync(s.files.get("orgs.csv")!, "utf8")).toBe("sourcedId\no1\n");
    expect(s.checksum).toBe(createHash("sha256").update(fs.readFileSync(file)).digest("hex"));
    expect(leftovers()).toHaveLength(1);
    await s.cleanup();
    expect(leftovers()).toEqual([]);
  });

  it("refuses two CSV entries with the same base name in any case, naming both", async () => {
    const e = await refusal(writeZip("dupes.zip", { "set/users.csv": "a\n1\n", "set/orgs.csv": "a\n1\n", "old/Users.csv": "a\n2\n" }));
    expect(e.errors[0].message).toContain("set/users.csv");
    expect(e.errors[0].message).toContain("old/Users.csv");
  });

  it("refuses a zip bomb (600 MB of one byte, under 1 MB zipped) within seconds, leaving nothing on disk", async () => {
    expect(fs.statSync(bombFile).size).toBeLessThan(1024 * 1024);
    const started = performance.now();
    const e = await refusal(bombFile);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(e.errors[0].message).toMatch(/students\.csv.*compress/i);
    expect(e.errors[0].value).toBe("students.csv");
  });

  it("refuses a zip that expands past IMPORT_MAX_UNZIPPED_BYTES, counting the bytes inflated", async () => {
    vi.stubEnv("IMPORT_MAX_UNZIPPED_BYTES", String(1024 * 1024));
    // Text that does not compress much (~2:1), so only the total cap can stop it.
    const rows = (seed: number) => Array.from({ length: 20_000 }, (_, i) => `${seed},${(i * 2654435761) % 1000003},${((i + seed) * 40503) % 65521}`).join("\n");
    const e = await refusal(writeZip("big.zip", { "a.csv": rows(1), "b.csv": rows(2), "c.csv": rows(3), "d.csv": rows(4) }));
    expect(e.errors[0].message).toMatch(/expands to more than 1 MB/);
  });

  it("refuses more than 1,000 entries, counting the ones that are not CSV", async () => {
    const entries: Record<string, string> = { "users.csv": "a\n1\n" };
    for (let i = 0; i < 1000; i++) entries[`notes/${i}.txt`] = "x";
    const e = await refusal(writeZip("many.zip", entries));
    expect(e.errors[0].message).toMatch(/more than 1,000 entries/);
  });

  it("refuses a cut-off zip as not a readable zip file", async () => {
    const whole = zipSync({ "users.csv": strToU8("sourcedId,name\n" + "u1,Ann\n".repeat(5000)), "orgs.csv": strToU8("sourcedId\no1\n") });
    const file = path.join(work, "cut.zip");
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length / 3)));
    expect((await refusal(file)).errors[0].message).toMatch(/not a readable zip file/i);
    // Cut just before the second entry: the first is whole, and only the missing end record tells.
    fs.writeFileSync(file, whole.subarray(0, Buffer.from(whole).indexOf("PK\x03\x04", 4, "latin1")));
    expect((await refusal(file)).errors[0].message).toMatch(/not a readable zip file/i);
  });

  it("refuses a file named .zip that is not a zip, and damaged compressed data", async () => {
    const notZip = path.join(work, "students.zip");
    fs.writeFileSync(notZip, "sis_id,grade\n100001,9\n");
    expect((await refusal(notZip)).errors[0].message).toMatch(/not a readable zip file/i);

    const bytes = zipSync({ "users.csv": strToU8("sourcedId,name\n" + "u1,Ann\n".repeat(5000)) });
    const dataStart = 30 + "users.csv".length;
    bytes.fill(0xff, dataStart, dataStart + 40); // a deflate block header of 0b11x: an invalid block type
    const damaged = path.join(work, "damaged.zip");
    fs.writeFileSync(damaged, bytes);
    expect((await refusal(damaged)).errors[0].message).toMatch(/not a readable zip file/i);
  });

  it("refuses an entry compressed with a method it cannot read (bzip2), naming the entry", async () => {
    const bytes = zipSync({ "users.csv": strToU8("sourcedId\nu1\n".repeat(100)) });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    view.setUint16(8, 12, true); // local header: compression method 12 = bzip2
    const file = path.join(work, "bzip2.zip");
    fs.writeFileSync(file, bytes);
    const e = await refusal(file);
    expect(e.errors[0].message).toMatch(/users\.csv.*compression method/);
  });
});
