// The disclosure policy's self-attack (disclosure.ts, DEFINITIONS.md "Suppression"): from the
// decisions, what a viewer can work out. Pure: no I/O.
//
// Quantities of cell i: 0 its size, 1 its denominator, numerator k at 2 + 2k and its complement
// (denominator − numerator) at 3 + 2k. The viewer knows what is shown (a coded count lies within
// one of 0 or of the denominator), which groups are empty (unless the cell is `unlisted`), that a
// hidden listed group has at least one student, that counts are whole numbers ≥ 0 (a count hidden
// in a shown row, or never shown (`derived`), is known only through these), and these
// equations:
//   - every sum (DisclosureRelation), for each quantity it ties;
//   - each cell's partitions (DisclosureCell.parts): the denominator = the sum of those numerators,
//     and its sums (DisclosureCell.sums): a numerator = the sum of others;
//   - denominator = numerator + complement, in each cell.
// Bounds are tightened through every equation; linear algebra over the sums between cells, each
// quantity on its own (fixedColumns: row echelon form, then two solutions of the homogeneous
// system), finds every quantity they fix exactly; both repeat until nothing moves.
//
// Every quantity known exactly from the decisions is a constant, so the attack of the others splits
// into components: the unknowns joined through equations. Each component is attacked alone, and
// after a cell is hidden only the component that now holds it is attacked again.
import type { Decision, DisclosureCell, DisclosureTable } from "./disclosure";
import { createHash } from "node:crypto";
import { structureDigest } from "./table-digest";

export type Attacker = {
  /** The table's shape: its equations (every table of one figure has the same, whatever its counts). */
  shape: string;
  /** Whether an attack so far stopped at a bound on its work (passes, steps) before it settled. */
  capped(): boolean;
  /**
   * Gives its working arrays back to be reused by the next attacker (takeWorking): once its table is
   * decided. Asked anything after, it throws.
   */
  release(): void;
  /** Records a cell's decision (how the viewer reads its quantities). */
  decide(i: number, d: Decision): void;
  /** The cells that leak, in order: attacks again only the components changed since the last call. */
  leaks(): number[];
  /** Whether cell `i` leaks under the current decisions (attacks only the components that hold it, a part near it first). */
  leaksAt(i: number): boolean;
  /** What of cell `i` leaks (as of the last leaks()): "size" (its size or denominator), else the first numerator that does (or its complement). */
  leakingCount(i: number): number | "size" | undefined;
  /** Whether cell `i` would still leak if cell `j` were decided `x` (hidden, or a count of it hidden). */
  leaksIf(i: number, j: number, x: Decision): boolean;
  /**
   * Whether numerator `k` of cell `i` (or its complement) would still leak if every cell `j` of
   * `tried` were decided its `x` at once (each only hidden more).
   */
  leaksIfAll(i: number, k: number, tried: [number, Decision][]): boolean;
};

/**
 * No students and no counts: a cell with a count but nobody in it is not empty (a dropout on
 * another school's roll). (A loop: `every` with a function was ~5% of a city quality table's
 * decision.)
 */
export function empty(c: DisclosureCell): boolean {
  if (c.size !== 0) return false;
  const ks = c.numerators;
  for (let k = 0; k < ks.length; k++) if (ks[k] !== 0) return false;
  return true;
}

/**
 * A leak asked about in a component of at least NEAR_FROM equations is first looked for in parts
 * of it around the cell, a step wider each time, while a part holds at most 1/NEAR_SHARE of the
 * component's equations (attacker: nearLeak).
 */
let NEAR_FROM = 2_000;
let NEAR_SHARE = 8;
/** Sets NEAR_FROM and NEAR_SHARE (tests: 0 and 1 look near in every component, up to all of it); returns the last. */
export function nearParts(from: number, share: number): [number, number] {
  const last: [number, number] = [NEAR_FROM, NEAR_SHARE];
  [NEAR_FROM, NEAR_SHARE] = [from, share];
  return last;
}

/**
 * Whether a tried hiding (leaksIf: the cell, the cell tried and its decision; leaksIfAll: the cell,
 * its count and the run) stopped its leak the last time it was asked in a table of the same shape:
 * then it is attacked whole at once. Looking near the leak first (nearLeak, rederived) only ever
 * proves that it still leaks, and a try that stops it went through all of that for nothing: ~45
 * ms of each decision of the city quality view's outcomes table, where a write leaves the same
 * tries to ask again (the bench's tables replayed). The answer is the same either way: only which
 * attack comes first follows the guess — and should the whole attack stop at its bound on work
 * (which a part near the leak may not: attacker, nearLeak), the try is asked again near first. A
 * leaksIfAll run is known by its length and its first and last cells. At most STOPPED tries kept,
 * the least recently asked first out.
 */
const STOPPED = 10_000;
const stoppedLast = new Set<string>();
const stoppedBefore = (asked: string) => stoppedLast.has(asked);
let nearLooks = 0;
/** How many times an attacker has looked near a leak (nearLeak, rederived) since the process began (tests). */
export const nearLooked = () => nearLooks;
let fullPeels = 0;
let sincePeels = 0;
/** Peels since the process began (tests): through every equation (full), and from the cells hidden since the last (since). */
export const peels = () => ({ full: fullPeels, since: sincePeels });
function stopped(asked: string, yes: boolean) {
  stoppedLast.delete(asked);
  if (!yes) return;
  stoppedLast.add(asked);
  if (stoppedLast.size > STOPPED) stoppedLast.delete(stoppedLast.values().next().value!);
}

/**
 * Whole components' attacks kept to start the next from (attacker: warmStart), by quantity: the
 * attack that kept it last (stamp; 0: none), its start then (the decisions' bounds, the true
 * count), the bound reached and why (the equation that tightened it last, + 1; 0: the start); and
 * the table's counts (counts), to choose among those kept. Tried hidings, the decisions made after
 * them and the same figure after a write (one school's counts changed) each move a few quantities
 * of a component of 121,000 (the city quality view's outcomes table): started from the last
 * answer, its attack goes through a few thousand equations instead of 113,000, twice over.
 * Kept by table shape, WARM_PER_SHAPE of each (a view's figures of one shape: the one whose counts
 * differ least is taken, if at most a quarter do), at most WARM_BYTES in all (~10 MB for that
 * table, ~12 MB with its component), the least recently given back first out.
 */
type Warm = {
  owner: object;
  stamp: Int32Array;
  lo0: Float64Array;
  hi0: Float64Array;
  truth: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  whyLo: Int32Array;
  whyHi: Int32Array;
  counts: Float64Array;
  /** Whether `counts` satisfy every equation of the shape (undefined: not worked out). */
  agrees?: boolean;
  /**
   * The last large component its attacker found (attacker: keepComponent): its unknowns (vars[0 …
   * nv)) and equations (eqs[0 … ne)), and what was known then. The next attacker that takes this
   * answer finds its own components again from it (grown), where searching anew through the city
   * quality view's outcomes table's 121,000 unknowns was ~20–35 ms of each decision after a write.
   */
  component?: { vars: Int32Array; eqs: Int32Array; known: Uint8Array; nv: number; ne: number };
};
const WARM_BYTES = 64_000_000;
const WARM_PER_SHAPE = 3;
let warmFrom = 2_000; // equations of a component, the fewest warm-started (below, a fresh attack costs less than the copies)
let warmStamps = 0;
let warmOwn = 0;
let warmCarried = 0;
let grownComponents = 0;
let carriedComponents = 0;
const warmKept = new Map<string, Warm[]>();
let warmBytes = 0;
const warmSize = (w: Warm) => w.stamp.length * (6 * 8 + 3 * 4) + (w.component ? w.component.vars.byteLength + w.component.eqs.byteLength + w.component.known.byteLength : 0);
// (Their arrays come from the attackers' pool and go back to it when dropped: made new, they
// would be reclaimed only by full collections, as the attackers' were.)
function newWarm(V: number): Warm {
  const f = () => takeWorking(Float64Array, V);
  const i = () => takeWorking(Int32Array, V);
  return { owner: {}, stamp: i(), lo0: f(), hi0: f(), truth: f(), lo: f(), hi: f(), whyLo: i(), whyHi: i(), counts: f() };
}
const dropWarm = (w: Warm) =>
  giveWorking([w.stamp, w.lo0, w.hi0, w.truth, w.lo, w.hi, w.whyLo, w.whyHi, w.counts, ...(w.component ? [w.component.vars, w.component.eqs, w.component.known] : [])]);
/** The kept answers for a table of `shape` whose counts differ least from `truth` (at most a quarter of them), taken out. */
function takeWarm(shape: string, truth: Float64Array): Warm | undefined {
  const list = warmKept.get(shape);
  if (!list) return undefined;
  const V = truth.length;
  let best = -1;
  let fewest = Math.floor(V / 4) + 1;
  for (let k = 0; k < list.length; k++) {
    const kept = list[k].counts;
    if (kept.length !== V) continue;
    let other = 0;
    for (let v = 0; v < V && other < fewest; v++) if (kept[v] !== truth[v]) other++;
    if (other < fewest) ((fewest = other), (best = k));
  }
  if (best < 0) return undefined;
  const [w] = list.splice(best, 1);
  if (list.length === 0) warmKept.delete(shape);
  warmBytes -= warmSize(w);
  return w;
}
function giveWarm(shape: string, w: Warm, truth: Float64Array, agrees: boolean | undefined) {
  w.counts.set(truth);
  w.agrees = agrees;
  const list = warmKept.get(shape) ?? [];
  warmKept.delete(shape); // most recently given back last
  warmKept.set(shape, list);
  list.push(w);
  warmBytes += warmSize(w);
  const drop = (x: Warm) => ((warmBytes -= warmSize(x)), dropWarm(x));
  if (list.length > WARM_PER_SHAPE) drop(list.shift()!);
  for (const [k, xs] of warmKept) {
    if (warmBytes <= WARM_BYTES) break;
    while (xs.length > 0 && warmBytes > WARM_BYTES) drop(xs.shift()!);
    if (xs.length === 0) warmKept.delete(k);
  }
}
/** Sets the fewest equations a component needs to be warm-started (tests: 0, every one); returns the last. */
export function warmStartsFrom(eqs: number): number {
  const last = warmFrom;
  warmFrom = eqs;
  return last;
}
/**
 * Since the process began (tests): attacks warm-started from the same attacker's answer (own) and
 * from an earlier table's (carried), components grown from a kept one (attacker: grown), and
 * attackers that started from an earlier attacker's component (carriedComponents).
 */
