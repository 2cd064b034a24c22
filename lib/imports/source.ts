import "server-only";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createHash } from "node:crypto";
import { Unzip, UnzipInflate } from "fflate";

// An import's input: a folder or a .zip of CSV files, or one CSV file. A zip is streamed to a
// temporary folder (entries are flattened to their base names; only *.csv is kept, so an entry
// cannot write outside the folder). The checksum is the sha256 of the file as given (for a
// folder: of its CSV files' names and contents in name order).

export type Source = { dir: string; files: Map<string, string>; checksum: string; name: string; cleanup: () => Promise<void> };

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
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ct-import-"));
    const files = await unzipTo(input, dir);
    return { dir, files, checksum, name: displayName, cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }) };
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

async function unzipTo(zip: string, dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const pending: Promise<void>[] = [];
  const unzip = new Unzip((entry) => {
    const base = path.basename(entry.name);
    if (!base.toLowerCase().endsWith(".csv") || base.startsWith(".")) return;
    const target = path.join(dir, base);
    const fd = fs.openSync(target, "w");
    files.set(base, target);
    pending.push(
      new Promise<void>((resolve, reject) => {
        entry.ondata = (err, chunk, final) => {
          if (err) return reject(err);
          fs.writeSync(fd, chunk);
          if (final) {
            fs.closeSync(fd);
            resolve();
          }
        };
      }),
    );
    entry.start();
  });
  unzip.register(UnzipInflate);
  for await (const c of fs.createReadStream(zip)) unzip.push(new Uint8Array(c as Buffer));
  unzip.push(new Uint8Array(0), true);
  await Promise.all(pending);
  return files;
}
