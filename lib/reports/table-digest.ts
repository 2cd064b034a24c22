// A disclosure table's content as a digest (disclosure.ts keeps decisions by it; disclosure-audit.ts
// keeps equations by a table's structure). The numbers are written into a reused buffer and hashed
// (SHA-1, as before): JSON.stringify of a city table (30,476 cells, 27,344 sums) and the same again
// unit by unit cost ~60 ms a table, most of a decision after a write that its attack did not. No
// I/O; the buffers are the module's (one table is written at a time, synchronously, its cells 64
// at a time into a second buffer: chunkHash; each grows to the most numbers written into it, and
// is emptied even when a write throws).
import { createHash } from "node:crypto";
import type { Decision, DisclosureCell, DisclosureRelation, DisclosureTable } from "./disclosure";

/**
 * Every field of a cell and a relation, named: a field added to either type fails to compile until
 * it is named here (`Unwritten` below) — name it once `cell` or the relations' loop writes it. The
 * digest test changes each field, and each field of a decision, in turn.
 */
type CellFields = "size" | "denominator" | "numerators" | "publish" | "within" | "parts" | "together" | "sums" | "derived" | "unlisted";
type RelationFields = "parent" | "children" | "sizeAdditive" | "numerators";
type Unwritten = Exclude<keyof DisclosureCell, CellFields> | Exclude<keyof DisclosureRelation, RelationFields>;
const allWritten: [Unwritten] extends [never] ? true : never = true;
void allWritten;

let buf = new Float64Array(1 << 16);
let n = 0;
const put = (x: number) => {
  if (n === buf.length) {
    const grown = new Float64Array(2 * n);
    grown.set(buf);
    buf = grown;
  }
  buf[n++] = x;
};
// (Indexed loops throughout: `for … of` over the tables' many small arrays — numerators, parts,
// children — went through the iterator protocol here, an object a step: ~30 MB of garbage for
// each read of the city's district quality view after a write.)
/** A list, its length first; an absent one is −1 (lengths are ≥ 0). */
const list = (xs: readonly number[] | undefined) => {
  if (!xs) return put(-1);
  put(xs.length);
  for (let k = 0; k < xs.length; k++) put(xs[k]);
};
const lists = (xss: readonly (readonly number[])[] | undefined) => {
  if (!xss) return put(-1);
  put(xss.length);
  for (let k = 0; k < xss.length; k++) list(xss[k]);
};
/** A flag that may be absent: −1, 0 or 1. */
const flag = (x: boolean | undefined) => put(x === undefined ? -1 : x ? 1 : 0);
/** The digest of what `write` puts in the buffer, emptied after (also when it throws). */
const digest = (write: () => void): string => hashOf(write).toString("base64");
const hashOf = (write: () => void): Buffer => {
  n = 0;
  try {
    write();
    return createHash("sha1")
      .update(new Uint8Array(buf.buffer, 0, n * 8))
      .digest();
  } finally {
    n = 0;
  }
};

function cell(c: DisclosureCell, within: number | undefined) {
  put(c.size);
  put(c.denominator);
  list(c.numerators);
  put(c.publish ? 1 : 0);
  put(within ?? -1);
  lists(c.parts);
  lists(c.together);
  if (!c.sums) put(-1);
  else {
    put(c.sums.length);
    for (let j = 0; j < c.sums.length; j++) (put(c.sums[j].of), list(c.sums[j].parts));
  }
  list(c.derived);
  flag(c.unlisted);
}

/**
 * Whether two cells are written alike (`cell` above), read field by field — for tables met again
 * (disclosure.ts `seen`), where writing a city table's 21,000 cells to find it again cost more than
 * comparing them, most of them the very same objects. Stricter than the digest where it is cheaper
 * (an absent `publish` is not `false` here): a table it calls different is looked up by its digest.
 */
export function sameCell(a: DisclosureCell, b: DisclosureCell): boolean {
  if (a === b) return true;
  return (
    a.size === b.size &&
    a.denominator === b.denominator &&
    sameList(a.numerators, b.numerators) &&
    a.publish === b.publish &&
    a.within === b.within &&
    sameLists(a.parts, b.parts) &&
    sameLists(a.together, b.together) &&
    sameSums(a.sums, b.sums) &&
    sameList(a.derived, b.derived) &&
    a.unlisted === b.unlisted
  );
}
const sameList = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
};
const sameLists = (a: readonly (readonly number[])[] | undefined, b: readonly (readonly number[])[] | undefined): boolean => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!sameList(a[k], b[k])) return false;
  return true;
};
const sameSums = (a: DisclosureCell["sums"], b: DisclosureCell["sums"]): boolean => {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k].of !== b[k].of || !sameList(a[k].parts, b[k].parts)) return false;
  return true;
};
/** Whether two decisions are written alike (`decision` below). */
export function sameDecision(a: Decision | null | undefined, b: Decision | null | undefined): boolean {
  if (a === b) return true;
  if (a == null || b == null) return a == null && b == null;
  if (a.state === "suppressed" || b.state === "suppressed") return a.state === b.state;
  if (a.coded.length !== b.coded.length) return false;
  for (let k = 0; k < a.coded.length; k++) {
    const x = a.coded[k];
    const y = b.coded[k];
    if (x !== y && (x == null || y == null || x.op !== y.op || x.bound !== y.bound)) return false;
  }
  const ha = a.hidden;
  const hb = b.hidden;
  if (ha === hb) return true;
  if (!ha || !hb || ha.length !== hb.length) return false;
  for (let k = 0; k < ha.length; k++) if (ha[k] !== hb[k]) return false;
  return true;
}

