import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { Unzip, UnzipInflate, UnzipPassThrough, type AsyncFlateStreamHandler, type UnzipDecoderConstructor } from "fflate";
import { ImportFileError } from "@/lib/imports/report";

// An import's input: a folder or a .zip of CSV files, or one CSV file. A zip is streamed to a
// temporary folder (entries are flattened to their base names; only *.csv is kept, so an entry
// cannot write outside the folder). A zip that is damaged, holds two CSV files of the same name,
// or passes ZIP_LIMITS is refused with an ImportFileError, and its temporary folder is removed
// (lib/imports/FORMATS.md, "Zip inputs"). The checksum is the sha256 of the file as given (for a
// folder: of its CSV files' names and contents in name order).

export type Source = { dir: string; files: Map<string, string>; checksum: string; name: string; cleanup: () => Promise<void> };

/**
 * What a zip may expand to (lib/imports/FORMATS.md, "Zip inputs"). Uploads stop at 200 MB
 * (MAX_UPLOAD_BYTES); the synthetic 60,000-student roster is 25 MB of CSV that zips to 2.4 MB.
 */
export const ZIP_LIMITS = {
  /** Bytes actually inflated, all CSV entries together (declared sizes can lie). IMPORT_MAX_UNZIPPED_BYTES. */
  maxUnzippedBytes: 2 * 1024 ** 3,
  /** Entries of any kind: folders and files that are not CSV count too. IMPORT_MAX_ZIP_ENTRIES. */
  maxEntries: 1000,
  /** Once an entry has inflated this much, it may not be more than maxRatio × its compressed bytes. */
  ratioCheckAfterBytes: 50 * 1024 ** 2,
  /** CSV exports compress 5–20:1; a zip bomb ~1000:1 (deflate's most). IMPORT_MAX_ZIP_RATIO. */
  maxRatio: 200,
};
export type ZipLimits = typeof ZIP_LIMITS;

function zipLimits(): ZipLimits {
  return {
    maxUnzippedBytes: envLimit("IMPORT_MAX_UNZIPPED_BYTES", ZIP_LIMITS.maxUnzippedBytes),
    maxEntries: envLimit("IMPORT_MAX_ZIP_ENTRIES", ZIP_LIMITS.maxEntries),
    ratioCheckAfterBytes: ZIP_LIMITS.ratioCheckAfterBytes,
    maxRatio: envLimit("IMPORT_MAX_ZIP_RATIO", ZIP_LIMITS.maxRatio),
  };
}

export async function openSource(input: string, displayName = path.basename(input)): Promise<Source> {
  const stat = await fs.promises.stat(input);
  if (stat.isDirectory()) {
    const names = (await fs.promises.readdir(input)).filter((n) => n.toLowerCase().endsWith(".csv")).sort();
    const hash = createHash("sha256");
    for (const n of names) {
      hash.update(n + "\0");
      for await (const c of fs.createReadStream(path.join(input, n))) hash.update(c as Buffer);
    }
    return { dir: input, files: new Map(names.map((n) => [n, path.join(input, n)])), checksum: hash.digest("hex"), name: displayName, cleanup: async () => {} };
  }
  const checksum = await sha256File(input);
  if (input.toLowerCase().endsWith(".zip") || (await isZip(input))) {
    const limits = zipLimits();
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ct-import-"));
    const cleanup = () => fs.promises.rm(dir, { recursive: true, force: true });
    try {
      if (!(await hasZipEnds(input, stat.size)))
        throw new ImportFileError([
          { file: displayName, line: 0, column: null, value: null, message: unreadable("it does not begin and end as a zip does, so it is cut off or not a zip at all") },
        ]);
      const files = await unzipTo(input, dir, displayName, limits);
      return { dir, files, checksum, name: displayName, cleanup };
    } catch (e) {
      await cleanup();
      throw e;
    }
  }
  const base = path.basename(displayName);
  return { dir: path.dirname(input), files: new Map([[base, input]]), checksum, name: displayName, cleanup: async () => {} };
}

export async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const c of fs.createReadStream(file)) hash.update(c as Buffer);
  return hash.digest("hex");
}

async function isZip(file: string): Promise<boolean> {
  const fh = await fs.promises.open(file, "r");
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, 0);
    return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
  } finally {
    await fh.close();
  }
}

const LOCAL_HEADER = 0x04034b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

/**
 * A zip begins with an entry's local header (or, empty, with the end record) and ends with the
 * end-of-central-directory record (22 bytes + a comment of up to 64 KB). The streaming reader
 * never looks at the end, so without this a zip cut off between two entries would import the
 * entries before the cut as if they were the whole set.
 */
async function hasZipEnds(file: string, size: number): Promise<boolean> {
  if (size < 22) return false;
  const fh = await fs.promises.open(file, "r");
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    if (head.readUInt32LE(0) !== LOCAL_HEADER && head.readUInt32LE(0) !== END_OF_CENTRAL_DIRECTORY) return false;
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff));
    await fh.read(tail, 0, tail.length, size - tail.length);
    for (let i = tail.length - 22; i >= 0; i--) if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return true;
    return false;
  } finally {
    await fh.close();
  }
}

/** What the import reads of a zip: *.csv files, not dot-files (macOS `._x.csv`) nor `__MACOSX/`. */
function csvBaseName(entryName: string): string | null {
  const parts = entryName.split(/[\\/]/);
  const base = parts[parts.length - 1];
  if (!base.toLowerCase().endsWith(".csv") || base.startsWith(".") || parts.includes("__MACOSX")) return null;
  return base;
}

/**
 * Streams the zip's CSV entries into `dir`, counting every entry and every inflated byte, and
 * stops at the first problem: nothing more is inflated or written, the files are closed, and the
 * caller removes `dir`. fflate's streaming Unzip is synchronous, so a problem found in a callback
 * is recorded and acted on after the push that found it.
 */
