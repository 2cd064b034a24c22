// The program-results table (figure 1) as shown and exported, decided by the disclosure policy
// (disclosure.ts) over every table the viewer sees: the rows by program type and provider add up to
// the total row, and — in the district view — each school's row adds up with the other schools'
// to the district's row. A row's size is its distinct students (fewer than 6: suppressed); the rate
// is per enrollment ended (passed ÷ ended), coded near 0% and 100%. A row shows its outcome counts
// (completed, passed, failed, withdrawn), median and credits only when its rate is shown: counts
// beside a hidden rate would give the rate away. A coded row still shows students, started and
// active; a suppressed row shows nothing.
// A unit's total row counts the same students and enrollments as the course-completion figure's
// "All students" (figures.ts), which the same viewer sees: it keeps the figure's decision (`totals`),
// so neither table shows what the other hid.
import type { ProgramType } from "@/lib/generated/prisma/enums";
import type { ProgramRow } from "./sql";
import { percent } from "./acgr";
import { disclose, disclosureCell, type Coded, type Decision, type Disclosure, type DisclosureCell, type DisclosureRelation } from "./disclosure";
import { DISTRICT } from "./published";

export type ProgramTableRow = {
  programType: ProgramType | null;
  providerName: string | null;
  /** Distinct students. */
  students: number | null;
  /** Enrollments started. */
  started: number | null;
  completed: number | null;
  passed: number | null;
  failed: number | null;
  withdrawn: number | null;
  active: number | null;
  /** Enrollments ended (passed + failed + withdrawn): the rate's denominator. */
  ended: number | null;
  completionRate: number | null;
  coded: Coded | null;
  medianDaysToComplete: number | null;
  creditsRecovered: number | null;
  suppression: Disclosure;
};

const ORDER = ["CREDIT_RECOVERY", "ORIGINAL_CREDIT", "ADVANCED_PLACEMENT", "SKILL_DEVELOPMENT", "DROPOUT_PREVENTION"];
const keyOf = (r: Pick<ProgramRow, "programType" | "providerName">) => `${r.programType ?? ""}\u0000${r.providerName ?? ""}`;

/**
 * Each unit's table (a school's rows by school id; the district's under DISTRICT when `district`),
 * decided together. A unit's rows: by program type and provider, then the total (programType null).
 * `totals`: each unit's total row as the course-completion figure of the same view decided it
 * (figures.ts programTotals), kept.
 */
