// A student's path through high school: entry, retention, exit and re-entry events, drawn in full
// and then cut at the as-of date, so past cohorts show 4- and 5-year outcomes and current cohorts
// show what has happened so far. Outcome shares by risk tier are calibrated so the district lands
// near MA-like urban figures: ~68% regular diploma in 4 years, ~4% in the 5th year, ~10% dropouts.
import type { Rng } from "./prng";
import { schoolYearOf } from "@/lib/calendar";
import { dateOf, day, type Day, oct1, schoolEnd, schoolStart } from "./calendar";

export type Tier = 0 | 1 | 2; // low, medium, high risk
export type EventKind = "ENTERED" | "GRADUATED" | "DROPPED_OUT" | "TRANSFERRED_OUT" | "EMIGRATED" | "DECEASED" | "REENGAGED" | "EARNED_EQUIVALENCY";
export type Status = "ENROLLED" | "GRADUATED" | "DROPPED_OUT" | "TRANSFERRED_OUT" | "EMIGRATED" | "DECEASED";

export interface LifeEvent {
  kind: EventKind;
  date: Day;
  grade: number;
  transferIn?: boolean;
  documented?: boolean;
  credential?: "REGULAR_DIPLOMA" | "CERTIFICATE";
  reason?: string;
}
export interface LifeYear {
  year: number;
  grade: number;
  enrolledOct1: boolean;
  /** Enrolled from..to within this school year (to = the as-of date while still enrolled). */
  from: Day;
  to: Day;
}
export interface Lifecycle {
  entryGrade: number;
  retainedIn: number | null;
  events: LifeEvent[];
  years: LifeYear[];
  status: Status;
  statusDate: Day;
  gradeLevel: number;
}

type Outcome = "GRAD4" | "GRAD5" | "DROP" | "TRANSFER" | "EMIGRATE" | "GED" | "CERT" | "STILL";

// Shares by tier (65% / 23% / 12% of students). Overall: GRAD4 67.7%, GRAD5 4.0%, DROP 9.6%,
// TRANSFER 11.1%, EMIGRATE 1.4%, GED 1.5%, CERT 1.8%, STILL (in a 5th year, then leaves) 2.9%.
const OUTCOMES: Record<Tier, Record<Outcome, number>> = {
  0: { GRAD4: 0.82, GRAD5: 0.02, DROP: 0.02, TRANSFER: 0.11, EMIGRATE: 0.015, GED: 0.002, CERT: 0.008, STILL: 0.005 },
  1: { GRAD4: 0.52, GRAD5: 0.08, DROP: 0.14, TRANSFER: 0.12, EMIGRATE: 0.015, GED: 0.03, CERT: 0.035, STILL: 0.06 },
  2: { GRAD4: 0.2, GRAD5: 0.07, DROP: 0.42, TRANSFER: 0.1, EMIGRATE: 0.01, GED: 0.06, CERT: 0.04, STILL: 0.1 },
};

const DROP_REASONS = [
  "Employment",
  "Lost interest in school",
  "Parenting responsibilities",
  "Over age, unlikely to graduate",
  "Family obligations",
  "Did not return after extended absence",
];
const TRANSFER_REASONS = ["Transferred to another MA public school", "Moved out of state", "Transferred to a private school", "Transferred to a charter school", "Homeschooling"];

/** Student.status is the latest state of the event history (a GED is an exit without a diploma). */
export function statusAfter(kind: EventKind): Status {
  switch (kind) {
    case "ENTERED":
    case "REENGAGED":
      return "ENROLLED";
    case "EARNED_EQUIVALENCY":
      return "DROPPED_OUT";
    default:
      return kind;
  }
}

const isSummer = (d: Day) => {
  const m = new Date(d * 86_400_000).getUTCMonth();
  return m === 6 || m === 7;
};

