import "server-only";
import type { ResultFacts } from "@/lib/enrollments/rules";

// The recorded results of the enrollments a provider progress file names (lib/imports/progress),
// held column by column rather than as one object each. A city's file of 250,000 rows names
// ~130,000 enrollments holding ~890,000 results: as objects (an id string, a Date, a score) they
// took ~270 MB of live heap and most of the import's peak memory; here ~60 bytes each, outside the
// collected heap. The plan (plan.ts) looks results up here, changes the ones a file restates with
// another score, date or proctoring, and has an enrollment's results made as objects only while it
// applies the rules to that enrollment.

/** A recorded or planned result, as the plan and the rules (lib/enrollments/rules.ts) read it. */
export type Res = ResultFacts & { id: string; enrollmentId: string; proctored: boolean | null };

const NULL_PROCTORED = 2;

/** A column that grows as rows are added (doubling). */
function grown<T extends Int32Array | Float64Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, 2 * a.length));
  b.set(a);
  return b;
}

export class LoadedResults {
  private n = 0;
  private slotOf: Int32Array;
  private assessmentOf: Int32Array;
  private attemptOf: Int32Array;
  private scoreOf: Float64Array;
  private msOf: Float64Array; // takenOn
  private proctoredOf: Uint8Array; // 0 no, 1 yes, NULL_PROCTORED not stated
  private idBytes: Buffer; // the ids, one after another (UTF-8)
  private idEnd: Int32Array;
  private readonly slots = new Map<string, number>();
  private readonly enrollmentIds: string[] = [];
  private readonly assessmentIndex = new Map<string, number>();
  private readonly assessmentIds: string[] = [];
  /** Per enrollment slot s: its results are order[start[s]] … order[start[s + 1] - 1], in the order added. */
  private start: Int32Array | null = null;
  private order: Int32Array | null = null;
  /** The results made as objects and changed by the plan: the same object every time it is asked for. */
  private readonly changed = new Map<number, Res>();
  /** One Date per day made (a result's takenOn is a date): shared, never changed in place. */
  private readonly dates = new Map<number, Date>();

  /**
   * `expected`: how many results will be added (progress-import-result-count.ts), so the columns
   * are made once at their size: grown, they held up to twice that, and a copy made while growing
   * stayed until the next collection (~70 MB at the city's size). More are taken (a result
   * recorded between the count and the read), growing the columns. `enrollmentIds`: the ids the
   * results will name, as the state holds them (each result's row brings its own copy).
   */
  constructor(expected = 0, enrollmentIds: readonly string[] = []) {
    for (const id of enrollmentIds) this.slotFor(id);
    const n = Math.max(1, expected);
    this.slotOf = new Int32Array(n);
    this.assessmentOf = new Int32Array(n);
    this.attemptOf = new Int32Array(n);
    this.scoreOf = new Float64Array(n);
    this.msOf = new Float64Array(n);
    this.proctoredOf = new Uint8Array(n);
    this.idEnd = new Int32Array(n);
    this.idBytes = Buffer.alloc(n * 25); // a cuid's length
  }

  get size(): number {
    return this.n;
  }

  /** Adds a recorded result (while loading; then `seal`). */
  add(r: Res): void {
    if (this.order) throw new Error("LoadedResults: sealed");
    const i = this.n++;
    const cap = this.n;
    this.slotOf = grown(this.slotOf, cap);
    this.assessmentOf = grown(this.assessmentOf, cap);
    this.attemptOf = grown(this.attemptOf, cap);
    this.scoreOf = grown(this.scoreOf, cap);
    this.msOf = grown(this.msOf, cap);
    this.proctoredOf = grown(this.proctoredOf, cap);
    this.idEnd = grown(this.idEnd, cap);
    const slot = this.slotFor(r.enrollmentId);
    let a = this.assessmentIndex.get(r.assessmentId);
    if (a === undefined) {
      a = this.assessmentIds.length;
      this.assessmentIndex.set(r.assessmentId, a);
      this.assessmentIds.push(r.assessmentId);
    }
    const from = i === 0 ? 0 : this.idEnd[i - 1];
    const bytes = Buffer.byteLength(r.id);
    if (from + bytes > this.idBytes.length) {
      const b = Buffer.alloc(Math.max(from + bytes, 2 * this.idBytes.length));
      this.idBytes.copy(b, 0, 0, from);
      this.idBytes = b;
    }
    this.idEnd[i] = from + this.idBytes.write(r.id, from);
    this.slotOf[i] = slot;
    this.assessmentOf[i] = a;
    this.attemptOf[i] = r.attempt;
    this.scoreOf[i] = r.score;
    this.msOf[i] = r.takenOn.getTime();
    this.proctoredOf[i] = r.proctored === null ? NULL_PROCTORED : r.proctored ? 1 : 0;
  }