export const warmStarts = () => ({ own: warmOwn, carried: warmCarried, grown: grownComponents, carriedComponents });

/** A component (attacker): its unknowns and its equations. */
type Component = { vars: Int32Array; eqs: Int32Array };

/**
 * The attackers' working arrays (bounds, marks, queues: ~30 MB for the city's quality table),
 * given back when a decision is made (Attacker.release) and taken again by the next attacker that
 * needs an array of that type and length — the next table of the same shape — zeroed, but for
 * those every element of which is written before it is read (`take`). Made new
 * for every table, they were most of what the collector was asked to reclaim in full: memory outside
 * the heap grows by their size, and V8 answers with a full collection of a heap of ~600 MB at the
 * city scale (~100–200 ms). Replaying the bench's 42 city tables decided after writes: 14 full
 * collections, then 5. At most POOL_BYTES are kept (a process holds them while idle: three such
 * tables' sets — the quality view's figures of one, two and three counts each have their own
 * lengths), the least recently given back first out. (At 64 MB, two sets once the warm starts'
 * arrays joined them: the bench's 32 steady tables replayed, 4.5–4.8 s; at 96 MB, 4.2–4.4 s.)
 */
type Working = Float64Array | Int32Array | Uint8Array;
const POOL_BYTES = 96_000_000;
let poolLimit = POOL_BYTES;
const pool = new Map<string, Working[]>();
let pooledBytes = 0;
function takeWorking<T extends Working>(type: { new (length: number): T; name: string }, length: number, zeroed = true): T {
  const key = `${type.name}:${length}`;
  const list = pool.get(key);
  const x = list?.pop() as T | undefined;
  if (!x) return new type(length);
  if (list!.length === 0) pool.delete(key);
  pooledBytes -= x.byteLength;
  if (zeroed) x.fill(0); // as new: the marks and stamps count from 0
  return x;
}
function giveWorking(arrays: Working[]) {
  for (const x of arrays) {
    const key = `${x.constructor.name}:${x.length}`;
    const list = pool.get(key) ?? [];
    pool.delete(key); // most recently given back last
    pool.set(key, list);
    list.push(x);
    pooledBytes += x.byteLength;
  }
  for (const [key, list] of pool) {
    if (pooledBytes <= poolLimit) break;
    for (const x of list) pooledBytes -= x.byteLength;
    pool.delete(key);
  }
}
/** Sets POOL_BYTES (tests: 0 keeps nothing; what is kept over it goes at once); returns the last. */
export function poolBytes(limit: number): number {
  const last = poolLimit;
  poolLimit = limit;
  giveWorking([]);
  return last;
}
/** What the pool holds (tests). */
export function pooledWorking(): { arrays: number; bytes: number } {
  let arrays = 0;
  for (const list of pool.values()) arrays += list.length;
  return { arrays, bytes: pooledBytes };
}

/** Which of a cell's quantities leak when known (attacker's leakAt), by cell. */
const LEAKS_NONE = 0; // an empty cell (known as 0), or one with no denominator and students
const LEAKS_COUNTS = 1; // nobody in it but a count (a dropout on another school's roll): its counts
const LEAKS_ANY = 2; // a small cell (isSmall): every quantity
const LEAKS_COUNT_UNDER_2 = 3; // an outcome count or its complement of 0 or 1

/**
 * `decisions`: the policy's array, read again when a tried suppression is undone; `isSmall`: the
 * cells whose every count is protected; `fresh` (tests' reference): the equations built and every
 * block of sums solved anew, and every equation gone through in full (no shortcut in propagate).
 */