export function publishProgram(units: Map<string, ProgramRow[]>, district: boolean, totals?: Map<string, Decision>): Map<string, ProgramTableRow[]> {
  // Units and rows in one order whatever order the SQL gave them (ties are broken by position:
  // published.ts unitsTable); the rows are shown in their own order (rowsOf).
  const ids = [...units.keys()].sort();
  const cells: DisclosureCell[] = [];
  const first = new Map<string, number>(); // a unit's first cell: its total
  const keys: string[][] = []; // each unit's rows' keys, in the order of its cells
  const fixed: (Decision | undefined)[] = [];
  const creditRecovery: boolean[] = []; // a cell whose credits can be other than 0 (creditsShown)
  const rowsOf = new Map<string, ProgramRow[]>();
  for (const id of ids) {
    const rows = units.get(id)!;
    const withTotal = rows.some((r) => r.programType == null) ? rows : [...rows, { ...zero(rows[0]?.year ?? 0), schoolId: id === DISTRICT ? null : id }];
    const total = cells.length;
    if (withTotal.some((r) => r.students > 0)) fixed[total] = totals?.get(id);
    const keyed = withTotal.map((r) => ({ r, key: keyOf(r) }));
    keyed.sort((a, b) => (a.r.programType == null ? -1 : b.r.programType == null ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    // (The district's sums, programSums, list the rows in this order too.)
    const sorted = keyed.map((x) => x.r);
    rowsOf.set(id, sorted);
    keys.push(keyed.map((x) => x.key));
    first.set(id, total);
    for (const { r } of keyed) {
      cells.push(
        disclosureCell({
          size: r.students,
          denominator: r.passed + r.failed + r.withdrawn,
          numerators: [r.passed],
          publish: true,
          within: r.programType == null ? undefined : total,
        }),
      );
      creditRecovery.push(r.programType == null || r.programType === "CREDIT_RECOVERY");
    }
  }
  const relations = programSums(ids, keys, district && units.has(DISTRICT));
  const decisions = disclose({ cells, relations, denominatorIsStudents: false, fixed });
  const credits = creditsShown(cells, relations, decisions, creditRecovery);
  const rank = (t: string | null) => (t == null ? 99 : ORDER.indexOf(t));
  return new Map(
    ids.map((id) => {
      const base = first.get(id)!;
      const shown: ProgramTableRow[] = [];
      rowsOf.get(id)!.forEach((r, k) => {
        if (r.programType != null || units.get(id)!.length > 0) shown.push(tableRow(r, decisions[base + k], credits[base + k]));
      });
      shown.sort((a, b) => rank(a.programType) - rank(b.programType) || (a.providerName ?? "").localeCompare(b.providerName ?? ""));
      return [id, shown];
    }),
  );
}

/**
 * The sums among the units' rows, from the units (sorted) and their rows' keys alone: each unit's
 * total = its rows (students: not a sum, they take several courses), and the district's row of a
 * key = the schools' rows of it. Kept for the last few tables, frozen: after a write the rows are
 * the same rows with other counts, and the same sums (the same array) let the disclosure policy
 * keep what it works out from the sums alone (disclosure.ts seen, sumLists, unitsOf;
 * disclosure-audit.ts keptEquations), as quality.ts structureOf does. Made again, the city's
 * district table of 6,015 cells had its digests, lists and equations worked out anew on every
 * read (~10 ms). Exported for tests.
 */
type ProgramSums = { ids: string[]; keys: string[][]; district: boolean; relations: DisclosureRelation[] };
const SUMS = 4;
const programSumsKept: ProgramSums[] = [];
export function programSums(ids: string[], keys: string[][], district: boolean): DisclosureRelation[] {
  const same = (x: ProgramSums) =>
    x.district === district &&
    x.ids.length === ids.length &&
    x.ids.every((id, u) => id === ids[u] && x.keys[u].length === keys[u].length && x.keys[u].every((k, j) => k === keys[u][j]));
  const at = programSumsKept.findIndex(same);
  if (at >= 0) {
    const hit = programSumsKept[at];
    if (at > 0) (programSumsKept.splice(at, 1), programSumsKept.unshift(hit));
    return hit.relations;
  }
  const relations: DisclosureRelation[] = [];
  const atIn = new Map<string, Map<string, number>>(); // each unit's rows by key: their cells
  let total = 0;
  ids.forEach((id, u) => {
    atIn.set(id, new Map(keys[u].map((k, j) => [k, total + j])));
    // Students take several courses: a unit's students are not the sum of its rows' students.
    relations.push({ parent: total, children: keys[u].slice(1).map((_, j) => total + 1 + j), sizeAdditive: false });
    total += keys[u].length;
  });
  if (district) {
    const schools = ids.filter((id) => id !== DISTRICT).map((id) => atIn.get(id)!);
    for (const [key, parent] of atIn.get(DISTRICT)!) {
      const children: number[] = [];
      for (const at of schools) {
        const c = at.get(key);
        if (c !== undefined) children.push(c);
      }
      relations.push({ parent, children });
    }
  }
  // (Frozen: every table over these rows shares them, read only.)
  for (const r of relations) (Object.freeze(r.children), Object.freeze(r));
  Object.freeze(relations);
  programSumsKept.unshift({ ids, keys, district, relations });
  if (programSumsKept.length > SUMS) programSumsKept.pop();
  return relations;
}

function zero(year: number): ProgramRow {
  return { year, schoolId: null, programType: null, providerName: null, students: 0, started: 0, passed: 0, failed: 0, withdrawn: 0, active: 0, medianDays: null, credits: 0 };
}

/**
 * Which rows may show their credits recovered. Credits are a sum weighted by each course's credit
 * value (half-credit courses beside whole ones), which the disclosure tables do not model: where a
 * sum holds a row whose credits are not shown, the credits of the rest would give the hidden rows'
 * credits, and with their passed count (known from the same sum) the hidden rows' passed counts
 * themselves (1.0 credit from half-credit courses and 10 from whole ones, 12 passed in all: 2 and
 * 10). So a row shows its credits only when its rate is shown uncoded and every row of every sum it
 * is in does too, through the sums (a row with nobody in it, or of another program type — credits
 * count credit recovery only — is known to be 0 and stops nothing).
 */
function creditsShown(cells: DisclosureCell[], relations: DisclosureRelation[], decisions: Decision[], creditRecovery: boolean[]): boolean[] {
  // Credits recovered count credit-recovery enrollments only: another program type's row holds 0.
  const known = (i: number) => !creditRecovery[i] || (cells[i].size === 0 && cells[i].numerators.every((k) => k === 0));
  const shown = decisions.map((d, i) => known(i) || (d.state === "shown" && d.coded.every((c) => c == null)));
  for (let changed = true; changed;) {
    changed = false;
    for (const r of relations) {
      const members = [r.parent, ...r.children];
      if (members.every((i) => shown[i])) continue;
      for (const i of members) {
        if (!shown[i] || known(i)) continue;
        shown[i] = false;
        changed = true;
      }
    }
  }
  return shown;
}

/**
 * One row as shown. Written out field by field: a spread of a two-field object followed by the
 * other fields cost ~16 µs a row in V8 (the city's district table: 6,015 rows, ~100 ms a request;
 * replayed on dumped tables, six publications 1.25–1.37 s with the spread, 0.63–0.79 s without).
 */
function tableRow(r: ProgramRow, d: ReturnType<typeof disclose>[number], creditsOpen: boolean): ProgramTableRow {
  if (d.state === "suppressed") {
    return {
      programType: r.programType,
      providerName: r.providerName,
      students: null,
      started: null,
      completed: null,
      passed: null,
      failed: null,
      withdrawn: null,
      active: null,
      ended: null,
      completionRate: null,
      coded: null,
      medianDaysToComplete: null,
      creditsRecovered: null,
      suppression: "suppressed",
    };
  }
  const coded = d.coded[0];
  const ended = r.passed + r.failed + r.withdrawn;
  const open = <T>(v: T) => (coded ? null : v);
  return {
    programType: r.programType,
    providerName: r.providerName,
    students: r.students,
    started: r.started,
    active: r.active,
    ended,
    completed: open(r.passed + r.failed),
    passed: open(r.passed),
    failed: open(r.failed),
    withdrawn: open(r.withdrawn),
    completionRate: open(percent(r.passed, ended)),
    coded,
    medianDaysToComplete: open(r.medianDays == null ? null : Math.round(r.medianDays * 10) / 10),
    creditsRecovered: creditsOpen ? open(Math.round(r.credits * 10) / 10) : null,
    suppression: coded ? "coded" : "none",
  };
}