async function unzipTo(zip: string, dir: string, zipName: string, limits: ZipLimits): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entryByKey = new Map<string, string>(); // lower-case base name → first entry's full name
  const open = new Set<number>();
  let entries = 0;
  let unfinished = 0;
  let total = 0;
  // The first problem: the zip's (an ImportFileError) or the disk's (an fs error, rethrown as is
  // rather than blamed on the zip: fflate catches what its callbacks throw and reports it as bad data).
  let failure: Error | null = null;
  const fail = (message: string, value: string | null = null) => {
    failure ??= new ImportFileError([{ file: zipName, line: 0, column: null, value, message }]);
  };

  const unzip = new Unzip((entry) => {
    if (failure) return;
    if (++entries > limits.maxEntries)
      return fail(
        `The zip has more than ${limits.maxEntries.toLocaleString("en-US")} entries (files and folders of any kind); an import reads at most ${limits.maxEntries.toLocaleString("en-US")}. Zip only the CSV files to import.`,
      );
    const base = csvBaseName(entry.name);
    if (!base) {
      // Started into a decoder that drops the data: an entry never started keeps its compressed
      // bytes in the Unzip's buffers until the end.
      unzip.register(discarding(entry.compression));
      entry.ondata = () => {};
      return entry.start();
    }
    const first = entryByKey.get(base.toLowerCase());
    if (first !== undefined)
      return fail(
        `Two files in the zip have the same name: "${first}" and "${entry.name}". A zip's CSV files are read by name, whatever folder they are in: keep one of them and zip again.`,
        entry.name,
      );
    entryByKey.set(base.toLowerCase(), entry.name);
    if (entry.compression !== 0 && entry.compression !== 8)
      return fail(
        `"${entry.name}" uses compression method ${entry.compression}, which CreditTrack cannot read. Zip the files again with standard (deflate) compression.`,
        entry.name,
      );

    const target = path.join(dir, base);
    let fd: number;
    try {
      fd = fs.openSync(target, "wx", 0o600);
    } catch (e) {
      return void (failure ??= e as Error);
    }
    open.add(fd);
    files.set(base, target);
    unfinished++;
    const read = { compressed: 0 };
    let inflated = 0;
    entry.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) return fail(unreadable(`"${entry.name}" is damaged (${err.message})`), entry.name);
      inflated += chunk.length;
      total += chunk.length;
      if (total > limits.maxUnzippedBytes)
        return fail(
          `The zip expands to more than ${bytes(limits.maxUnzippedBytes)} (reached in "${entry.name}"); an import unzips at most ${bytes(limits.maxUnzippedBytes)}. Import the files in several smaller zips.`,
          entry.name,
        );
      if (entry.compression === 8 && inflated > limits.ratioCheckAfterBytes && inflated > limits.maxRatio * read.compressed)
        return fail(
          `"${entry.name}" expands to more than ${limits.maxRatio} times its compressed size (past ${bytes(limits.ratioCheckAfterBytes)}): that is what a zip bomb looks like, or a file with one giant repeated field. CSV exports compress 5 to 20 times. The zip was not imported.`,
          entry.name,
        );
      try {
        fs.writeFileSync(fd, chunk);
        if (final) {
          open.delete(fd);
          unfinished--;
          fs.closeSync(fd);
        }
      } catch (e) {
        failure ??= e as Error;
      }
    };
    // start() builds the decoder from the class registered for the method at that moment: one
    // registered per entry counts the compressed bytes fed to this entry (a data descriptor gives
    // the sizes only after the data).
    unzip.register(entry.compression === 8 ? countingInflate(read) : UnzipPassThrough);
    entry.start();
  });

  const stream = fs.createReadStream(zip, { highWaterMark: 16 * 1024 }); // ≤ ~16 MB inflated per push
  try {
    for await (const chunk of stream) {
      push(unzip, new Uint8Array(chunk as Buffer), false, () => failure);
      if (failure) break;
    }
    if (!failure) push(unzip, new Uint8Array(0), true, () => failure);
  } catch (e) {
    if (!(e instanceof ZipDataError)) throw e;
    fail(unreadable(`it is cut off or damaged (${e.cause instanceof Error ? e.cause.message : String(e.cause)})`));
  } finally {
    stream.destroy();
    for (const fd of open) fs.closeSync(fd);
  }
  if (!failure && unfinished > 0) fail(unreadable("it ends in the middle of a file, so it is cut off"));
  if (failure) throw failure;
  return files;
}

class ZipDataError extends Error {}

/** fflate throws on data it cannot parse; a throw after a recorded failure is a consequence of it. */
function push(unzip: Unzip, chunk: Uint8Array, final: boolean, failure: () => Error | null): void {
  try {
    unzip.push(chunk, final);
  } catch (e) {
    if (!failure()) throw new ZipDataError("unreadable zip", { cause: e });
  }
}

function discarding(compression: number): UnzipDecoderConstructor {
  return class {
    static compression = compression;
    ondata: AsyncFlateStreamHandler = () => {};
    push() {}
  };
}

function countingInflate(read: { compressed: number }): UnzipDecoderConstructor {
  return class extends UnzipInflate {
    push(chunk: Uint8Array, final: boolean) {
      read.compressed += chunk.length;
      super.push(chunk, final);
    }
  };
}

function unreadable(why: string): string {
  return `Not a readable zip file: ${why}. Zip the CSV files again and import the new zip.`;
}

function bytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MB`;
  return `${n.toLocaleString("en-US")} bytes`;
}

function envLimit(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a whole number above 0 (it is "${raw}").`);
  return n;
}