function decision(x: Decision | null | undefined) {
  if (x == null) return put(-1);
  if (x.state === "suppressed") return put(0);
  put(1);
  put(x.coded.length);
  for (const c of x.coded) {
    if (c == null) put(0);
    else (put(c.op === "≤" ? 1 : 2), put(c.bound));
  }
  if (!x.hidden) put(-1);
  else {
    put(x.hidden.length);
    for (const h of x.hidden) put(h ? 1 : 0);
  }
}

/**
 * The digest of the table made of `t`'s cells `cs` (all of them when absent), renumbered in that
 * order, with the relations `rs` (indices into t.relations, every cell of each among `cs`; all of
 * them when absent): the same digest as that table written out on its own (a unit of a district's
 * table, disclosure.ts unitsOf), without building it.
 */
export function tableDigest(t: DisclosureTable, cs?: readonly number[], rs?: readonly number[], at?: Int32Array): string {
  const relations = relationsDigest(t, rs, at);
  return digest(() => writeTable(t, cs, at, relations));
}
/**
 * The relations are written as their own digest (20 bytes), kept for relations that are frozen
 * (and, for a unit's, its frozen list of them with the same renumbering): the quality view's five
 * tables share one array, and so do its reads while the rows are the same (quality.ts structureOf),
 * where writing ~25,000 relations again was about a third of each digest. (Always as a digest, kept
 * or not: a unit's digest written from the whole table is the one of its table built alone.)
 */
const relationDigests = new WeakMap<object, { at?: Int32Array; hash: Uint32Array }>();
function relationsDigest(t: DisclosureTable, rs?: readonly number[], at?: Int32Array): Uint32Array {
  const keep = Object.isFrozen(t.relations) && (!rs || Object.isFrozen(rs));
  const owner = rs ?? t.relations;
  const kept = keep ? relationDigests.get(owner) : undefined;
  if (kept && kept.at === at) return kept.hash;
  const bytes = hashOf(() => writeRelations(t, rs, at));
  const hash = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  if (keep) relationDigests.set(owner, { at, hash });
  return hash;
}
function writeRelations(t: DisclosureTable, rs?: readonly number[], at?: Int32Array) {
  const local = (i: number) => (at ? at[i] : i);
  const relationCount = rs ? rs.length : t.relations.length;
  put(relationCount);
  for (let k = 0; k < relationCount; k++) {
    const r = t.relations[rs ? rs[k] : k];
    put(local(r.parent));
    put(r.children.length);
    for (let j = 0; j < r.children.length; j++) put(local(r.children[j]));
    flag(r.sizeAdditive);
    put(r.numerators ?? -1);
  }
}
function writeTable(t: DisclosureTable, cs: readonly number[] | undefined, at: Int32Array | undefined, relations: Uint32Array) {
  put(t.denominatorIsStudents ? 1 : 0);
  const count = cs ? cs.length : t.cells.length;
  put(count);
  put(t.fixed ? 1 : 0);
  for (let k = 0; k < count; k += CHUNK) {
    const hash = chunkHash(t, cs, at, k, Math.min(count, k + CHUNK));
    for (let j = 0; j < hash.length; j++) put(hash[j]);
  }
  for (let k = 0; k < relations.length; k++) put(relations[k]);
}

/**
 * A table's cells (and their fixed decisions) are written CHUNK at a time, each chunk as its own
 * digest (20 bytes), kept for a whole table's (`cs` absent) by its first cell while the chunk holds
 * the same cells and decisions (sameCell, sameDecision: the very same objects mostly): after a
 * write most of a view's tables hold the cells of its last read (quality.ts cellsOf keeps a row's),
 * and writing and hashing a city quality table's 21,000 cells was ~7 ms of each table decided
 * again, five to seven a read. A unit's digest (`cs`) is written the same way, its chunks not
 * kept, so it is the digest of the unit's table built alone.
 */