export function attacker(t: DisclosureTable, decisions: Decision[], isSmall: (c: DisclosureCell) => boolean, opts: { fresh?: boolean } = {}): Attacker {
  // Its working arrays (takeWorking), given back by release(); after that it answers nothing.
  const owned: Working[] = [];
  let released = false;
  // (`zeroed` false: an array every element of which is written before it is read.)
  const take = <T extends Working>(type: { new (length: number): T; name: string }, length: number, zeroed = true): T => {
    const x = takeWorking(type, length, zeroed);
    owned.push(x);
    return x;
  };
  const live = () => {
    if (released) throw new Error("attacker: asked after release()");
  };
  const n = t.cells.length;
  let m = 0;
  for (let i = 0; i < t.cells.length; i++) m = Math.max(m, t.cells[i].numerators.length);
  const Q = 2 + 2 * m;
  const V = n * Q;
  const cellOf = (v: number) => Math.floor(v / Q);
  const truth = take(Float64Array, V);
  const none = take(Uint8Array, n); // empty(c), asked of a cell in every leak looked at
  // What leakAt asks of a cell, worked out once a cell rather than for each of its quantities
  // worked out (the first leaks() asks it of every shown quantity of the table: ~170,000 for a
  // city quality table, each reading the cell and asking isSmall): how many quantities it has (the
  // rest stay 0), and which of them leak when known (LEAKS_*).
  const quantitiesOf = take(Int32Array, n);
  const leaksWhen = take(Uint8Array, n);
  for (let i = 0; i < n; i++) {
    const c = t.cells[i];
    none[i] = empty(c) ? 1 : 0;
    quantitiesOf[i] = 2 + 2 * c.numerators.length;
    leaksWhen[i] = none[i] === 1 ? LEAKS_NONE : c.size === 0 ? LEAKS_COUNTS : isSmall(c) ? LEAKS_ANY : c.denominator !== 0 ? LEAKS_COUNT_UNDER_2 : LEAKS_NONE;
    truth[i * Q] = c.size;
    truth[i * Q + 1] = c.denominator;
    for (let j = 0; j < c.numerators.length; j++) ((truth[i * Q + 2 + 2 * j] = c.numerators[j]), (truth[i * Q + 3 + 2 * j] = c.denominator - c.numerators[j]));
  }

  const { eqStart, eqVar, eqSgn, eqLinear, shape, byVarStart, byVar } = opts.fresh ? equationsOf(t, m) : keptEquations(t, m);
  const E = eqLinear.length;
  const solved: Solved = opts.fresh ? { blocks: new Map(), size: 0 } : solvedFor(shape);

  // Bounds as the decisions give them (lo0/hi0), and the working bounds of an attack (lo/hi).
  let stale = true;
  let touched: number[] = []; // cells hidden more since the last peel
  // (Not zeroed: decide below writes every quantity of every cell.)
  const lo0 = take(Float64Array, V, false);
  const hi0 = take(Float64Array, V, false);
  const lo = take(Float64Array, V, false);
  const hi = take(Float64Array, V, false);
  /** Cell i's bounds as decision x gives them. */
  const bound = (i: number, x: Decision) => {
    const c = t.cells[i];
    // (What the cell is, asked once, not for each of its quantities: this loop was ~9 ms of each city
    // quality table's attacker, in a CPU profile of reads after writes.)
    const quantities = quantitiesOf[i]; // the quantities it has: the rest stay 0
    const isEmpty = none[i] === 1;
    for (let q = 0; q < Q; q++) {
      const v = i * Q + q;
      let l = 0;
      let h = 0;
      if (q >= quantities) h = 0;
      else if (x.state === "suppressed" && c.unlisted) h = Infinity;
      else if (isEmpty) h = 0;
      else if (x.state === "shown") {
        const k = (q - 2) >> 1;
        const cd = q < 2 ? null : x.coded[k];
        if (q >= 2 && (x.hidden?.[k] || c.derived?.includes(k))) h = Infinity;
        else if (!cd) l = h = truth[v];
        else if ((cd.op === "≤") === (q % 2 === 0))
          h = 1; // the count that is 0 or 1
        else ((l = c.denominator - 1), (h = c.denominator));
      } else if (q === 0) ((l = c.size > 0 ? 1 : 0), (h = Infinity));
      else if (q === 1) ((l = t.denominatorIsStudents && c.denominator > 0 ? 1 : 0), (h = Infinity));
      else h = Infinity;
      // A count can exceed its denominator (the dropout rate: a dropout at one school, on another's
      // roll): its complement is then below 0, and a hidden one is not bounded by 0.
      if (q >= 3 && q % 2 === 1 && l === 0 && h === Infinity && truth[v] < 0) l = -Infinity;
      lo0[v] = lo[v] = l;
      hi0[v] = hi[v] = h;
    }
  };
  const decide = (i: number, x: Decision) => {
    bound(i, x);
    stale = true;
    touched.push(i);
  };
  // (Not through decide: the first peel goes through every equation (peeledAll), whatever was
  // decided before it, and a list of every cell touched was ~2.5 ms of each read of the city's
  // district quality view after a write.)
  for (let i = 0; i < n; i++) bound(i, decisions[i]);
  // Quantities known exactly: shown ones, and — worked out one equation at a time — any quantity
  // that is the only unknown of an equation ("peeled": a complement beside a shown group and total).
  // They are constants to the attack; the rest are `open`. Peeling again after every decision costs
  // one pass over the equations and keeps the components small.
  const known = take(Uint8Array, V);
  const unknownIn = take(Int32Array, E);
  const unpeeled = take(Int32Array, E); // equations whose quantities this unpeel has freed, where unpeelRound
  let unpeelRound = 0;
  // The equations left with one unknown, to peel (reused), and the quantities an unpeel frees
  // (each once).
  let peelQueue = take(Int32Array, 2 * E + 1);
  let queued0 = 0;
  const toPeel = (e: number) => {
    if (queued0 === peelQueue.length) {
      const grown = new Int32Array(2 * queued0);
      grown.set(peelQueue);
      peelQueue = grown;
    }
    peelQueue[queued0++] = e;
  };
  const freed = take(Int32Array, V);
  const settle = () => {
    for (let k = 0; k < queued0; k++) {
      const e = peelQueue[k];
      if (unknownIn[e] !== 1) continue;
      let x = eqStart[e];
      while (known[eqVar[x]]) x++;
      x = eqVar[x];
      known[x] = 1;
      lo[x] = hi[x] = truth[x];
      for (let j = byVarStart[x]; j < byVarStart[x + 1]; j++) if (--unknownIn[byVar[j]] === 1) toPeel(byVar[j]);
    }
  };
  let peeledAll = false; // whether a full peel was made (every equation gone through)
  const peel = () => {
    if (!stale) return;
    stale = false;
    if (peeledAll && touched.length > 0 && touched.length < n) {
      sincePeels++;
      // Only hidden more since the last peel: unpeel what may have rested on the cells decided
      // (every peeled quantity joined to them through peeled quantities), then peel that again.
      queued0 = 0;
      let nFreed = 0;
      for (const i of touched) for (let q = 0; q < Q; q++) if (known[i * Q + q] && lo0[i * Q + q] !== hi0[i * Q + q]) ((known[i * Q + q] = 0), (freed[nFreed++] = i * Q + q));
      unpeelRound++;
      for (let k = 0; k < nFreed; k++) {
        for (let j = byVarStart[freed[k]]; j < byVarStart[freed[k] + 1]; j++) {
          const f = byVar[j];
          if (++unknownIn[f] === 1) toPeel(f);
          // (An equation met again has nothing more to free: all its peeled quantities were freed.)
          if (unpeeled[f] === unpeelRound) continue;
          unpeeled[f] = unpeelRound;
          for (let x = eqStart[f]; x < eqStart[f + 1]; x++) {
            const u = eqVar[x];
            if (known[u] && lo0[u] !== hi0[u]) ((known[u] = 0), (freed[nFreed++] = u));
          }
        }
      }
      touched = [];
      return settle();
    }
    touched = [];
    peeledAll = true;
    fullPeels++;
    for (let v = 0; v < V; v++) known[v] = lo0[v] === hi0[v] ? 1 : 0;
    queued0 = 0;
    for (let e = 0; e < E; e++) {
      let u = 0;
      for (let j = eqStart[e]; j < eqStart[e + 1]; j++) if (!known[eqVar[j]]) u++;
      unknownIn[e] = u;
      if (u === 1) toPeel(e);
    }
    settle();
  };
  const open = (v: number) => !known[v];

  // A component: the unknowns reachable from the unknown `seed` through equations, and those equations.
  const varMark = take(Int32Array, V);
  const eqMark = take(Int32Array, E);
  let stamp = 0;
  // (Views into buffers reused by the next call: a component is attacked before the next is found.)
  const compVars = take(Int32Array, V);
  const compEqs = take(Int32Array, E);
  // The last large component found (warmFrom equations or more) and what was known then: found
  // again from what changed since (grown), not searched for anew (~15 ms of the city quality view's
  // outcomes table's 121,000 unknowns, four times a decision).
  let keptVars = 0; // its unknowns and equations: kept…[0 … n)
  let keptEqs = 0;
  let keptId = 0;
  const keptVar = take(Int32Array, V);
  const keptEq = take(Int32Array, E);
  const keptIn = take(Int32Array, V); // in it, where keptIn is keptId
  const keptEqIn = take(Int32Array, E); // its equations, where keptEqIn is keptId
  const keptKnown = take(Uint8Array, V);
  const keepComponent = (nv: number, ne: number) => {
    if (ne < warmFrom || opts.fresh) return;
    keptId++;
    keptVar.set(compVars.subarray(0, nv));
    keptEq.set(compEqs.subarray(0, ne));
    [keptVars, keptEqs] = [nv, ne];
    for (let k = 0; k < nv; k++) keptIn[compVars[k]] = keptId;
    for (let k = 0; k < ne; k++) keptEqIn[compEqs[k]] = keptId;
    keptKnown.set(known);
  };
  /** Unknown since the kept component was found, in one of its equations. */
  const joins = (v: number) => {
    if (!keptKnown[v] || known[v]) return false;
    for (let j = byVarStart[v]; j < byVarStart[v + 1]; j++) if (keptEqIn[byVar[j]] === keptId) return true;
    return false;
  };
  /**
   * The unknowns reachable from the kept component's, and their equations: the kept component's
   * unknowns still unknown and all its equations, then the search from the quantities unknown
   * since that are in one of those equations, through equations not met yet. Its unknowns are
   * those of one component or of several (a quantity known since may have split it): attacked
   * together, each is worked out as it would be alone (they share no equation with an unknown).
   */
  const grown = (): Component => {
    grownComponents++;
    stamp++;
    let nv = 0;
    let ne = 0;
    for (let k = 0; k < keptVars; k++) {
      const v = keptVar[k];
      if (!known[v]) ((varMark[v] = stamp), (compVars[nv++] = v));
    }
    for (let k = 0; k < keptEqs; k++) ((eqMark[keptEq[k]] = stamp), (compEqs[ne++] = keptEq[k]));
    const from = nv;
    for (let v = 0; v < V; v++) if (varMark[v] !== stamp && joins(v)) ((varMark[v] = stamp), (compVars[nv++] = v));
    return reach(from, nv, ne);
  };
  const component = (seed: number): Component => {
    if (keptEqs > 0 && ((keptIn[seed] === keptId && !known[seed]) || joins(seed))) return grown();
    stamp++;
    compVars[0] = seed;
    varMark[seed] = stamp;
    return reach(0, 1, 0);
  };
  /** The search: from the unknowns compVars[from … nv), through equations not marked. */
  const reach = (from: number, nv: number, ne: number): Component => {
    for (let k = from; k < nv; k++) {
      for (let j = byVarStart[compVars[k]]; j < byVarStart[compVars[k] + 1]; j++) {
        const e = byVar[j];
        if (eqMark[e] === stamp) continue;
        eqMark[e] = stamp;
        compEqs[ne++] = e;
        for (let x = eqStart[e]; x < eqStart[e + 1]; x++) {
          const u = eqVar[x];
          if (open(u) && varMark[u] !== stamp) ((varMark[u] = stamp), (compVars[nv++] = u));
        }
      }
    }
    keepComponent(nv, ne);
    return { vars: compVars.subarray(0, nv), eqs: compEqs.subarray(0, ne) };
  };

  let capped = false; // an attack stopped at a bound on its work (Attacker.capped)
  const queued = take(Uint8Array, E);
  /** Tightens bounds through the component's equations until none moves; true if any did. */
  const allowed = take(Int32Array, E);
  let round = 0;
  let queue = new Int32Array(1024); // reused by every call, grown when needed
  let settled = false; // whether the last propagate ran until no equation could tighten a bound
  // Why each working bound is what it is: 0 where it is the decisions' (lo0/hi0), e + 1 where
  // equation e tightened it last (a warm start's answer rests on these: warmStart).
  const whyLo = take(Int32Array, V);
  const whyHi = take(Int32Array, V);
  /**
   * `seeds` (a warm start): the equations to go through first, the component's others already
   * as tight as they can make anything; all of `eqs` without.
   */
  const propagate = (eqs: Int32Array, seeds?: Int32Array): boolean => {
    let moved = false;
    let tail = 0;
    round++;
    // (A queue of 2E from the working arrays' pool, grown further below when equations come
    // back to it: made new for each table's large component, ~1 MB of garbage a city quality
    // table.)
    if (queue.length < 2 * eqs.length) queue = take(Int32Array, 2 * E);
    if (seeds) {
      for (let k = 0; k < eqs.length; k++) allowed[eqs[k]] = round;
      for (let k = 0; k < seeds.length; k++) {
        const e = seeds[k];
        if (allowed[e] === round && !queued[e]) ((queued[e] = 1), (queue[tail++] = e));
      }
    } else
      for (let x = 0; x < eqs.length; x++) {
        const e = eqs[x];
        queued[e] = 1;
        allowed[e] = round;
        queue[tail++] = e;
      }
    let k = 0;
    for (; k < tail && k < 1000 * eqs.length; k++) {
      const e = queue[k];
      queued[e] = 0;
      const from = eqStart[e];
      const to = eqStart[e + 1];
      // Each term's range (sign × bounds: [a, b]); their sums with the infinite parts counted apart.
      let aF = 0,
        aInf = 0,
        bF = 0,
        bInf = 0,
        wide = 0; // the widest term's b − a
      for (let j = from; j < to; j++) {
        const a = eqSgn[j] > 0 ? lo[eqVar[j]] : -hi[eqVar[j]];
        const b = eqSgn[j] > 0 ? hi[eqVar[j]] : -lo[eqVar[j]];
        if (a === -Infinity) aInf++;
        else aF += a;
        if (b === Infinity) bInf++;
        else bF += b;
        if (b - a > wide) wide = b - a;
      }
      if (aInf > 1 && bInf > 1) continue; // nothing to learn: every term has another unbounded one beside it
      // Nothing to learn either when every term is bounded and none is wider than the room the
      // others leave it (a term narrows only when b − a > bF or b − a > −aF; the bounds are whole
      // numbers): the test is exact. More than half of the city's evaluations end here. (A fresh
      // attack, tests' reference, goes through every term.)
      if (aInf === 0 && bInf === 0 && wide <= bF && wide <= -aF && !opts.fresh) continue;
      for (let j = from; j < to; j++) {
        const v = eqVar[j];
        const a = eqSgn[j] > 0 ? lo[v] : -hi[v];
        const b = eqSgn[j] > 0 ? hi[v] : -lo[v];
        const othersA = aInf - (a === -Infinity ? 1 : 0) > 0 ? -Infinity : aF - (a === -Infinity ? 0 : a);
        const othersB = bInf - (b === Infinity ? 1 : 0) > 0 ? Infinity : bF - (b === Infinity ? 0 : b);
        // sign × x = −(the others' sum): v within [l, h], in whole numbers
        const l = eqSgn[j] > 0 ? -othersB : othersA;
        const h = eqSgn[j] > 0 ? -othersA : othersB;
        const nlo = Math.max(lo[v], Math.ceil(l - 1e-9));
        const nhi = Math.max(nlo, Math.min(hi[v], Math.floor(h + 1e-9)));
        if (nlo === lo[v] && nhi === hi[v]) continue;
        if (nlo !== lo[v]) whyLo[v] = e + 1;
        if (nhi !== hi[v]) whyHi[v] = e + 1;
        lo[v] = nlo;
        hi[v] = nhi;
        moved = true;
        for (let x = byVarStart[v]; x < byVarStart[v + 1]; x++) {
          const f = byVar[x];
          if (queued[f] || allowed[f] !== round) continue;
          if (tail === queue.length) {
            const grown = new Int32Array(2 * tail);
            grown.set(queue);
            queue = grown;
          }
          queued[f] = 1;
          queue[tail++] = f;
        }
      }
    }
    settled = k >= tail;
    if (!settled) capped = true;
    for (let k = 0; k < tail; k++) queued[queue[k]] = 0;
    return moved;
  };

  /** The component's unknowns that its sums between cells fix exactly (fixedColumns, per linked block). */
  const uf = take(Int32Array, V); // union-find parent of an unknown, valid where ufMark is this round
  const ufMark = take(Int32Array, V);
  const blockOf = take(Int32Array, V);
  const blockMark = take(Int32Array, V);
  let ufRound = 0;
  const find = (v: number): number => {
    while (uf[v] !== v) v = uf[v] = uf[uf[v]];
    return v;
  };
  // Buffers: the component's unknowns; its linear equations (lin), each with one of its unknowns (anchor).
  const unknown = take(Int32Array, V);
  const lin = take(Int32Array, E);
  const anchor = take(Int32Array, E);
  const colCount = take(Int32Array, V); // each block's unknowns and equations
  const rowCount = take(Int32Array, V);
  const determined = (vars: Int32Array, eqs: Int32Array, whole: boolean): Iterable<number> => {
    ufRound++;
    let nu = 0;
    for (let x = 0; x < vars.length; x++) {
      const v = vars[x];
      if (lo[v] !== hi[v]) ((uf[v] = v), (ufMark[v] = ufRound), (unknown[nu++] = v));
    }
    if (nu === 0) return [];
    // A whole component's answer depends only on its unknowns (its equations are every one that
    // holds them): one kept for the same set is taken (looked up by two sums over the set, which
    // its order does not change, then compared in full through the marks just made).
    const kept = whole && nu >= wholeFrom && !opts.fresh;
    let h1 = 0;
    let h2 = 0;
    let wholeKey = "";
    if (kept) {
      for (let k = 0; k < nu; k++) {
        h1 = (h1 + Math.imul(unknown[k] ^ 0x9e3779b9, 0x85ebca6b)) | 0;
        h2 = (h2 + Math.imul(unknown[k] + 0x632be5ab, 0xc2b2ae35)) | 0;
      }
      wholeKey = `${shape} ${h1} ${h2} ${nu}`;
      const list = wholes.get(wholeKey);
      for (const x of list ?? []) {
        let all = true;
        for (let k = 0; k < nu && all; k++) all = ufMark[x.unknown[k]] === ufRound;
        if (!all) continue;
        wholes.delete(wholeKey);
        wholes.set(wholeKey, list!); // most recently used last
        wholeHits++;
        return x.fixed;
      }
    }
    let nl = 0;
    for (let x = 0; x < eqs.length; x++) {
      const e = eqs[x];
      if (!eqLinear[e]) continue;
      let first = -1;
      for (let j = eqStart[e]; j < eqStart[e + 1]; j++) {
        const u = eqVar[j];
        if (ufMark[u] !== ufRound) continue;
        if (first < 0) first = u;
        else {
          const a = find(u);
          const b = find(first);
          if (a !== b) uf[a] = b;
        }
      }
      if (first >= 0) ((lin[nl] = e), (anchor[nl++] = first));
    }
    // Blocks numbered in the order of their first unknown; a block without two unknowns in an
    // equation fixes nothing the bounds did not, so only the others get their lists.
    let nb = 0;
    for (let k = 0; k < nu; k++) {
      const r = find(unknown[k]);
      if (blockMark[r] !== ufRound) ((blockMark[r] = ufRound), (blockOf[r] = nb), (colCount[nb] = rowCount[nb] = 0), nb++);
      colCount[blockOf[r]]++;
    }
    for (let k = 0; k < nl; k++) rowCount[blockOf[find(anchor[k])]]++;
    const blocks: { cols: number[]; es: number[] }[] = [];
    for (let k = 0; k < nu; k++) {
      const b = blockOf[find(unknown[k])];
      if (rowCount[b] > 0 && colCount[b] >= 2) (blocks[b] ??= { cols: [], es: [] }).cols.push(unknown[k]);
    }
    for (let k = 0; k < nl; k++) blocks[blockOf[find(anchor[k])]]?.es.push(lin[k]);
    const out: number[] = [];
    for (const block of blocks) {
      if (!block) continue;
      const { cols, es } = block;
      // Which quantities a block fixes depends only on its unknowns and equations: the same block
      // comes back in every attack that does not touch it. (Looked up by a hash of both lists,
      // then compared in full.)
      const key = hashOf(cols, es);
      const hits = solved.blocks.get(key);
      let got = hits?.find((x) => same(x.cols, cols) && same(x.es, es))?.got;
      if (!got) {
        const entry = { cols: Int32Array.from(cols), es: Int32Array.from(es), got: Int32Array.from(solve(cols, es)) };
        got = entry.got;
        if (hits) hits.push(entry);
        else solved.blocks.set(key, [entry]);
        remember(shape, solved, ENTRY + cols.length + es.length + got.length);
      }
      for (const v of got) out.push(v);
    }
    if (kept) keepWhole(wholeKey, unknown.slice(0, nu), Int32Array.from(out));
    return out;
  };
  const hashOf = (cols: number[], es: number[]): number => {
    let h = Math.imul(0x811c9dc5 ^ cols.length, 0x01000193);
    for (const v of cols) h = Math.imul(h ^ v, 0x01000193);
    for (const e of es) h = Math.imul(h ^ e, 0x01000193);
    return h;
  };
  const same = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    if (a.length !== b.length) return false;
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
    return true;
  };
  // The block's rows, over its own columns (fixedColumns).
  const colAt = take(Int32Array, V); // an unknown's column, where colMark is this solve's
  const colMark = take(Int32Array, V);
  let solveRound = 0;
  const solve = (cols: number[], es: number[]): number[] => {
    solveRound++;
    for (let k = 0; k < cols.length; k++) ((colAt[cols[k]] = k), (colMark[cols[k]] = solveRound));
    // (Flat, in typed arrays: an array of columns and one of values a row was ~15 MB of garbage a
    // read of the city's district quality view after a write, in a sampling heap profile.)
    let nnz = 0;
    for (let x = 0; x < es.length; x++) for (let j = eqStart[es[x]]; j < eqStart[es[x] + 1]; j++) if (colMark[eqVar[j]] === solveRound) nnz++;
    const rows: Rows = { start: new Int32Array(es.length + 1), col: new Int32Array(nnz), val: new Float64Array(nnz) };
    let at = 0;
    for (let x = 0; x < es.length; x++) {
      for (let j = eqStart[es[x]]; j < eqStart[es[x] + 1]; j++) if (colMark[eqVar[j]] === solveRound) ((rows.col[at] = colAt[eqVar[j]]), (rows.val[at++] = eqSgn[j]));
      rows.start[x + 1] = at;
    }
    return (opts.fresh ? fixedColumnsOf(cols.length, rows) : systemFixed(cols.length, rows)).map((k) => cols[k]);
  };

  /** Whether quantity v, worked out as its bounds now say, is a leak: any count of a small group, or an outcome count (or its complement) of 0 or 1. */
  const leakAt = (v: number): boolean => {
    if (lo[v] !== hi[v]) return false;
    const i = cellOf(v);
    const q = v - i * Q;
    const when = leaksWhen[i];
    if (when === LEAKS_NONE || q >= quantitiesOf[i]) return false;
    if (when === LEAKS_COUNTS) return q >= 2 && q % 2 === 0;
    if (when === LEAKS_ANY) return true;
    return q >= 2 && lo[v] <= 1;
  };

  // Warm starts (see Warm, below the attacker): the last whole attacks' answers, by quantity — this
  // attacker's, or an earlier table's of the same shape.
  let warm: Warm | undefined = takeWarm(shape, truth);
  // The component kept with the answer taken, as this attacker's own last one: the equations are the
  // same (one shape), so what was known then and is not now joins it as it would after a decision.
  if (warm?.component && !opts.fresh) {
    const c = warm.component;
    keptId++;
    keptVar.set(c.vars.subarray(0, c.nv));
    keptEq.set(c.eqs.subarray(0, c.ne));
    [keptVars, keptEqs] = [c.nv, c.ne];
    for (let k = 0; k < c.nv; k++) keptIn[c.vars[k]] = keptId;
    for (let k = 0; k < c.ne; k++) keptEqIn[c.eqs[k]] = keptId;
    keptKnown.set(c.known);
    carriedComponents++;
  }
  let agrees: boolean | undefined; // whether the counts satisfy every equation (consistent)
  // The counts of the table the answer taken was kept for, when they satisfied every equation (the
  // same equations: one shape): only the equations holding a count that differs from them are
  // added up again. (Adding up every one was ~1.5 ms of each city quality table decided after a
  // write, where a write changes one school's rows and the district's.)
  const agreeing = warm?.agrees === true ? warm.counts : undefined;
  const sumsTo0 = (e: number) => {
    let sum = 0;
    for (let j = eqStart[e]; j < eqStart[e + 1]; j++) sum += eqSgn[j] * truth[eqVar[j]];
    return sum === 0;
  };
  const consistent = () => {
    if (agrees !== undefined) return agrees;
    // (An empty cell's quantities are known as 0: its true counts must be 0 too.)
    agrees = true;
    for (let i = 0; i < n && agrees; i++) if (none[i] === 1 && truth[i * Q + 1] !== 0) agrees = false;
    if (agreeing) {
      const added = new Uint8Array(E);
      for (let v = 0; v < V && agrees; v++) {
        if (truth[v] === agreeing[v]) continue;
        for (let j = byVarStart[v]; j < byVarStart[v + 1] && agrees; j++) {
          const e = byVar[j];
          if (added[e] === 1) continue;
          added[e] = 1;
          agrees = sumsTo0(e);
        }
      }
    } else for (let e = 0; e < E && agrees; e++) agrees = sumsTo0(e);
    return agrees;
  };
  let warmRound = 0;
  // The component attacked, where inWarm is warmRound, or −warmRound once started anew (warmStart).
  const inWarm = take(Int32Array, V);
  const eqDone = take(Int32Array, E); // equations gone through by the reset (warmRound) or seeded (−warmRound)
  const restarted = take(Int32Array, V); // the quantities started anew
  const narrowed = take(Int32Array, V); // those narrower or known since (a quantity may be in both)
  const warmOwner = {};
  /**
   * Starts the attack of a whole component from a kept answer where it still holds, and returns the
   * equations to go through (or undefined: start from the decisions). The answer is the one most of
   * the component's quantities were last kept with (one attack's: stamp). The counts enter as
   * differences from their true values (the same equations hold for both tables' counts: a bound
   * worked out for one, moved by the change in the count, is the other's), so a quantity starts:
   *   - from the decisions' bounds (reset), where it was not in that answer's component, where its
   *     decisions' bounds are wider than they were then (hidden since, or another count), or where
   *     the answer's bound was worked out through an equation holding a quantity reset (and so on,
   *     through the reasons kept: whyLo, whyHi);
   *   - from that answer otherwise, narrowed to its decisions' bounds (shown since).
   * Every bound it starts from is then one the attack from the decisions could reach (the reasons
   * behind it still hold), and none is tighter than that attack's answer; bounds propagation from
   * there reaches the same answer (the greatest fixed point of a monotone tightening below its
   * start: chaotic iteration, Cousot & Cousot 1977), going through only the equations of the
   * quantities that start anew or narrower, or that were unknown then and are known now. Counts
   * that do not satisfy every equation, or an empty cell (known as 0) with a denominator, are
   * always attacked from the decisions (none of the app's).
   */
  const warmStart = (): Int32Array | undefined => {
    const w = warm;
    if (!w || !consistent()) return undefined;
    // The answer most of its quantities were kept with (a few attacks' at most).
    const stamps: number[] = [];
    const counts: number[] = [];
    for (let v = 0; v < V; v++) {
      if (inWarm[v] !== warmRound) continue;
      const x = w.stamp[v];
      if (x === 0) continue;
      const at = stamps.indexOf(x);
      if (at >= 0) counts[at]++;
      else if (stamps.length < 8) (stamps.push(x), counts.push(1));
    }
    if (stamps.length === 0) return undefined;
    let from = stamps[0];
    for (let k = 1; k < stamps.length; k++) if (counts[k] > counts[stamps.indexOf(from)]) from = stamps[k];
    let nReset = 0;
    let nNarrowed = 0;
    const start = (v: number) => {
      inWarm[v] = -warmRound;
      lo[v] = lo0[v];
      hi[v] = hi0[v];
      whyLo[v] = whyHi[v] = 0;
      restarted[nReset++] = v;
    };
    // (In the order of the quantities, not the component's: the kept arrays read in order.)
    for (let v = 0; v < V; v++) {
      if (inWarm[v] !== warmRound) {
        // Known now, maybe not then (kept unknown then or since): its equations may tighten more.
        if (known[v] && w.stamp[v] >= from) narrowed[nNarrowed++] = v;
        continue;
      }
      const shift = truth[v] - w.truth[v];
      if (w.stamp[v] !== from || lo0[v] - shift < w.lo0[v] || hi0[v] - shift > w.hi0[v]) {
        start(v);
        continue;
      }
      lo[v] = w.lo[v] + shift;
      hi[v] = w.hi[v] + shift;
      whyLo[v] = w.whyLo[v];
      whyHi[v] = w.whyHi[v];
      let narrower = false;
      if (lo0[v] > lo[v]) ((lo[v] = lo0[v]), (whyLo[v] = 0), (narrower = true));
      if (hi0[v] < hi[v]) ((hi[v] = hi0[v]), (whyHi[v] = 0), (narrower = true));
      if (narrower) narrowed[nNarrowed++] = v;
    }
    // What rested on a quantity started anew starts anew too (each equation gone through once).
    for (let k = 0; k < nReset; k++) {
      const u = restarted[k];
      for (let j = byVarStart[u]; j < byVarStart[u + 1]; j++) {
        const e = byVar[j];
        if (eqDone[e] === warmRound) continue;
        eqDone[e] = warmRound;
        for (let x = eqStart[e]; x < eqStart[e + 1]; x++) {
          const v = eqVar[x];
          if (inWarm[v] === warmRound && (whyLo[v] === e + 1 || whyHi[v] === e + 1)) start(v);
        }
      }
    }
    const seeds: number[] = [];
    const seed = (v: number) => {
      for (let j = byVarStart[v]; j < byVarStart[v + 1]; j++) {
        const e = byVar[j];
        if (eqDone[e] !== -warmRound) ((eqDone[e] = -warmRound), seeds.push(e));
      }
    };
    for (let k = 0; k < nReset; k++) seed(restarted[k]);
    for (let k = 0; k < nNarrowed; k++) seed(narrowed[k]);
    if (w.owner === warmOwner) warmOwn++;
    else warmCarried++;
    return Int32Array.from(seeds);
  };
  /** Keeps the answer just reached, by quantity: its start, its bounds and their reasons. */
  const keepWarm = () => {
    const w = (warm ??= newWarm(V));
    w.owner = warmOwner;
    const stamp = ++warmStamps;
    for (let v = 0; v < V; v++) {
      if (inWarm[v] !== warmRound && inWarm[v] !== -warmRound) continue;
      w.stamp[v] = stamp;
      w.lo0[v] = lo0[v];
      w.hi0[v] = hi0[v];
      w.truth[v] = truth[v];
      w.lo[v] = lo[v];
      w.hi[v] = hi[v];
      w.whyLo[v] = whyLo[v];
      w.whyHi[v] = whyHi[v];
    }
  };

  /** Attacks one component; returns its quantities that leak. */
  const attack = (comp: Component, whole = true): Int32Array => {
    // (A part near a cell is attacked with some of its component's equations: not from an answer
    // reached with all of them.)
    const warmable = whole && !opts.fresh && comp.eqs.length >= warmFrom;
    if (warmable) {
      warmRound++; // (the component's quantities marked: warmStart, keepWarm)
      for (let k = 0; k < comp.vars.length; k++) inWarm[comp.vars[k]] = warmRound;
    }
    let seeds = warmable ? warmStart() : undefined;
    if (!seeds)
      for (let x = 0; x < comp.vars.length; x++) {
        const v = comp.vars[x];
        lo[v] = lo0[v];
        hi[v] = hi0[v];
        whyLo[v] = whyHi[v] = 0;
      }
    let pass = 0;
    let fixedAny = false;
    for (; pass < 50; pass++) {
      let changed = propagate(comp.eqs, seeds);
      seeds = undefined;
      let fixed = false;
      for (const v of determined(comp.vars, comp.eqs, whole)) if (lo[v] !== hi[v]) ((lo[v] = hi[v] = truth[v]), (changed = fixed = fixedAny = true));
      if (!changed) break;
      // Bounds propagated until nothing moved, and the linear algebra fixed nothing more: another
      // pass would move nothing either.
      if (settled && !fixed) break;
    }
    if (pass === 50) capped = true;
    // Kept when bounds propagation alone reached the answer (a quantity the linear algebra fixes
    // has no equation for its reason) and ran to its end.
    if (warmable && !fixedAny && settled && pass < 50 && consistent()) keepWarm();
    return comp.vars.filter(leakAt);
  };

  // A leak proved near it. Attacked with only some of the equations (those within a few steps of the
  // quantities asked about) and the same starting bounds, the viewer knows no more than with all of
  // them: a quantity that part works out exactly, the whole component works out too (propagation
  // only narrows what each equation allows; a column fixed by some rows is fixed by more, with
  // fewer unknowns). So a part that shows the leak answers "still leaks" for the whole — what a
  // tried hiding that does not help usually gets — at a fraction of the cost: in the city's
  // quality table, two steps from the leaking row are 7,500 of the component's 113,000 equations.
  // A part that shows none proves nothing: the whole component is attacked. (All of this while the
  // whole component's attack would run to its end, as every table of the app's does: one stopped at
  // its bounds on work may miss what a part that finishes finds. The part's answer then stands —
  // more hidden, never less — and the attack it spared is not counted as stopped: capped().)
  const ballVars = take(Int32Array, V);
  const ballEqs = take(Int32Array, E);
  const nearLeak = (compEqs: number, from: number, to: number): boolean => {
    const seeds: number[] = [];
    for (let v = from; v < to; v++) if (open(v)) seeds.push(v);
    return near(seeds, compEqs / NEAR_SHARE, (found) => found.some((v) => v >= from && v < to));
  };
  /**
   * Attacks the parts of the equations around `seeds` (unknowns), a step wider each time while a
   * part holds at most `most` equations, until `proved` says what the part worked out (its leaking
   * quantities; the working bounds hold the rest) proves what was asked.
   */
  const near = (seeds: number[], most: number, proved: (found: Int32Array) => boolean): boolean => {
    nearLooks++;
    stamp++;
    let nv = 0;
    let ne = 0;
    for (const v of seeds) if (varMark[v] !== stamp) ((varMark[v] = stamp), (ballVars[nv++] = v));
    let ring = 0; // where the last step's quantities start
    let before = 0; // equations in the part last attacked
    const wasCapped = capped;
    try {
      for (;;) {
        const end = nv;
        for (let k = ring; k < end; k++) {
          for (let j = byVarStart[ballVars[k]]; j < byVarStart[ballVars[k] + 1]; j++) {
            const e = byVar[j];
            if (eqMark[e] === stamp) continue;
            eqMark[e] = stamp;
            ballEqs[ne++] = e;
            for (let x = eqStart[e]; x < eqStart[e + 1]; x++) {
              const u = eqVar[x];
              if (open(u) && varMark[u] !== stamp) ((varMark[u] = stamp), (ballVars[nv++] = u));
            }
          }
        }
        if (ne === before || ne > most) return false; // nothing more near, or the part is much of it
        before = ne;
        ring = end;
        if (proved(attack({ vars: ballVars.subarray(0, nv), eqs: ballEqs.subarray(0, ne) }, false))) return true;
      }
    } finally {
      capped = wasCapped; // (a part stopped early proves less, never more: no bound on the whole's work)
    }
  };

  // A tried hiding that hides nothing: every quantity it leaves unknown is worked out again —
  // known from a shown total and its other parts (peel), or exactly by the part of the equations
  // near it. Then the viewer knows after it all they knew before (the bounds the attack reaches
  // from more starting knowledge that it works out anyway are the same), and whatever leaked
  // still does, without attacking anything: a school's row hidden beside a district row that
  // leaks through the whole table is usually given back by its own school's sums. `before`: the
  // cell's starting bounds before the try (lo, hi by quantity).
  const rederived = (j: number, before: Float64Array): boolean => {
    const freed: number[] = [];
    for (let q = 0; q < Q; q++) {
      const v = j * Q + q;
      if (lo0[v] === before[2 * q] && hi0[v] === before[2 * q + 1]) continue;
      if (lo0[v] > before[2 * q] || hi0[v] < before[2 * q + 1]) return false; // shown more: not a hiding
      if (!known[v]) freed.push(v);
    }
    if (freed.length === 0) return true;
    return near(freed, Math.max(E, NEAR_FROM) / NEAR_SHARE, () => freed.every((v) => lo[v] === hi[v]));
  };
  const triedBounds = new Float64Array(2 * Q);

  // Which quantities leak, kept between calls; `dirty`: cells decided since. `lastSize`: the
  // equations of the component each quantity was in at the last leaks() (attacked, or answered by a recorded attack).
  const leaking = take(Uint8Array, V);
  const lastSize = take(Int32Array, V);
  // (Every cell at first, as `all`: a set of the city's 30,476 cells made through Array.from was a
  // fifth of the attacker's construction.)
  let dirty = new Set<number>();
  let all = true;
  const seenMark = take(Int32Array, V);
  let seenStamp = 0;
  // The quantities the current leaks() call has visited: where visited is visitStamp.
  const visited = take(Int32Array, V);
  let visitStamp = 0;
  /**
   * Whether cell i leaks, attacking its components. With `hidden` (a cell just hidden to try it): a
   * component that does not hold that cell is as it was at the last leaks(), so its answer is reused.
   * Only its quantities `from` … `to` − 1 are asked about (all of them unless given). `nearFirst`
   * false: no part near them is attacked first (stoppedLast).
   */
  const leaksAt = (i: number, hidden?: number, from = i * Q, to = (i + 1) * Q, nearFirst = true): boolean => {
    peel();
    seenStamp++;
    let nearTried = !nearFirst; // whether a leak was looked for near the quantities asked about
    for (let s = from; s < to; s++) {
      if (!open(s)) {
        if (leakAt(s)) return true;
        continue;
      }
      if (seenMark[s] === seenStamp) continue;
      // Near first when the quantity's component was large at the last leaks(): finding a large
      // component again costs more than the part attacked near it (~15 ms of 121,000 unknowns).
      if (!nearTried && !opts.fresh && lastSize[s] >= NEAR_FROM) {
        nearTried = true;
        if (nearLeak(lastSize[s], from, to)) return true;
      }
      const comp = component(s);
      // (Its quantities are those marked with its stamp, until another search marks again: only
      // those asked about and the hidden cell's are looked up, not the whole component's.)
      const mine = stamp;
      for (let v = from; v < to; v++) if (varMark[v] === mine) seenMark[v] = seenStamp;
      let holdsHidden = hidden === undefined;
      for (let q = 0; q < Q && !holdsHidden; q++) holdsHidden = varMark[hidden! * Q + q] === mine;
      if (!holdsHidden) {
        for (let v = from; v < to; v++) if (varMark[v] === mine && leaking[v]) return true;
        continue;
      }
      if (!nearTried && !opts.fresh && comp.eqs.length >= NEAR_FROM) {
        nearTried = true;
        if (nearLeak(comp.eqs.length, from, to)) return true;
      }
      const found = attack(comp);
      recording?.push({ vars: comp.vars.slice(), eqs: comp.eqs.length, leak: found });
      if (found.some((v) => v >= from && v < to)) return true;
    }
    return false;
  };

  // The last tried decisions that stopped their leak (leaksIf: one; leaksIfAll: a run of counts),
  // with the components they attacked and what leaks in them. The policy makes those decisions
  // next: when they are the first made since (in any order), the next leaks() takes those answers
  // instead of attacking the same components again (the same decisions give the same quantities
  // known and the same components: a quantity of a recorded component is in that component, and
  // no other, so it is not searched for again — ~15 ms each for the city quality view's outcomes
  // table, three times a decision). `pending`: each tried cell's decision not yet made; `eqs`: a
  // component's equations.
  type Recorded = { vars: Int32Array; eqs: number; leak: Int32Array };
  let recording: Recorded[] | null = null;
  let lastTry: { pending: Map<number, string>; comps: Recorded[]; made: boolean } | null = null;
  const tryMark = take(Int32Array, V); // a quantity's recorded component (index + 1 past tryStamp)
  let tryStamp = 0;

  const knownBefore = take(Uint8Array, V); // leaksIf's copies, to undo a tried decision
  const countsBefore = take(Int32Array, E);
  return {
    shape,
    capped: () => capped,
    release() {
      if (released) return;
      released = true;
      if (warm && keptEqs > 0) {
        // (Its arrays as long as this table's: a warm of another length is never taken for it.)
        const c = (warm.component ??= { vars: takeWorking(Int32Array, V), eqs: takeWorking(Int32Array, E), known: takeWorking(Uint8Array, V), nv: 0, ne: 0 });
        c.vars.set(keptVar.subarray(0, keptVars));
        c.eqs.set(keptEq.subarray(0, keptEqs));
        c.known.set(keptKnown);
        [c.nv, c.ne] = [keptVars, keptEqs];
      }
      if (warm) giveWarm(shape, warm, truth, agrees);
      warm = undefined;
      giveWorking(owned);
      owned.length = 0;
    },
    decide(i, x) {
      live();
      if (lastTry && !lastTry.made && lastTry.pending.get(i) === JSON.stringify(x)) {
        lastTry.pending.delete(i);
        lastTry.made = lastTry.pending.size === 0;
      } else lastTry = null;
      decide(i, x);
      dirty.add(i);
    },
    leaks() {
      live();
      peel();
      const seen = ++visitStamp; // (a stamp in a kept array: a new one of every quantity each call was garbage)
      const recorded = lastTry?.made ? lastTry.comps : [];
      lastTry = null;
      const base = tryStamp;
      // (Indexed loops over the components' typed arrays here and below: `forEach` and `for … of`
      // went through a call or the iterator protocol a quantity, ~120,000 for the city's large one.)
      for (let k = 0; k < recorded.length; k++) {
        const vars = recorded[k].vars;
        for (let x = 0; x < vars.length; x++) tryMark[vars[x]] = base + k + 1;
      }
      tryStamp += recorded.length;
      const visit = (i: number) => {
        for (let s = i * Q; s < (i + 1) * Q; s++) {
          if (visited[s] === seen) continue;
          if (!open(s)) {
            leaking[s] = leakAt(s) ? 1 : 0;
            continue;
          }
          const c = tryMark[s] > base ? recorded[tryMark[s] - base - 1] : undefined;
          const comp = c ? undefined : component(s);
          const vars = c ? c.vars : comp!.vars;
          const size = c ? c.eqs : comp!.eqs.length;
          for (let x = 0; x < vars.length; x++) {
            const v = vars[x];
            visited[v] = seen;
            leaking[v] = 0;
            lastSize[v] = size;
          }
          const leak = c ? c.leak : attack(comp!);
          for (let x = 0; x < leak.length; x++) leaking[leak[x]] = 1;
        }
      };
      if (all) for (let i = 0; i < n; i++) visit(i);
      else for (const i of dirty) visit(i);
      dirty = new Set();
      all = false;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        for (let v = i * Q; v < (i + 1) * Q; v++)
          if (leaking[v]) {
            out.push(i);
            break;
          }
      }
      return out;
    },
    leaksAt: (i) => (live(), leaksAt(i)),
    leakingCount(i) {
      live();
      if (leaking[i * Q] || leaking[i * Q + 1]) return "size";
      for (let q = 2; q < Q; q++) if (leaking[i * Q + q]) return (q - 2) >> 1;
      return undefined;
    },
    leaksIf(i, j, x) {
      live();
      peel();
      const asked = `if ${shape} ${i} ${j} ${JSON.stringify(x)}`;
      const nearFirst = opts.fresh || !stoppedBefore(asked);
      knownBefore.set(known);
      countsBefore.set(unknownIn);
      const saved = decisions[j];
      for (let q = 0; q < Q; q++) ((triedBounds[2 * q] = lo0[j * Q + q]), (triedBounds[2 * q + 1] = hi0[j * Q + q]));
      decide(j, x);
      recording = [];
      // With no decision since the last leaks() (its answers current), a try that hides nothing
      // answers as they do.
      const ask = (near: boolean): boolean => {
        if (near && !all && dirty.size === 0 && !opts.fresh && (peel(), rederived(j, triedBounds))) {
          for (let v = i * Q; v < (i + 1) * Q; v++) if (leaking[v]) return true;
          return false;
        }
        return leaksAt(i, j, undefined, undefined, near);
      };
      const wasCapped = capped;
      let still = ask(nearFirst);
      if (!nearFirst && capped && !wasCapped) ((capped = wasCapped), (recording = []), (still = ask(true))); // (stoppedLast)
      stopped(asked, !still);
      // (A try that does not stop the leak leaves the last one that did: it decided nothing.)
      if (!still) lastTry = { pending: new Map([[j, JSON.stringify(x)]]), comps: recording, made: false };
      recording = null;
      decide(j, saved);
      // Undone: the quantities known before are known again (the same decisions).
      known.set(knownBefore);
      unknownIn.set(countsBefore);
      for (let v = 0; v < V; v++) if (known[v] && lo0[v] !== hi0[v]) lo[v] = hi[v] = truth[v];
      stale = false;
      touched = [];
      return still;
    },
    leaksIfAll(i, k, tried) {
      live();
      peel();
      knownBefore.set(known);
      countsBefore.set(unknownIn);
      const saved = tried.map(([j]) => decisions[j]);
      for (const [j, x] of tried) decide(j, x);
      recording = [];
      const asked = `all ${shape} ${i} ${k} ${tried.length} ${tried[0]?.[0]} ${tried.at(-1)?.[0]}`;
      const nearFirst = opts.fresh || !stoppedBefore(asked);
      const wasCapped = capped;
      let still = leaksAt(i, undefined, i * Q + 2 + 2 * k, i * Q + 4 + 2 * k, nearFirst);
      if (!nearFirst && capped && !wasCapped) ((capped = wasCapped), (recording = []), (still = leaksAt(i, undefined, i * Q + 2 + 2 * k, i * Q + 4 + 2 * k))); // (stoppedLast)
      stopped(asked, !still);
      // (A cell listed twice is decided its last decision. A run that does not stop the leak leaves
      // the last that did: the search for the shortest run usually ends on the run it makes; when
      // it does not, the decisions made are not the recorded ones, and nothing is taken.)
      if (!still) lastTry = { pending: new Map(tried.map(([j, x]) => [j, JSON.stringify(x)])), comps: recording, made: false };
      recording = null;
      // Undone, as in leaksIf (the last decision of a cell listed twice is its first saved).
      for (let x = tried.length - 1; x >= 0; x--) decide(tried[x][0], saved[x]);
      known.set(knownBefore);
      unknownIn.set(countsBefore);
      for (let v = 0; v < V; v++) if (known[v] && lo0[v] !== hi0[v]) lo[v] = hi[v] = truth[v];
      stale = false;
      touched = [];
      return still;
    },
  };
}

