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
// Bounds are tightened through every equation; linear algebra (reduced row echelon form) over the
// sums between cells, each quantity on its own, finds every quantity they fix exactly; both repeat
// until nothing moves.
//
// Every quantity known exactly from the decisions is a constant, so the attack of the others splits
// into components: the unknowns joined through equations. Each component is attacked alone, and
// after a cell is hidden only the component that now holds it is attacked again.
import type { Decision, DisclosureCell, DisclosureTable } from "./disclosure";

export type Attacker = {
  /** Records a cell's decision (how the viewer reads its quantities). */
  decide(i: number, d: Decision): void;
  /** The cells that leak, in order: attacks again only the components changed since the last call. */
  leaks(): number[];
  /** Whether cell `i` leaks under the current decisions (attacks only the components that hold it). */
  leaksAt(i: number): boolean;
  /** What of cell `i` leaks (as of the last leaks()): "size" (its size or denominator), else the first numerator that does (or its complement). */
  leakingCount(i: number): number | "size" | undefined;
  /** Whether cell `i` would still leak if cell `j` were decided `x` (hidden, or a count of it hidden). */
  leaksIf(i: number, j: number, x: Decision): boolean;
};

const empty = (c: DisclosureCell) => c.size === 0;

/** `decisions`: the policy's array, read again when a tried suppression is undone; `isSmall`: the cells whose every count is protected. */
export function attacker(t: DisclosureTable, decisions: Decision[], isSmall: (c: DisclosureCell) => boolean): Attacker {
  const n = t.cells.length;
  const m = Math.max(0, ...t.cells.map((c) => c.numerators.length));
  const Q = 2 + 2 * m;
  const V = n * Q;
  const cellOf = (v: number) => Math.floor(v / Q);
  const has = (i: number, q: number) => q < 2 || (q - 2) >> 1 < t.cells[i].numerators.length;
  const truth = new Float64Array(V);
  t.cells.forEach((c, i) => {
    truth[i * Q] = c.size;
    truth[i * Q + 1] = c.denominator;
    c.numerators.forEach((k, j) => ((truth[i * Q + 2 + 2 * j] = k), (truth[i * Q + 3 + 2 * j] = c.denominator - k)));
  });

  // Equations: Σ sign × quantity = 0. `linear`: used by the linear algebra too (not denominator = count + complement).
  const eqVars: number[][] = [];
  const eqSign: number[][] = [];
  const eqLinear: boolean[] = [];
  const add = (vars: number[], signs: number[], linear: boolean) => (eqVars.push(vars), eqSign.push(signs), eqLinear.push(linear));
  for (const r of t.relations) {
    const members = [r.parent, ...r.children];
    const tied = Math.min(r.numerators ?? m, ...members.map((i) => t.cells[i].numerators.length));
    for (let q = 0; q < 2 + 2 * tied; q++) {
      if (q === 0 && r.sizeAdditive === false) continue;
      add([r.parent * Q + q, ...r.children.map((i) => i * Q + q)], [1, ...r.children.map(() => -1)], true);
    }
  }
  t.cells.forEach((c, i) => {
    c.numerators.forEach((_, k) => add([i * Q + 1, i * Q + 2 + 2 * k, i * Q + 3 + 2 * k], [1, -1, -1], false));
    for (const part of c.parts ?? []) add([i * Q + 1, ...part.map((k) => i * Q + 2 + 2 * k)], [1, ...part.map(() => -1)], false);
    for (const s of c.sums ?? []) add([i * Q + 2 + 2 * s.of, ...s.parts.map((k) => i * Q + 2 + 2 * k)], [1, ...s.parts.map(() => -1)], false);
  });
  const byVar: number[][] = Array.from({ length: V }, () => []);
  eqVars.forEach((vs, e) => vs.forEach((v) => byVar[v].push(e)));

  // Bounds as the decisions give them (lo0/hi0), and the working bounds of an attack (lo/hi).
  let stale = true;
  let touched: number[] = []; // cells hidden more since the last peel
  const lo0 = new Float64Array(V);
  const hi0 = new Float64Array(V);
  const lo = new Float64Array(V);
  const hi = new Float64Array(V);
  const decide = (i: number, x: Decision) => {
    const c = t.cells[i];
    for (let q = 0; q < Q; q++) {
      const v = i * Q + q;
      let [l, h] = [0, 0];
      if (!has(i, q)) [l, h] = [0, 0];
      else if (x.state === "suppressed" && c.unlisted) [l, h] = [0, Infinity];
      else if (empty(c)) [l, h] = [0, 0];
      else if (x.state === "shown") {
        const k = (q - 2) >> 1;
        const cd = q < 2 ? null : x.coded[k];
        if (q >= 2 && (x.hidden?.[k] || c.derived?.includes(k))) [l, h] = [0, Infinity];
        else if (!cd) [l, h] = [truth[v], truth[v]];
        else if ((cd.op === "≤") === (q % 2 === 0)) [l, h] = [0, 1]; // the count that is 0 or 1
        else [l, h] = [c.denominator - 1, c.denominator];
      } else if (q === 0) [l, h] = [1, Infinity];
      else if (q === 1) [l, h] = [t.denominatorIsStudents ? 1 : 0, Infinity];
      else [l, h] = [0, Infinity];
      lo0[v] = lo[v] = l;
      hi0[v] = hi[v] = h;
    }
    stale = true;
    touched.push(i);
  };
  decisions.forEach((x, i) => decide(i, x));
  // Quantities known exactly: shown ones, and — worked out one equation at a time — any quantity
  // that is the only unknown of an equation ("peeled": a complement beside a shown group and total).
  // They are constants to the attack; the rest are `open`. Peeling again after every decision costs
  // one pass over the equations and keeps the components small.
  const known = new Uint8Array(V);
  const unknownIn = new Int32Array(eqVars.length);
  const settle = (queue: number[]) => {
    for (let k = 0; k < queue.length; k++) {
      const e = queue[k];
      if (unknownIn[e] !== 1) continue;
      const x = eqVars[e].find((v) => !known[v])!;
      known[x] = 1;
      lo[x] = hi[x] = truth[x];
      for (const f of byVar[x]) if (--unknownIn[f] === 1) queue.push(f);
    }
  };
  const peel = () => {
    if (!stale) return;
    stale = false;
    if (touched.length > 0 && touched.length < n) {
      // Only hidden more since the last peel: unpeel what may have rested on the cells decided
      // (every peeled quantity joined to them through peeled quantities), then peel that again.
      const queue: number[] = [];
      const freed: number[] = [];
      for (const i of touched) for (let q = 0; q < Q; q++) if (known[i * Q + q] && lo0[i * Q + q] !== hi0[i * Q + q]) ((known[i * Q + q] = 0), freed.push(i * Q + q));
      for (let k = 0; k < freed.length; k++) {
        for (const f of byVar[freed[k]]) {
          if (++unknownIn[f] === 1) queue.push(f);
          for (const u of eqVars[f]) if (known[u] && lo0[u] !== hi0[u]) ((known[u] = 0), freed.push(u));
        }
      }
      touched = [];
      return settle(queue);
    }
    touched = [];
    for (let v = 0; v < V; v++) known[v] = lo0[v] === hi0[v] ? 1 : 0;
    const queue: number[] = [];
    eqVars.forEach((vs, e) => {
      let u = 0;
      for (const v of vs) if (!known[v]) u++;
      unknownIn[e] = u;
      if (u === 1) queue.push(e);
    });
    settle(queue);
  };
  const open = (v: number) => !known[v];

  // A component: the unknowns reachable from `seeds` through equations, and those equations.
  const varMark = new Int32Array(V);
  const eqMark = new Int32Array(eqVars.length);
  let stamp = 0;
  const component = (seeds: number[]): { vars: number[]; eqs: number[] } => {
    stamp++;
    const vars: number[] = [];
    const eqs: number[] = [];
    for (const s of seeds) if (open(s) && varMark[s] !== stamp) ((varMark[s] = stamp), vars.push(s));
    for (let k = 0; k < vars.length; k++) {
      for (const e of byVar[vars[k]]) {
        if (eqMark[e] === stamp) continue;
        eqMark[e] = stamp;
        eqs.push(e);
        for (const u of eqVars[e]) if (open(u) && varMark[u] !== stamp) ((varMark[u] = stamp), vars.push(u));
      }
    }
    return { vars, eqs };
  };

  const queued = new Uint8Array(eqVars.length);
  /** Tightens bounds through the component's equations until none moves; true if any did. */
  const allowed = new Int32Array(eqVars.length);
  let round = 0;
  const propagate = (eqs: number[]): boolean => {
    let moved = false;
    const queue = [...eqs];
    round++;
    for (const e of eqs) ((queued[e] = 1), (allowed[e] = round));
    const set = (v: number, l: number, h: number) => {
      const nlo = Math.max(lo[v], Math.ceil(l - 1e-9));
      const nhi = Math.max(nlo, Math.min(hi[v], Math.floor(h + 1e-9)));
      if (nlo === lo[v] && nhi === hi[v]) return;
      lo[v] = nlo;
      hi[v] = nhi;
      moved = true;
      for (const f of byVar[v]) if (!queued[f] && allowed[f] === round) ((queued[f] = 1), queue.push(f));
    };
    for (let k = 0; k < queue.length && k < 1000 * eqs.length; k++) {
      const e = queue[k];
      queued[e] = 0;
      const vs = eqVars[e];
      const ss = eqSign[e];
      // Each term's range (sign × bounds: [a, b]); their sums with the infinite parts counted apart.
      let aF = 0, aInf = 0, bF = 0, bInf = 0;
      for (let j = 0; j < vs.length; j++) {
        const a = ss[j] > 0 ? lo[vs[j]] : -hi[vs[j]];
        const b = ss[j] > 0 ? hi[vs[j]] : -lo[vs[j]];
        if (a === -Infinity) aInf++;
        else aF += a;
        if (b === Infinity) bInf++;
        else bF += b;
      }
      if (aInf > 1 && bInf > 1) continue; // nothing to learn: every term has another unbounded one beside it
      for (let j = 0; j < vs.length; j++) {
        const a = ss[j] > 0 ? lo[vs[j]] : -hi[vs[j]];
        const b = ss[j] > 0 ? hi[vs[j]] : -lo[vs[j]];
        const othersA = aInf - (a === -Infinity ? 1 : 0) > 0 ? -Infinity : aF - (a === -Infinity ? 0 : a);
        const othersB = bInf - (b === Infinity ? 1 : 0) > 0 ? Infinity : bF - (b === Infinity ? 0 : b);
        // sign × x = −(the others' sum)
        if (ss[j] > 0) set(vs[j], -othersB, -othersA);
        else set(vs[j], othersA, othersB);
      }
    }
    for (let k = 0; k < queue.length; k++) queued[queue[k]] = 0;
    return moved;
  };

  /** The component's unknowns that its sums between cells fix exactly (reduced row echelon form, per linked block). */
  const uf = new Int32Array(V); // union-find parent of an unknown, valid where ufMark is this round
  const ufMark = new Int32Array(V);
  const blockOf = new Int32Array(V);
  const blockMark = new Int32Array(V);
  let ufRound = 0;
  const find = (v: number): number => {
    while (uf[v] !== v) v = uf[v] = uf[uf[v]];
    return v;
  };
  const determined = (vars: number[], eqs: number[]): number[] => {
    ufRound++;
    const unknown: number[] = [];
    for (const v of vars) if (lo[v] !== hi[v]) ((uf[v] = v), (ufMark[v] = ufRound), unknown.push(v));
    if (unknown.length === 0) return [];
    const lin: number[] = [];
    const anchor: number[] = [];
    for (const e of eqs) {
      if (!eqLinear[e]) continue;
      let first = -1;
      for (const u of eqVars[e]) {
        if (ufMark[u] !== ufRound) continue;
        if (first < 0) first = u;
        else {
          const [a, b] = [find(u), find(first)];
          if (a !== b) uf[a] = b;
        }
      }
      if (first >= 0) (lin.push(e), anchor.push(first));
    }
    const blocks: { cols: number[]; rows: number[] }[] = [];
    for (const v of unknown) {
      const r = find(v);
      if (blockMark[r] !== ufRound) {
        blockMark[r] = ufRound;
        blockOf[r] = blocks.length;
        blocks.push({ cols: [], rows: [] });
      }
      blocks[blockOf[r]].cols.push(v);
    }
    lin.forEach((e, k) => blocks[blockOf[find(anchor[k])]].rows.push(e));
    const out: number[] = [];
    for (const { cols, rows: es } of blocks) {
      // A block without two unknowns in an equation fixes nothing the bounds did not.
      if (es.length === 0 || cols.length < 2) continue;
      // Which quantities a block fixes depends only on its unknowns and equations: the same block
      // comes back in every attack that does not touch it.
      const key = `${cols.join(",")}|${es.join(",")}`;
      let got = solved.get(key);
      if (!got) solved.set(key, (got = solve(cols, es)));
      for (const v of got) out.push(v);
    }
    return out;
  };
  const solved = new Map<string, number[]>();
  const solve = (cols: number[], es: number[]): number[] => {
    const col = new Map(cols.map((v, k) => [v, k]));
    const w = cols.length;
    const rows = es.map((e) => {
      const row = new Float64Array(w);
      eqVars[e].forEach((v, j) => {
        const k = col.get(v);
        if (k !== undefined) row[k] += eqSign[e][j];
      });
      return row;
    });
    const pivots: number[] = [];
    let r0 = 0;
    const nz: number[] = [];
    for (let c = 0; c < w && r0 < rows.length; c++) {
      let p = -1;
      for (let r = r0; r < rows.length; r++) if (Math.abs(rows[r][c]) > 1e-9 && (p < 0 || Math.abs(rows[r][c]) > Math.abs(rows[p][c]))) p = r;
      if (p < 0) continue;
      [rows[r0], rows[p]] = [rows[p], rows[r0]];
      const pr = rows[r0];
      const v = pr[c];
      nz.length = 0;
      for (let k = c; k < w; k++) if (pr[k] !== 0) ((pr[k] /= v), nz.push(k));
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r];
        if (r === r0 || Math.abs(row[c]) < 1e-9) continue;
        const f = row[c];
        for (const k of nz) row[k] -= f * pr[k];
      }
      pivots.push(c);
      r0++;
    }
    const out: number[] = [];
    pivots.forEach((c, r) => {
      let alone = true;
      for (let k = 0; k < w && alone; k++) if (k !== c && Math.abs(rows[r][k]) >= 1e-9) alone = false;
      if (alone) out.push(cols[c]);
    });
    return out;
  };

  /** Whether quantity v, worked out as its bounds now say, is a leak: any count of a small group, or an outcome count (or its complement) of 0 or 1. */
  const leakAt = (v: number): boolean => {
    if (lo[v] !== hi[v]) return false;
    const i = cellOf(v);
    const q = v % Q;
    const c = t.cells[i];
    if (empty(c) || !has(i, q)) return false;
    if (isSmall(c)) return true;
    return q >= 2 && c.denominator !== 0 && lo[v] <= 1;
  };

  /** Attacks one component; returns its quantities that leak. */
  const attack = (comp: { vars: number[]; eqs: number[] }): number[] => {
    for (const v of comp.vars) ((lo[v] = lo0[v]), (hi[v] = hi0[v]));
    for (let pass = 0; pass < 50; pass++) {
      let changed = propagate(comp.eqs);
      for (const v of determined(comp.vars, comp.eqs)) if (lo[v] !== hi[v]) ((lo[v] = hi[v] = truth[v]), (changed = true));
      if (!changed) break;
    }
    return comp.vars.filter(leakAt);
  };

  // Which quantities leak, kept between calls; `dirty`: cells decided since.
  const leaking = new Uint8Array(V);
  let dirty = new Set<number>(Array.from({ length: n }, (_, i) => i));
  const cellVars = (i: number) => Array.from({ length: Q }, (_, q) => i * Q + q);
  /**
   * Whether cell i leaks, attacking its components. With `hidden` (a cell just hidden to try it): a
   * component that does not hold that cell is as it was at the last leaks(), so its answer is reused.
   */
  const leaksAt = (i: number, hidden?: number): boolean => {
    peel();
    const seen = new Set<number>();
    for (const s of cellVars(i)) {
      if (!open(s)) {
        if (leakAt(s)) return true;
        continue;
      }
      if (seen.has(s)) continue;
      const comp = component([s]);
      comp.vars.forEach((v) => seen.add(v));
      if (hidden !== undefined && !comp.vars.some((v) => cellOf(v) === hidden)) {
        if (comp.vars.some((v) => cellOf(v) === i && leaking[v])) return true;
        continue;
      }
      if (attack(comp).some((v) => cellOf(v) === i)) return true;
    }
    return false;
  };

  return {
    decide(i, x) {
      decide(i, x);
      dirty.add(i);
    },
    leaks() {
      peel();
      const seen = new Uint8Array(V);
      for (const i of dirty) {
        for (const s of cellVars(i)) {
          if (seen[s]) continue;
          if (!open(s)) {
            leaking[s] = leakAt(s) ? 1 : 0;
            continue;
          }
          const comp = component([s]);
          for (const v of comp.vars) ((seen[v] = 1), (leaking[v] = 0));
          for (const v of attack(comp)) leaking[v] = 1;
        }
      }
      dirty = new Set();
      const out: number[] = [];
      for (let i = 0; i < n; i++) if (cellVars(i).some((v) => leaking[v])) out.push(i);
      return out;
    },
    leaksAt: (i) => leaksAt(i),
    leakingCount(i) {
      if (leaking[i * Q] || leaking[i * Q + 1]) return "size";
      for (let q = 2; q < Q; q++) if (leaking[i * Q + q]) return (q - 2) >> 1;
      return undefined;
    },
    leaksIf(i, j, x) {
      peel();
      const before = known.slice();
      const counts = unknownIn.slice();
      const saved = decisions[j];
      decide(j, x);
      const still = leaksAt(i, j);
      decide(j, saved);
      // Undone: the quantities known before are known again (the same decisions).
      known.set(before);
      unknownIn.set(counts);
      for (let v = 0; v < V; v++) if (known[v] && lo0[v] !== hi0[v]) lo[v] = hi[v] = truth[v];
      stale = false;
      touched = [];
      return still;
    },
  };
}