  private slotFor(enrollmentId: string): number {
    let slot = this.slots.get(enrollmentId);
    if (slot === undefined) {
      slot = this.enrollmentIds.length;
      this.slots.set(enrollmentId, slot);
      this.enrollmentIds.push(enrollmentId);
    }
    return slot;
  }

  /** Ends loading: each enrollment's results found together (a counting sort, keeping the order added). */
  seal(): this {
    if (this.order) return this;
    const slots = this.enrollmentIds.length;
    const start = new Int32Array(slots + 1);
    for (let i = 0; i < this.n; i++) start[this.slotOf[i] + 1]++;
    for (let s = 0; s < slots; s++) start[s + 1] += start[s];
    const next = start.slice(0, slots);
    const order = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) order[next[this.slotOf[i]]++] = i;
    this.start = start;
    this.order = order;
    return this;
  }

  /** The positions of an enrollment's recorded results (none for one the plan creates). */
  private positions(enrollmentId: string): Int32Array {
    this.seal();
    const s = this.slots.get(enrollmentId);
    return s === undefined ? EMPTY : this.order!.subarray(this.start![s], this.start![s + 1]);
  }

  /**
   * The first of an enrollment's recorded results (in the order added: the read gives them in
   * assessment and attempt order) for this assessment with
   * this attempt number, or — without one — with this score and day; -1 when none.
   */
  find(enrollmentId: string, assessmentId: string, by: { attempt: number } | { score: number; takenOn: Date }): number {
    const a = this.assessmentIndex.get(assessmentId);
    if (a === undefined) return -1;
    const ms = "takenOn" in by ? by.takenOn.getTime() : 0;
    for (const i of this.positions(enrollmentId)) {
      if (this.assessmentOf[i] !== a) continue;
      if ("attempt" in by ? this.attemptOf[i] === by.attempt : this.scoreOf[i] === by.score && this.msOf[i] === ms) return i;
    }
    return -1;
  }

  /** The highest attempt number recorded for an enrollment's assessment (0 when none). */
  maxAttempt(enrollmentId: string, assessmentId: string): number {
    const a = this.assessmentIndex.get(assessmentId);
    let max = 0;
    if (a === undefined) return max;
    for (const i of this.positions(enrollmentId)) if (this.assessmentOf[i] === a && this.attemptOf[i] > max) max = this.attemptOf[i];
    return max;
  }

  /** The recorded result at position i as an object: the changed one when the plan changed it. */
  result(i: number): Res {
    return this.changed.get(i) ?? this.made(i);
  }

  /**
   * Changes the recorded result at position i (the file restates it with another score, date or
   * proctoring) and returns it as the object the plan writes: the same object for every change.
   */
  change(i: number, to: { score: number; takenOn: Date; proctored: boolean | null }): Res {
    const r = this.result(i);
    this.changed.set(i, r);
    r.score = to.score;
    r.takenOn = to.takenOn;
    r.proctored = to.proctored;
    this.scoreOf[i] = to.score;
    this.msOf[i] = to.takenOn.getTime();
    this.proctoredOf[i] = to.proctored === null ? NULL_PROCTORED : to.proctored ? 1 : 0;
    return r;
  }

  /** Whether the plan changed the recorded result at position i. */
  isChanged(i: number): boolean {
    return this.changed.has(i);
  }

  /** An enrollment's recorded results as objects, in the order loaded (made for the caller: not kept, unless changed). */
  resultsOf(enrollmentId: string): Res[] {
    return Array.from(this.positions(enrollmentId), (i) => this.result(i));
  }

  private made(i: number): Res {
    const ms = this.msOf[i];
    let takenOn = this.dates.get(ms);
    if (!takenOn) this.dates.set(ms, (takenOn = new Date(ms)));
    const p = this.proctoredOf[i];
    return {
      id: this.idBytes.toString("utf8", i === 0 ? 0 : this.idEnd[i - 1], this.idEnd[i]),
      enrollmentId: this.enrollmentIds[this.slotOf[i]],
      assessmentId: this.assessmentIds[this.assessmentOf[i]],
      score: this.scoreOf[i],
      attempt: this.attemptOf[i],
      takenOn,
      proctored: p === NULL_PROCTORED ? null : p === 1,
    };
  }
}

const EMPTY = new Int32Array(0);
