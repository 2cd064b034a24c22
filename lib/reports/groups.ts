// Student groups of the equity view (issue 4, seed 003): the 7 federal race/ethnicity categories,
// gender, race/ethnicity × gender (issue 18), students with disabilities (special education),
// English learners, low income — each of the three beside its complement — and all students. Race and gender are the student's as recorded; the three flag groups use windowFlags.
import type { Gender, RaceEthnicity } from "@/lib/generated/prisma/enums";
import { RACE_LABEL } from "@/lib/labels";

export type Demographics = {
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  specialEducation: boolean;
  englishLearner: boolean;
  lowIncome: boolean;
};

export type Dimension = "all" | "race" | "gender" | "raceGender" | "sped" | "el" | "lowIncome";
/**
 * `comparison`: the group a gap is measured against besides all students — a program flag's
 * complement (students with disabilities against students without, and back), so a gap is not
 * diluted by the group itself being part of "all students".
 */
export type Group = { key: string; label: string; dimension: Dimension; test: (s: Demographics) => boolean; comparison?: string };

const RACES = Object.entries(RACE_LABEL) as [RaceEthnicity, string][];
const GENDERS: [Gender, string][] = [
  ["FEMALE", "Female"],
  ["MALE", "Male"],
  ["NON_BINARY", "Non-binary"],
];

/** The three program and income flags, each with its complement (issue 18: the right comparison). */
const FLAGS_SHOWN: [Dimension, keyof Demographics, string, string, string, string][] = [
  ["sped", "specialEducation", "sped", "Students with disabilities", "notSped", "Students without disabilities"],
  ["el", "englishLearner", "el", "English learners", "notEl", "Not English learners"],
  ["lowIncome", "lowIncome", "lowIncome", "Low income", "notLowIncome", "Not low income"],
];

/**
 * Every group of the equity and access views, in the order they are listed: all students, the 7
 * race/ethnicity groups, gender, race/ethnicity × gender (issue 18: "Black male", "Hispanic or
 * Latino male" — the district's own study found their access to rigorous programs inequitable),
 * then each flag group beside its complement.
 */
export const GROUPS: Group[] = [
  { key: "all", label: "All students", dimension: "all", test: () => true },
  ...RACES.map(([r, label]): Group => ({ key: `race:${r}`, label, dimension: "race", test: (s) => s.raceEthnicity === r })),
  ...GENDERS.map(([g, label]): Group => ({ key: `gender:${g}`, label, dimension: "gender", test: (s) => s.gender === g })),
  ...RACES.flatMap(([r, race]) =>
    GENDERS.map(([g, gender]): Group => ({
      key: `raceGender:${r}:${g}`,
      label: `${race} ${gender.toLowerCase()}`,
      dimension: "raceGender",
      test: (s) => s.raceEthnicity === r && s.gender === g,
    })),
  ),
  ...FLAGS_SHOWN.flatMap(([dimension, flag, key, label, notKey, notLabel]): Group[] => [
    { key, label, dimension, test: (s) => s[flag] === true, comparison: notKey },
    { key: notKey, label: notLabel, dimension, test: (s) => s[flag] !== true, comparison: key },
  ]),
];

/** Each dimension's heading where the groups are listed. */
export const DIMENSION_LABEL: Record<Dimension, string> = {
  all: "All students",
  race: "Race/ethnicity",
  gender: "Gender",
  raceGender: "Race/ethnicity × gender",
  sped: "Disability",
  el: "English learners",
  lowIncome: "Income",
};

export const RACE_KEYS = RACES.map(([r]) => r);
export const GENDER_KEYS = GENDERS.map(([g]) => g);

export function groupByKey(key: string): Group | undefined {
  return GROUPS.find((g) => g.key === key);
}

export type FlagYear = { schoolYear: number; specialEducation: boolean | null; englishLearner: boolean | null; lowIncome: boolean | null };
const FLAGS = ["specialEducation", "englishLearner", "lowIncome"] as const;

/**
 * The flags of a student for a figure whose window is the school years `from`..`to` (the cohort's
 * high-school years for a graduation rate, the year itself for the annual figures): in the group if
 * flagged on the roll (StudentYear) in any year of the window — ED's ACGR guidance counts a student
 * in a subgroup by membership during the cohort period (DEFINITIONS.md Equity view) — and, when no
 * roll row of the window gives the flag, the student's current flag. sql.ts flagsOver restates it.
 */
export function windowFlags<S extends Demographics>(s: S, years: FlagYear[], from: number, to: number): S {
  const inWindow = years.filter((y) => y.schoolYear >= from && y.schoolYear <= to);
  const out = { ...s };
  for (const f of FLAGS) {
    const given = inWindow.map((y) => y[f]).filter((v): v is boolean => v != null);
    out[f] = given.length ? given.some(Boolean) : s[f];
  }
  return out;
}