/**
 * A table's equations (attacker), packed flat for the hot loops: equation e's terms are
 * eqVar/eqSgn[eqStart[e] .. eqStart[e + 1]); `eqLinear`: used by the linear algebra too (not
 * denominator = count + complement); byVar[byVarStart[v] .. byVarStart[v + 1]): the equations
 * quantity v is in (in order); `shape`: a digest of the equations. Read only once built: tables
 * with the same structure, of 500 cells or more, share them (keptEquations).
 */
type Equations = { eqStart: Int32Array; eqVar: Int32Array; eqSgn: Float64Array; eqLinear: boolean[]; shape: string; byVarStart: Int32Array; byVar: Int32Array };

/** The equations of `t`, `m` its most numerators in a cell: Σ sign × quantity = 0 (see the top of this file). */
export function equationsOf(t: DisclosureTable, m: number): Equations {
  const Q = 2 + 2 * m;
  const V = t.cells.length * Q;
  const terms: number[] = [];
  const signs: number[] = [];
  const starts: number[] = [0];
  const eqLinear: boolean[] = [];
  const term = (v: number, sign: number) => (terms.push(v), signs.push(sign));
  const add = (linear: boolean) => (starts.push(terms.length), eqLinear.push(linear));
  for (const r of t.relations) {
    let tied = Math.min(r.numerators ?? m, t.cells[r.parent].numerators.length);
    for (const i of r.children) tied = Math.min(tied, t.cells[i].numerators.length);
    for (let q = 0; q < 2 + 2 * tied; q++) {
      if (q === 0 && r.sizeAdditive === false) continue;
      term(r.parent * Q + q, 1);
      for (const i of r.children) term(i * Q + q, -1);
      add(true);
    }
  }
  t.cells.forEach((c, i) => {
    c.numerators.forEach((_, k) => (term(i * Q + 1, 1), term(i * Q + 2 + 2 * k, -1), term(i * Q + 3 + 2 * k, -1), add(false)));
    for (const part of c.parts ?? []) {
      term(i * Q + 1, 1);
      for (const k of part) term(i * Q + 2 + 2 * k, -1);
      add(false);
    }
    for (const s of c.sums ?? []) {
      term(i * Q + 2 + 2 * s.of, 1);
      for (const k of s.parts) term(i * Q + 2 + 2 * k, -1);
      add(false);
    }
  });
  const E = eqLinear.length;
  const eqStart = new Int32Array(starts);
  const eqVar = new Int32Array(terms);
  const eqSgn = new Float64Array(signs);
  // Which quantities a block of equations fixes depends on the equations alone, never on the counts:
  // tables of the same shape (the same figure after a write) share what was solved (solvedFor).
  const shape = createHash("sha1")
    .update(new Uint8Array(eqStart.buffer))
    .update(new Uint8Array(eqVar.buffer))
    .update(new Uint8Array(eqSgn.buffer))
    .update(eqLinear.map(Number).join(""))
    .digest("base64");
  const byVarStart = new Int32Array(V + 1);
  for (const v of eqVar) byVarStart[v + 1]++;
  for (let v = 0; v < V; v++) byVarStart[v + 1] += byVarStart[v];
  const byVar = new Int32Array(eqVar.length);
  const fill = byVarStart.slice(0, V);
  for (let e = 0; e < E; e++) for (let j = eqStart[e]; j < eqStart[e + 1]; j++) byVar[fill[eqVar[j]]++] = e;
  return { eqStart, eqVar, eqSgn, eqLinear, shape, byVarStart, byVar };
}