export function planLifecycle(rng: Rng, cohort: number, tier: Tier, asOf: Day, deceased: boolean): Lifecycle {
  const sy = schoolYearOf(dateOf(asOf));
  const transferIn = rng.chance(0.08);
  const entryGrade = transferIn ? (rng.chance(0.6) ? 10 : 11) : 9;
  const entryYear = cohort - 4 + (entryGrade - 9);
  const outcome: Outcome | "DECEASED" = deceased ? "DECEASED" : rng.weighted(OUTCOMES[tier]);
  const retainedIn = !transferIn && ["GRAD5", "STILL", "DROP", "GED"].includes(outcome) && rng.chance(0.35) ? entryYear + rng.int(0, 1) : null;
  const gradeIn = (y: number) => Math.min(12, entryGrade + (y - entryYear) - (retainedIn !== null && y > retainedIn ? 1 : 0));
  const firstYearOf = (g: number) => {
    for (let y = entryYear; y <= cohort; y++) if (gradeIn(y) >= g) return y;
    return cohort;
  };
  // Entry never lies after the as-of date: a summer as-of date sees the coming year's roster.
  const entryDate = Math.min(transferIn ? schoolStart(entryYear) + rng.int(0, 150) : schoolStart(entryYear) - rng.int(0, 2), asOf);
  const after = (d: Day, min = 14) => Math.max(d, entryDate + min);
  const duringYear = (y: number) => after(schoolStart(y) + rng.int(10, 270));
  const exitYear = () => rng.int(entryYear, cohort - 1);

  const events: LifeEvent[] = [{ kind: "ENTERED", date: entryDate, grade: entryGrade, transferIn }];
  const push = (e: Omit<LifeEvent, "grade">) => events.push({ ...e, grade: 0 });
  const grad5Date = () =>
    rng.weighted({ jan: 0.35, jun: 0.5, aug: 0.15 }) === "jan"
      ? day(cohort + 1, 1, rng.int(20, 31))
      : rng.chance(0.77)
        ? day(cohort + 1, 6, rng.int(4, 12))
        : day(cohort + 1, 8, rng.int(5, 20));
  const dropout = (date: Day) => push({ kind: "DROPPED_OUT", date, reason: rng.pick(DROP_REASONS) });

  switch (outcome) {
    case "GRAD4":
      push({ kind: "GRADUATED", date: rng.chance(0.05) ? day(cohort, 8, rng.int(5, 20)) : day(cohort, 6, rng.int(4, 12)), credential: "REGULAR_DIPLOMA" });
      break;
    case "GRAD5":
      push({ kind: "GRADUATED", date: grad5Date(), credential: "REGULAR_DIPLOMA" });
      break;
    case "CERT":
      push({ kind: "GRADUATED", date: rng.chance(0.7) ? day(cohort, 6, rng.int(4, 12)) : day(cohort + 1, 6, rng.int(4, 12)), credential: "CERTIFICATE" });
      break;
    case "DROP": {
      const g = Number(rng.weighted({ 9: 0.15, 10: 0.25, 11: 0.3, 12: 0.3 }));
      const y = firstYearOf(Math.max(g, entryGrade));
      // A few leave in early September and are back before October 1 (not counted as dropouts).
      const quick = y > entryYear && rng.chance(0.1);
      const date = quick ? day(y, 9, rng.int(5, 12)) : duringYear(y);
      dropout(date);
      const back = quick ? day(y, 9, rng.int(20, 29)) : date + rng.int(60, 300);
      if ((quick || rng.chance(0.25)) && back < schoolEnd(cohort) - 30) {
        push({ kind: "REENGAGED", date: back });
        const grad = grad5Date();
        if (rng.chance(0.55) && grad > back + 60) push({ kind: "GRADUATED", date: grad, credential: "REGULAR_DIPLOMA" });
        else if (rng.chance(0.6)) dropout(Math.min(back + rng.int(40, 200), schoolEnd(cohort)));
        else dropout(day(cohort + 1, 6, rng.int(20, 28)));
      }
      break;
    }
    case "TRANSFER": {
      const documented = rng.chance(0.88);
      push({ kind: "TRANSFERRED_OUT", date: duringYear(exitYear()), documented, reason: documented ? rng.pick(TRANSFER_REASONS) : "Moved; no records request received" });
      break;
    }
    case "EMIGRATE":
      push({ kind: "EMIGRATED", date: duringYear(exitYear()), reason: "Moved out of the country" });
      break;
    case "GED": {
      const date = duringYear(firstYearOf(rng.chance(0.5) ? 11 : 12));
      dropout(date);
      push({ kind: "EARNED_EQUIVALENCY", date: date + rng.int(90, 300), reason: rng.chance(0.7) ? "HiSET" : "GED" });
      break;
    }
    case "STILL":
      // Still enrolled after four years; leaves without a diploma at the end of the fifth.
      dropout(day(cohort + 1, 6, rng.int(20, 28)));
      break;
    case "DECEASED":
      push({ kind: "DECEASED", date: duringYear(firstYearOf(rng.int(10, 11))) });
      break;
  }

  const kept = events.filter((e) => e.date <= asOf);
  for (const e of kept) {
    if (e.kind === "ENTERED") continue;
    const y = schoolYearOf(dateOf(e.date)) - (isSummer(e.date) && e.kind !== "REENGAGED" ? 1 : 0);
    e.grade = gradeIn(Math.max(entryYear, Math.min(y, cohort)));
  }
  // Enrolled intervals: from ENTERED/REENGAGED to the next exit; summer exits close the year before.
  const spans: [Day, Day][] = [];
  let open: Day | null = null;
  for (const e of kept) {
    if (statusAfter(e.kind) === "ENROLLED") open ??= e.date;
    else if (open !== null) {
      spans.push([open, isSummer(e.date) ? day(schoolYearOf(dateOf(e.date)), 6, 30) : e.date]);
      open = null;
    }
  }
  if (open !== null) spans.push([open, asOf]);
  const years: LifeYear[] = [];
  for (let y = entryYear; y <= Math.min(sy, cohort); y++) {
    const lo = day(y, 7, 1);
    const hi = Math.min(schoolEnd(y), asOf);
    const hits = spans.filter(([a, b]) => a <= hi && b >= lo && a <= b);
    if (hits.length === 0) continue;
    const from = Math.max(lo, hits[0][0]);
    const to = Math.min(hi, hits[hits.length - 1][1]);
    const enrolledOct1 = spans.some(([a, b]) => a <= oct1(y) && (b > oct1(y) || (b === asOf && open !== null)));
    years.push({ year: y, grade: gradeIn(y), enrolledOct1, from, to });
  }
  const last = kept[kept.length - 1];
  const status = statusAfter(last.kind);
  return {
    entryGrade,
    retainedIn,
    events: kept,
    years,
    status,
    statusDate: last.date,
    gradeLevel: status === "ENROLLED" ? gradeIn(Math.min(sy, cohort)) : last.grade,
  };
}
