// The plans report's tables through the disclosure policy of every summary (lib/reports/disclosure.ts,
// DEFINITIONS.md "Suppression"): each unit's rows add up to its total row, and — for a district
// admin — each school's row adds up with the other schools' to the district's row of the same key,
// all decided in one call. A row of fewer than 6 students, or whose rate's denominator is 1 to 5,
// shows nothing; a rate within one of 0% or 100% is coded ("≤ 16.7%") and the counts that would
// give it away are hidden; further cells are hidden while a hidden one could be worked out. Pure.
import { disclose, type Coded, type Disclosure, type DisclosureCell, type DisclosureRelation } from "@/lib/reports/disclosure";
import { percent } from "@/lib/reports/acgr";
import { DISTRICT } from "@/lib/reports/published";

/** One row before disclosure: `size` students, a rate `numerator` ÷ `denominator`, and other counts (`extra`). */
export type Row = { key: string; label: string; size: number; denominator: number; numerator: number; extra: number[] };

/** One row as shown and exported: null is hidden ("—"). */
export type Shown = {
  key: string;
  label: string;
  size: number | null;
  denominator: number | null;
  numerator: number | null;
  extra: (number | null)[];
  rate: number | null;
  coded: Coded | null;
  suppression: Disclosure;
};

const TOTAL = "total";

/**
 * `units`: each unit's rows (a school's by school id, the district's under DISTRICT), each with a
 * row keyed "total". `hideWhenCoded`: the `extra` counts that would give a coded rate away.
 */
export function publishUnits(
  units: Map<string, Row[]>,
  district: boolean,
  opts: { sizeAdditive: boolean; denominatorIsStudents: boolean; hideWhenCoded?: number[] },
): Map<string, Shown[]> {
  const cells: DisclosureCell[] = [];
  const relations: DisclosureRelation[] = [];
  const at = new Map<string, number>();
  for (const [unit, rows] of units) {
    const total = rows.find((r) => r.key === TOTAL)!;
    const t = cells.length;
    at.set(`${unit}\u0000${TOTAL}`, t);
    cells.push(cellOf(total));
    const children: number[] = [];
    for (const r of rows) {
      if (r.key === TOTAL) continue;
      at.set(`${unit}\u0000${r.key}`, cells.length);
      children.push(cells.length);
      cells.push({ ...cellOf(r), within: t });
    }
    relations.push({ parent: t, children, sizeAdditive: opts.sizeAdditive });
  }
  if (district && units.has(DISTRICT)) {
    // Each student is at one school: a key's district row is the sum of the schools' rows, size too.
    for (const r of units.get(DISTRICT)!) {
      const children = [...units.keys()].filter((u) => u !== DISTRICT).map((u) => at.get(`${u}\u0000${r.key}`)).filter((i): i is number => i !== undefined);
      relations.push({ parent: at.get(`${DISTRICT}\u0000${r.key}`)!, children });
    }
  }
  const decisions = disclose({ cells, relations, denominatorIsStudents: opts.denominatorIsStudents });
  const out = new Map<string, Shown[]>();
  for (const [unit, rows] of units) {
    out.set(unit, rows.map((r) => shown(r, decisions[at.get(`${unit}\u0000${r.key}`)!], opts.hideWhenCoded ?? [])));
  }
  return out;
}

function cellOf(r: Row): DisclosureCell {
  return { size: r.size, denominator: r.denominator, numerators: [r.numerator], publish: true };
}

function shown(r: Row, d: ReturnType<typeof disclose>[number], hideWhenCoded: number[]): Shown {
  const base = { key: r.key, label: r.label };
  if (r.size === 0) return { ...base, size: 0, denominator: 0, numerator: 0, extra: r.extra.map(() => 0), rate: null, coded: null, suppression: "none" };
  if (d.state === "suppressed") return { ...base, size: null, denominator: null, numerator: null, extra: r.extra.map(() => null), rate: null, coded: null, suppression: "suppressed" };
  const coded = d.coded[0] ?? null;
  return {
    ...base,
    size: r.size,
    denominator: r.denominator,
    numerator: coded ? null : r.numerator,
    extra: r.extra.map((x, i) => (coded && hideWhenCoded.includes(i) ? null : x)),
    rate: coded || r.denominator === 0 ? null : percent(r.numerator, r.denominator),
    coded,
    suppression: coded ? "coded" : "none",
  };
}
