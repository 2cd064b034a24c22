/**
 * A set of strings (a file's sourcedIds, read to find a second row with the same one) held outside
 * the collected heap: each id's UTF-8 bytes in one growing buffer, found through an open-addressing
 * table of typed arrays, compared byte for byte (exact: two ids are the same only when their
 * bytes are). A JavaScript Set of a city roster's 1.5 million enrollment sourcedIds held ~100 MB of
 * strings and entries that every collection marked again (the OneRoster import of 300,000
 * students, one run without it: peak 727 MB and 21 s of reading, against 823–840 MB and 25–26 s
 * with it); here ~40–70 bytes an id (its bytes, three numbers, two to four slots, with room to
 * grow). Text decoded from a file is well-formed; a lone surrogate (which no decoder gives) would
 * be held as U+FFFD, as UTF-8 writes it.
 */
export class IdSet {
  /** The ids' bytes, one after another. */
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  /** Per id (by order added): where its bytes start, how many, its hash. */
  private start = new Uint32Array(1024);
  private length = new Uint32Array(1024);
  private hashes = new Uint32Array(1024);
  private count = 0;
  /** Open addressing, linear probing: 0 empty, else the id's index + 1. At most half full. */
  private slots = new Uint32Array(2048);
  private scratch = Buffer.alloc(256);

  get size(): number {
    return this.count;
  }

  /** Adds `id`; false when it was there already. */
  add(id: string): boolean {
    const n = this.encode(id);
    const h = hash(this.scratch, n);
    const s = this.slotOf(n, h);
    if (this.slots[s] !== 0) return false;
    this.append(n, h);
    this.slots[s] = this.count;
    if (this.count * 2 > this.slots.length) this.rehash();
    return true;
  }

  /** Whether `id` was added. */
  has(id: string): boolean {
    const n = this.encode(id);
    return this.slots[this.slotOf(n, hash(this.scratch, n))] !== 0;
  }

  /** The slot of the id in the scratch buffer (`n` bytes, hash `h`): its own, or the empty one it would take. */
  private slotOf(n: number, h: number): number {
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s];
      if (at === 0) return s;
      const k = at - 1;
      if (this.hashes[k] === h && this.length[k] === n && this.scratch.compare(this.bytes, this.start[k], this.start[k] + n, 0, n) === 0) return s;
    }
  }

  /** `id`'s UTF-8 bytes into the scratch buffer (grown to fit); their number. */
  private encode(id: string): number {
    if (id.length * 3 > this.scratch.length) this.scratch = Buffer.alloc(id.length * 3);
    return this.scratch.write(id, 0, "utf8");
  }

  private append(n: number, h: number): void {
    if (this.used + n > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + n));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.scratch.copy(this.bytes, this.used, 0, n);
    if (this.count === this.start.length) {
      this.start = grow(this.start);
      this.length = grow(this.length);
      this.hashes = grow(this.hashes);
    }
    this.start[this.count] = this.used;
    this.length[this.count] = n;
    this.hashes[this.count] = h;
    this.used += n;
    this.count++;
  }

  private rehash(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.count; k++) {
      let s = this.hashes[k] & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = k + 1;
    }
    this.slots = slots;
  }
}

function grow(a: Uint32Array<ArrayBuffer>): Uint32Array<ArrayBuffer> {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}

/** FNV-1a over the bytes, then a final mix (murmur3's) so that linear probing spreads ids that differ in their last digits. */
function hash(b: Buffer, n: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ b[i], 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
