import "server-only";
import fs from "node:fs";
import path from "node:path";
import { readHeader } from "@/lib/imports/csv";
import { REQUIRED_PROGRESS } from "@/lib/imports/progress/schema";
import { REQUIRED_CATALOG } from "@/lib/imports/catalog/schema";
import { activityHeaderProblems } from "@/lib/imports/activity/schema";
import { extractKindOf } from "@/lib/imports/extract/schema";
import { mappingForHeader } from "@/lib/imports/mapping/recognise";
import { ImportFileError, type ImportKind } from "@/lib/imports/report";

// Which import a file is for, from what it is and its header alone (issue #15: the landing folder
// takes files nobody labelled). The one place formats are told apart for unlabelled files:
//   - a folder or a .zip (or a file that starts like a zip) → OneRoster (a set of CSV tables; the
//     OneRoster import itself names a look-alike set: lib/imports/oneroster/look-alike.ts), except
//     a OneRoster 1.2 gradebook set (lineItems.csv and results.csv, no orgs.csv) → gradebook. A set
//     with both the roster and the gradebook is imported as the roster (drop the gradebook apart);
//   - a CSV whose header has every required column of provider progress → progress; of the
//     catalog → catalog; of an activity file (activityHeaderProblems) → activity; one the district
//     extract recognises (extractKindOf: students, status events, transcript, October 1 roll, course
//     sequence, state test results) → students;
//   - else a saved column mapping whose header matches (mappingForHeader) → that mapping's kind,
//     read with that mapping;
//   - else unknown, with the reason (the extract's own "looks like … without …" when it has one).

export type Detected = { kind: ImportKind; mapping?: string } | { kind: null; reason: string };

export async function detectImportKind(file: string): Promise<Detected> {
  const stat = await fs.promises.stat(file);
  const name = path.basename(file);
  if (stat.isDirectory()) return { kind: setKind(await fs.promises.readdir(file)) };
  if (name.toLowerCase().endsWith(".zip") || (stat.isFile() && (await startsLikeZip(file)))) return { kind: setKind(await zipEntryNames(file, stat.size)) };
  if (!stat.isFile()) return { kind: null, reason: `"${name}" is neither a file nor a folder.` };
  if (stat.size === 0) return { kind: null, reason: `"${name}" is empty.` };
  const header = await readHeader(file);
  const cols = new Set(
    header.map((h) =>
      h
        .replace(/^\uFEFF/, "")
        .trim()
        .toLowerCase(),
    ),
  );
  const has = (c: string) => cols.has(c.toLowerCase());
  if (REQUIRED_PROGRESS.every(has)) return { kind: "progress" };
  if (REQUIRED_CATALOG.every(has)) return { kind: "catalog" };
  if (activityHeaderProblems(cols).length === 0) return { kind: "activity" };
  // A saved mapping of exactly this header wins over a guess from a few column names.
  const mapped = await mappingForHeader(header);
  if (mapped) return { kind: mapped.kind, mapping: mapped.name };
  let extractReason: string | null = null;
  try {
    extractKindOf(header, name);
    return { kind: "students" };
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    // "Unrecognised header" says nothing a mapping could not; a near-miss ("looks like …") does.
    const message = e.errors[0]?.message ?? "";
    if (!message.startsWith("Unrecognised header")) extractReason = message;
  }
  if (extractReason) return { kind: null, reason: extractReason };
  if (has("sourcedid")) return { kind: null, reason: `"${name}" looks like one file of a OneRoster set: drop the whole set as one .zip (or one folder) instead.` };
  const shown = header.slice(0, 8).join(", ") || "empty";
  return {
    kind: null,
    reason:
      `Not a file CreditTrack knows: its header (${shown}${header.length > 8 ? ", …" : ""}) is not provider progress, activity, the catalog or the district extract, ` +
      "and no saved column mapping matches it. Save a column mapping for it on the Imports page, or drop a OneRoster set as a .zip or a folder.",
  };
}

/** A set of CSV tables, by its files' base names: a gradebook set, else OneRoster. */
function setKind(names: string[]): "oneroster" | "gradebook" {
  const base = new Set(names.map((n) => n.split(/[\\/]/).pop()!.toLowerCase()));
  return base.has("lineitems.csv") && base.has("results.csv") && !base.has("orgs.csv") ? "gradebook" : "oneroster";
}

/**
 * The entry names of a zip, from its central directory (nothing is inflated). [] when it cannot be
 * read that way (damaged, zip64): the import then reads it and says what is wrong.
 */
async function zipEntryNames(file: string, size: number): Promise<string[]> {
  if (size < 22) return [];
  const fh = await fs.promises.open(file, "r");
  try {
    const tail = Buffer.alloc(Math.min(size, 22 + 0xffff));
    await fh.read(tail, 0, tail.length, size - tail.length);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--)
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    if (eocd < 0) return [];
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) return [];
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const names: string[] = [];
    for (let at = 0, n = 0; n < count && at + 46 <= cd.length && cd.readUInt32LE(at) === 0x02014b50; n++) {
      const nameLen = cd.readUInt16LE(at + 28);
      names.push(cd.toString("utf8", at + 46, at + 46 + nameLen));
      at += 46 + nameLen + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
    }
    return names;
  } finally {
    await fh.close();
  }
}

async function startsLikeZip(file: string): Promise<boolean> {
  const fh = await fs.promises.open(file, "r");
  try {
    const b = Buffer.alloc(4);
    const { bytesRead } = await fh.read(b, 0, 4, 0);
    return bytesRead === 4 && b.readUInt32LE(0) === 0x04034b50;
  } finally {
    await fh.close();
  }
}