/**
 * Equations kept by table structure: a table decided after a write has its predecessor's (building
 * them was ~10% of deciding the district quality view's changed table: 16 ms of a 1,642-cell
 * table's attack). At most EQUATIONS structures and EQUATION_NUMBERS numbers (4 bytes each; a
 * sign or a key's character counted as two), ~48 MB; over either, the least recently used go. (At
 * 24 MB the city's equity page, three structures of ~2.5 million numbers for its 15 tables of up
 * to 30,476 cells, built them again for every table: ~35 ms each after a write.)
 */
const EQUATIONS = 32;
let keepFrom = 500;
/** Sets the fewest cells a table needs for its equations to be kept (tests: 0 keeps every table's); returns the last. */
export function keepEquationsFrom(cells: number): number {
  const last = keepFrom;
  keepFrom = cells;
  return last;
}
const EQUATION_NUMBERS = 12_000_000;
const keptStructures = new Map<string, { eq: Equations; numbers: number }>();
let keptNumbers = 0;
export function keptEquations(t: DisclosureTable, m: number): Equations {
  // A unit's table (disclosure.ts decide: tens of cells) is cheaper to build again than to look up,
  // and kept, a few hundred of them a write would push the district's tables out.
  if (t.cells.length < keepFrom) return equationsOf(t, m);
  const key = structureDigest(t, m);
  let hit = keptStructures.get(key);
  if (hit)
    keptStructures.delete(key); // most recently used last
  else {
    const eq = equationsOf(t, m);
    hit = { eq, numbers: eq.eqStart.length + 4 * eq.eqVar.length + eq.byVarStart.length + eq.eqLinear.length + 2 * key.length };
    keptNumbers += hit.numbers;
  }
  keptStructures.set(key, hit);
  for (const [k, x] of keptStructures) {
    if (keptStructures.size <= EQUATIONS && keptNumbers <= EQUATION_NUMBERS) break;
    keptStructures.delete(k);
    keptNumbers -= x.numbers;
  }
  return hit.eq;
}

