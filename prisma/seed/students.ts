// One generated student: demographics, risk, lifecycle (years and status events), transcript and
// early-warning inputs. Risk is drawn first and the rest conditioned on it, so attendance,
// suspensions, failures and dropping out go together in a subset of students, as they do in
// early-warning research (Balfanz's ABC indicators: attendance, behavior, course performance).
import type { Rng } from "./prng";
import { isoDay, schoolYearOf } from "@/lib/calendar";
import { dateOf, day, type Day } from "./calendar";
import { planLifecycle, type Lifecycle, type Tier } from "./lifecycle";
import { studentName } from "./names";
import { transcriptFor, type Failure, type TranscriptRow } from "./transcripts";

// Urban-district mix (Boston Public Schools high schools, rounded).
const RACE = {
  HISPANIC_LATINO: 42,
  BLACK_AFRICAN_AMERICAN: 29,
  WHITE: 15,
  ASIAN: 9,
  TWO_OR_MORE: 3,
  AMERICAN_INDIAN_ALASKA_NATIVE: 1,
  NATIVE_HAWAIIAN_PACIFIC_ISLANDER: 1,
} as const;
type Race = keyof typeof RACE;
const GENDER = { FEMALE: 49, MALE: 50, NON_BINARY: 1 } as const;
const TIER = { 0: 65, 1: 23, 2: 12 } as const;
// Flag rates by tier, chosen so the overall rates are ~70% low income, ~20% SPED, ~30% EL.
const LOW_INCOME: Record<Tier, number> = { 0: 0.62, 1: 0.8, 2: 0.9 };
const SPED: Record<Tier, number> = { 0: 0.14, 1: 0.28, 2: 0.38 };
const EL: Record<Tier, number> = { 0: 0.27, 1: 0.34, 2: 0.4 };

export interface StudentRecord {
  id: string;
  sisId: string;
  stateId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  birthDate: string;
  schoolIdx: number;
  cohortYear: number;
  firstNinthGradeYear: number;
  raceEthnicity: Race;
  gender: keyof typeof GENDER;
  englishLearner: boolean;
  specialEducation: boolean;
  lowIncome: boolean;
  attendanceRate: number;
  suspensions: number;
  coursesFailedThisYear: number;
  tier: Tier;
  ability: number;
  life: Lifecycle;
  transcript: TranscriptRow[];
  failures: Failure[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round2 = (x: number) => Math.round(x * 100) / 100;

export function generateStudent(
  rng: Rng,
  n: { index: number; cohort: number; schoolIdx: number; deceased: boolean; asOf: Day },
  ids: { student: () => string; transcript: () => string },
): StudentRecord {
  const tier = Number(rng.weighted(TIER)) as Tier;
  const raceEthnicity = rng.weighted(RACE);
  const gender = rng.weighted(GENDER);
  const name = studentName(rng, raceEthnicity, gender);
  const ability = rng.normal(0, 5);
  const life = planLifecycle(rng, n.cohort, tier, n.asOf, n.deceased);
  const id = ids.student();
  const sisId = String(1_000_000 + n.index * 16 + rng.int(0, 15));
  const { rows, failures } = transcriptFor(rng, { id, sisId, tier, ability, retainedIn: life.retainedIn, years: life.years }, n.asOf, ids.transcript);
  // Born in the year before 9th grade starts, a year earlier for some (retained before high school).
  const born = day(n.cohort - 19, 9, 1) + rng.int(0, 364) - (rng.chance(tier === 2 ? 0.2 : 0.05) ? 365 : 0);
  const sy = schoolYearOf(dateOf(n.asOf));
  const failedThisYear = failures.filter((f) => f.year === sy).length;
  const failedLastYear = failures.filter((f) => f.year === sy - 1).length;
  return {
    id,
    sisId,
    stateId: String(1_000_000_000 + n.index * 97 + rng.int(0, 96)),
    ...name,
    birthDate: isoDay(dateOf(born)),
    schoolIdx: n.schoolIdx,
    cohortYear: n.cohort,
    firstNinthGradeYear: n.cohort - 4,
    raceEthnicity,
    gender,
    englishLearner: rng.chance(EL[tier]),
    specialEducation: rng.chance(SPED[tier]),
    lowIncome: rng.chance(LOW_INCOME[tier]),
    attendanceRate: round2(
      tier === 0
        ? clamp(98.5 - Math.abs(rng.normal(0, 2.6)), 84, 100)
        : tier === 1
          ? clamp(94 - Math.abs(rng.normal(0, 5.5)), 72, 99.5)
          : clamp(87 - Math.abs(rng.normal(0, 10)), 45, 98),
    ),
    suspensions: tier === 0 ? (rng.chance(0.03) ? 1 : 0) : tier === 1 ? (rng.chance(0.15) ? rng.int(1, 2) : 0) : rng.chance(0.4) ? rng.int(1, 5) : 0,
    // Marks so far this year: the semester's F's once it has ended, else the failing-at-midterm
    // count the SIS reports, which tracks last year's failures.
    coursesFailedThisYear: failedThisYear || clamp(Math.round(failedLastYear * 0.6 + (tier === 2 ? rng.int(0, 2) : tier === 1 && rng.chance(0.25) ? 1 : 0)), 0, 6),
    tier,
    ability,
    life,
    transcript: rows,
    failures,
  };
}