const CHUNK = 64;
type Chunk = { cells: DisclosureCell[]; fixed: (Decision | undefined)[] | undefined; hash: Uint32Array };
const chunks = new WeakMap<DisclosureCell, Chunk>();
let chunkBuf = new Float64Array(1 << 12);
function chunkHash(t: DisclosureTable, cs: readonly number[] | undefined, at: Int32Array | undefined, from: number, to: number): Uint32Array {
  const fixed = t.fixed;
  const keep = !cs && !at; // (a table's own cells, not renumbered)
  if (keep) {
    const kept = chunks.get(t.cells[from]);
    if (kept && kept.cells.length === to - from && !kept.fixed === !fixed) {
      let same = true;
      for (let k = from; same && k < to; k++) same = sameCell(kept.cells[k - from], t.cells[k]) && (!fixed || sameDecision(kept.fixed![k - from], fixed[k]));
      if (same) return kept.hash;
    }
  }
  // (Written into a buffer of its own: the table's is being written.)
  const outer = buf;
  const written = n;
  buf = chunkBuf;
  let bytes: Buffer;
  try {
    bytes = hashOf(() => {
      for (let k = from; k < to; k++) {
        const c = t.cells[cs ? cs[k] : k];
        cell(c, c.within === undefined ? undefined : at ? at[c.within] : c.within);
        if (fixed) decision(fixed[cs ? cs[k] : k]);
      }
    });
  } finally {
    chunkBuf = buf;
    buf = outer;
    n = written;
  }
  const hash = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  if (keep) chunks.set(t.cells[from], { cells: t.cells.slice(from, to), fixed: fixed?.slice(from, to), hash });
  return hash;
}

/**
 * The digest of what a table's equations are made of (disclosure-audit.ts equationsOf): its
 * cells' numbers of counts, partitions and sums, and its relations; `m` its most counts in a cell.
 * Tables with the same have the same equations, whatever their counts.
 */
export function structureDigest(t: DisclosureTable, m: number): string {
  // Kept with frozen relations while the cells have the same shapes (the same objects mostly: the
  // quality view's five tables a read, and its reads while its rows are the same; writing the
  // city's 21,000 cells' shapes again was ~5 ms a table).
  // One kept for each width m: the quality view's tables share their relations, with 1, 2 or 3
  // counts a cell (kept for one width only, the five tables of a read took turns writing it anew).
  const frozen = Object.isFrozen(t.relations);
  const byWidth = frozen ? structures.get(t.relations) : undefined;
  const kept = byWidth?.get(m);
  if (kept && kept.cells.length === t.cells.length) {
    let same = true;
    for (let k = 0; same && k < t.cells.length; k++) same = sameShape(kept.cells[k], t.cells[k]);
    if (same) return kept.digest;
  }
  const relations = relationsStructure(t);
  const made = digest(() => writeStructure(t, m, relations));
  if (frozen) {
    const widths = byWidth ?? new Map<number, { cells: DisclosureCell[]; digest: string }>();
    widths.set(m, { cells: t.cells.slice(), digest: made });
    if (!byWidth) structures.set(t.relations, widths);
  }
  return made;
}
const structures = new WeakMap<object, Map<number, { cells: DisclosureCell[]; digest: string }>>();
/** Whether two cells are written alike by writeStructure. */
const sameShape = (a: DisclosureCell, b: DisclosureCell): boolean =>
  a === b || (a.numerators.length === b.numerators.length && sameLists(a.parts, b.parts) && sameSums(a.sums, b.sums));
/**
 * What the equations take from the relations, as their own digest (20 bytes), kept for relations
 * that are frozen (as relationsDigest): writing the ~25,000 sums of a city quality table again was
 * about half of finding its kept equations, for each table decided after a write.
 */
const relationStructures = new WeakMap<object, Uint32Array>();
function relationsStructure(t: DisclosureTable): Uint32Array {
  const keep = Object.isFrozen(t.relations);
  const kept = keep ? relationStructures.get(t.relations) : undefined;
  if (kept) return kept;
  const bytes = hashOf(() => {
    put(t.relations.length);
    for (const r of t.relations) {
      put(r.parent);
      put(r.sizeAdditive === false ? 0 : 1);
      put(r.numerators ?? -1);
      list(r.children);
    }
  });
  const hash = new Uint32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  if (keep) relationStructures.set(t.relations, hash);
  return hash;
}
function writeStructure(t: DisclosureTable, m: number, relations: Uint32Array) {
  put(t.cells.length);
  put(m);
  for (let k = 0; k < relations.length; k++) put(relations[k]);
  for (let k = 0; k < t.cells.length; k++) {
    const c = t.cells[k];
    put(c.numerators.length);
    lists(c.parts);
    if (!c.sums) put(-1);
    else {
      put(c.sums.length);
      for (let j = 0; j < c.sums.length; j++) (put(c.sums[j].of), list(c.sums[j].parts));
    }
  }
}