/** Blocks solved for tables of one shape (attacker): their unknowns, equations and what they fix. */
type Solved = { blocks: Map<number, { cols: Int32Array; es: Int32Array; got: Int32Array }[]>; size: number };
/**
 * What is kept of solved blocks, counted in numbers (4 bytes each) with ENTRY more for each block
 * (its object, arrays and map entry: ~190 bytes measured): at most 8 million, ~32 MB, several
 * district views (the district seed's quality view by course keeps 1.2 million), in at most
 * SHAPES shapes. Over either, the least recently used shapes go.
 */
let solvedLimit = 8_000_000;
const ENTRY = 48;
const SHAPES = 256;
const shapes = new Map<string, Solved>();
let solvedNumbers = 0;
function solvedFor(shape: string): Solved {
  const hit = shapes.get(shape) ?? { blocks: new Map(), size: 0 };
  shapes.delete(shape); // most recently used last
  shapes.set(shape, hit);
  while (shapes.size > SHAPES) drop(shapes.keys().next().value!);
  return hit;
}
function drop(shape: string) {
  solvedNumbers -= shapes.get(shape)!.size;
  shapes.delete(shape);
}
/** Counts a block just kept for `shape`; over the limit, drops the least recently used shapes, this one last. */
function remember(shape: string, s: Solved, numbers: number) {
  s.size += numbers;
  if (shapes.get(shape) !== s) return; // dropped since the attack began: no longer counted
  solvedNumbers += numbers;
  while (solvedNumbers > solvedLimit && shapes.size > 1) drop(shapes.keys().next().value!);
  if (solvedNumbers > solvedLimit) ((solvedNumbers = 0), (s.blocks = new Map()), (s.size = 0));
}
/**
 * Whole components' answers (attacker: determined) by table shape and set of unknowns: a
 * decision's tries attack a few sets, and the next table of the shape the same ones (the city
 * quality view's outcomes table: four whole attacks a read, each a pass or two). Kept from
 * wholeFrom unknowns (below, the linear algebra costs less than the lookup is worth), at most
 * WHOLE_NUMBERS numbers (4 bytes each: ~32 MB; ~66 sets of the city's 121,000 unknowns), the least
 * recently used first out; apart from the solved blocks' budget, which they crowded out. Replaying
 * the 117 dumped city tables of four views: kept in the blocks' budget, 23.2–23.8 s; apart, at
 * most 3 million, 27.3–27.8 s; at most 8 million, 20.8–21.1 s. (The
 * answer is the one the blocks give whatever the order of the unknowns — which a kept set may not
 * share — as the columns a system fixes are; fixedColumns' 1e-9 thresholds aside, as for the
 * components found from different cells, whose order differs too.)
 */
const WHOLE_NUMBERS = 8_000_000;
const wholes = new Map<string, { unknown: Int32Array; fixed: Int32Array }[]>();
let wholeNumbers = 0;
function keepWhole(key: string, unknown: Int32Array, fixed: Int32Array) {
  const list = wholes.get(key) ?? [];
  wholes.delete(key); // most recently used last
  wholes.set(key, list);
  list.push({ unknown, fixed });
  wholeNumbers += unknown.length + fixed.length;
  for (const [k, xs] of wholes) {
    if (wholeNumbers <= WHOLE_NUMBERS || k === key) break;
    for (const x of xs) wholeNumbers -= x.unknown.length + x.fixed.length;
    wholes.delete(k);
  }
}
let wholeFrom = 2_000;
let wholeHits = 0;
/** Sets the fewest unknowns a component's answer is kept for (tests: 1 keeps every one's); returns the last. */
export function keepWholesFrom(unknowns: number): number {
  const last = wholeFrom;
  wholeFrom = unknowns;
  return last;
}
/** How many whole components' answers were taken from what was kept since the process began (tests). */
export const wholesTaken = () => wholeHits;
/** Sets the limit on what is kept of solved blocks (tests: a small one reaches the evictions); returns the last. */
export function solvedBudget(limit: number): number {
  const last = solvedLimit;
  solvedLimit = limit;
  return last;
}

/**
 * fixedColumns(w, rows), kept by the system itself: its width and its rows' columns and values, in
 * order (not for a fresh attack, tests' reference). The blocks of a count and of its complement (and of the counts of one structure in
 * several tables' attacks) are one system over other quantities: in the city quality view's
 * outcomes table, nearly every block solved after a change of its unknowns came in such a pair
 * (9–19 ms each). fixedColumns is deterministic, so the same system gives the same columns. At
 * most SYSTEM_NUMBERS numbers kept (4 or 8 bytes each: at most ~32 MB), the least recently used
 * first out.
 */
function systemFixed(w: number, rows: Rows): number[] {
  const h = rows.start.length - 1;
  const nnz = rows.col.length;
  const n = 2 + h + 2 * nnz;
  if (n < systemFrom) return fixedColumnsOf(w, rows); // (never kept: nothing to look up)
  // FNV-1a over the numbers (a value's words: ±1 mostly), then compared in full.
  let hash32 = Math.imul(0x811c9dc5 ^ w, 0x01000193);
  hash32 = Math.imul(hash32 ^ h, 0x01000193);
  for (let k = 1; k <= h; k++) hash32 = Math.imul(hash32 ^ rows.start[k], 0x01000193);
  for (let k = 0; k < nnz; k++) hash32 = Math.imul(hash32 ^ rows.col[k], 0x01000193);
  const valWords = new Int32Array(rows.val.buffer, rows.val.byteOffset, 2 * nnz);
  for (let k = 0; k < valWords.length; k++) hash32 = Math.imul(hash32 ^ valWords[k], 0x01000193);
  const hash = `${hash32} ${n}`;
  const list = systems.get(hash);
  const hit = list?.find((x) => x.w === w && sameRows(x.rows, rows));
  if (hit) {
    systems.delete(hash); // most recently used last
    systems.set(hash, list!);
    systemHits++;
    return hit.fixed;
  }
  const fixed = fixedColumnsOf(w, rows);
  const kept = list ?? [];
  kept.push({ w, rows, fixed });
  systems.delete(hash);
  systems.set(hash, kept);
  systemNumbers += n + fixed.length;
  for (const [k, xs] of systems) {
    if (systemNumbers <= SYSTEM_NUMBERS || k === hash) break;
    for (const x of xs) systemNumbers -= 2 + x.rows.start.length - 1 + 2 * x.rows.col.length + x.fixed.length;
    systems.delete(k);
  }
  return fixed;
}
function sameRows(a: Rows, b: Rows): boolean {
  if (a.start.length !== b.start.length || a.col.length !== b.col.length) return false;
  for (let k = 0; k < a.start.length; k++) if (a.start[k] !== b.start[k]) return false;
  for (let k = 0; k < a.col.length; k++) if (a.col[k] !== b.col[k] || a.val[k] !== b.val[k]) return false;
  return true;
}
const SYSTEM_NUMBERS = 4_000_000;
/** Systems kept from this many numbers (smaller ones are solved about as fast as looked up). */
let systemFrom = 2_000;
/** Sets the fewest numbers a system is kept from (tests: 0 keeps every one); returns the last. */
export function keepSystemsFrom(numbers: number): number {
  const last = systemFrom;
  systemFrom = numbers;
  return last;
}
const systems = new Map<string, { w: number; rows: Rows; fixed: number[] }[]>();
let systemNumbers = 0;
let systemHits = 0;
/** How many blocks' answers were taken from the same system solved before, since the process began (tests). */
export const systemsTaken = () => systemHits;

/**
 * The columns a linear system fixes: column k is fixed when the unit vector e_k is in the span of
 * the rows (then x_k is the same in every solution). `rows`: each row's columns (0 ≤ k < w; a column
 * may be listed twice: its values add up) and values.
 *
 * Sparse elimination to row echelon form, a row at a time, the sparsest first: each row is cleared
 * of the pivots before it, in the order they were taken (a pivot row holds only columns that were
 * not pivots when it was stored), and takes as its pivot, among its entries of at least a tenth of
 * its largest, the column the fewest stored rows hold (less fill). In the audit the district's
 * sums, each tying every school, therefore come after the schools' own: taken first, they would be
 * subtracted into every row. Values below 1e-9 are zero.
 *
 * Then, instead of reducing every row further (Gauss–Jordan: each new pivot cleared from every
 * row that holds it, which at 400 schools was most of an attack's time, and of its garbage), two
 * solutions of the homogeneous system are drawn: the free columns at random in [1, 2) (a fixed
 * seed: the same answer every time), the pivots by back-substitution. A column is fixed exactly
 * when it is 0 in every solution of Ax = 0 (its reduced row holds no free column), so it is fixed
 * when it is 0 in both draws. A column that is not fixed is a non-zero combination of the free
 * draws, 0 (within 1e-9 of the terms it is added up from, or of 1) with probability nil; were it
 * ever so, the column would only be taken for fixed: a leak found that is not one, more hidden,
 * never less.
 */
export function fixedColumns(w: number, rows: { cols: number[]; vals: number[] }[]): number[] {
  const start = new Int32Array(rows.length + 1);
  rows.forEach((r, k) => (start[k + 1] = start[k] + r.cols.length));
  return fixedColumnsOf(w, { start, col: Int32Array.from(rows.flatMap((r) => r.cols)), val: Float64Array.from(rows.flatMap((r) => r.vals)) });
}
/**
 * A system's rows, flat: row r's columns col[start[r] … start[r + 1]) and their values (val).
 */
type Rows = { start: Int32Array; col: Int32Array; val: Float64Array };
/** fixedColumns of rows laid out flat. */
function fixedColumnsOf(w: number, rows: Rows): number[] {
  const h = rows.start.length - 1;
  const acc = new Float64Array(w); // the row being worked on, by column, where accMark is accRound
  const accMark = new Int32Array(w);
  let accRound = 0;
  const pivotOf = new Int32Array(w).fill(-1); // a column's pivot: the index of its row in U
  const pivotCol: number[] = []; // by pivot: its column
  // U: the pivot rows, in the order taken, without their pivot (1): columns and values from start.
  const uStart: number[] = [0];
  let uCol = new Int32Array(1024);
  let uVal = new Float64Array(1024);
  let nu = 0;
  const held = new Int32Array(w); // how many pivot rows hold a column
  // The scratch row's columns (cs, n of them) and its pivots still to clear (a binary min-heap).
  let cs = new Int32Array(64);
  let n = 0;
  const heap: number[] = [];
  const push = (p: number) => {
    let i = heap.length;
    heap.push(p);
    while (i > 0) {
      const up = (i - 1) >> 1;
      if (heap[up] <= p) break;
      heap[i] = heap[up];
      i = up;
    }
    heap[i] = p;
  };
  const pop = (): number => {
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= heap.length) break;
        if (c + 1 < heap.length && heap[c + 1] < heap[c]) c++;
        if (heap[c] >= last) break;
        heap[i] = heap[c];
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  const touch = (k: number) => {
    if (accMark[k] === accRound) return;
    accMark[k] = accRound;
    acc[k] = 0;
    if (n === cs.length) {
      const grown = new Int32Array(2 * n);
      grown.set(cs);
      cs = grown;
    }
    cs[n++] = k;
    if (pivotOf[k] >= 0) push(pivotOf[k]);
  };
  // The rows (their repeated columns counted once) sparsest first, in their order among equals.
  const sizes = new Int32Array(h);
  let most = 0;
  for (let r = 0; r < h; r++) {
    accRound++;
    let m = 0;
    for (let j = rows.start[r]; j < rows.start[r + 1]; j++) if (accMark[rows.col[j]] !== accRound) ((accMark[rows.col[j]] = accRound), m++);
    sizes[r] = m;
    most = Math.max(most, m);
  }
  const first = new Int32Array(most + 2); // a counting sort by size
  for (let r = 0; r < h; r++) first[sizes[r] + 1]++;
  for (let m = 1; m <= most + 1; m++) first[m] += first[m - 1];
  const order = new Int32Array(h);
  for (let r = 0; r < h; r++) order[first[sizes[r]]++] = r;
  for (let o = 0; o < h; o++) {
    const r = order[o];
    accRound++;
    n = 0;
    for (let j = rows.start[r]; j < rows.start[r + 1]; j++) (touch(rows.col[j]), (acc[rows.col[j]] += rows.val[j]));
    // Cleared of the pivots before it, the earliest first: a pivot row brings only later ones.
    while (heap.length > 0) {
      const p = pop();
      const c = pivotCol[p];
      const f = acc[c];
      if (f === 0) continue;
      for (let x = uStart[p]; x < uStart[p + 1]; x++) {
        const k = uCol[x];
        touch(k);
        acc[k] -= f * uVal[x];
      }
      acc[c] = 0; // exactly: the pivot row's own value is 1
    }
    let big = 0;
    for (let j = 0; j < n; j++) if (pivotOf[cs[j]] < 0) big = Math.max(big, Math.abs(acc[cs[j]]));
    if (big < 1e-9) continue; // a sum of the rows before it
    let at = -1;
    for (let j = 0; j < n; j++) {
      const k = cs[j];
      if (pivotOf[k] >= 0 || Math.abs(acc[k]) < big / 10) continue;
      if (at < 0 || held[k] < held[at]) at = k;
    }
    const pv = acc[at];
    for (let j = 0; j < n; j++) {
      const k = cs[j];
      if (k === at || pivotOf[k] >= 0) continue;
      const v = acc[k] / pv;
      if (Math.abs(v) < 1e-9) continue;
      if (nu === uCol.length) {
        const col = new Int32Array(2 * nu);
        col.set(uCol);
        uCol = col;
        const val = new Float64Array(2 * nu);
        val.set(uVal);
        uVal = val;
      }
      uCol[nu] = k;
      uVal[nu++] = v;
      held[k]++;
    }
    uStart.push(nu);
    pivotOf[at] = pivotCol.length;
    pivotCol.push(at);
  }
  // Two solutions of Ax = 0: free columns drawn, pivots worked out from the last taken back.
  let seed = 0x9e3779b9;
  const draw = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let z = seed;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return 1 + ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
  const x = new Float64Array(w);
  const zero = new Uint8Array(pivotCol.length).fill(1);
  for (let round = 0; round < 2; round++) {
    for (let k = 0; k < w; k++) x[k] = pivotOf[k] < 0 ? draw() : 0;
    for (let p = pivotCol.length - 1; p >= 0; p--) {
      let sum = 0;
      let scale = 0;
      for (let j = uStart[p]; j < uStart[p + 1]; j++) {
        const term = uVal[j] * x[uCol[j]];
        sum += term;
        scale += Math.abs(term);
      }
      // Within 1e-9 of its terms (and of 1: a draw's size) it is 0, exactly, so that no rounding
      // left in it is carried into the pivots worked out from it.
      if (Math.abs(sum) > 1e-9 * Math.max(scale, 1)) ((zero[p] = 0), (x[pivotCol[p]] = -sum));
      else x[pivotCol[p]] = 0;
    }
  }
  const fixed: number[] = [];
  for (let p = 0; p < pivotCol.length; p++) if (zero[p]) fixed.push(pivotCol[p]);
  return fixed;
}
