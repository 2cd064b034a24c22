// Student groups of the equity view (issue 4, seed 003): the 7 federal race/ethnicity categories,
// gender, students with disabilities (special education), English learners, low income, and all
// students. Race and gender are the student's as recorded; the three flag groups use windowFlags.
import type { Gender, RaceEthnicity } from "@/lib/generated/prisma/enums";
import { RACE_LABEL } from "@/lib/labels";

export type Demographics = {
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  specialEducation: boolean;
  englishLearner: boolean;
  lowIncome: boolean;
};

export type Dimension = "all" | "race" | "gender" | "sped" | "el" | "lowIncome";
export type Group = { key: string; label: string; dimension: Dimension; test: (s: Demographics) => boolean };

const RACES = Object.entries(RACE_LABEL) as [RaceEthnicity, string][];
const GENDERS: [Gender, string][] = [
  ["FEMALE", "Female"],
  ["MALE", "Male"],
  ["NON_BINARY", "Non-binary"],
];

export const GROUPS: Group[] = [
  { key: "all", label: "All students", dimension: "all", test: () => true },
  ...RACES.map(([r, label]): Group => ({ key: `race:${r}`, label, dimension: "race", test: (s) => s.raceEthnicity === r })),
  ...GENDERS.map(([g, label]): Group => ({ key: `gender:${g}`, label, dimension: "gender", test: (s) => s.gender === g })),
  { key: "sped", label: "Students with disabilities", dimension: "sped", test: (s) => s.specialEducation },
  { key: "el", label: "English learners", dimension: "el", test: (s) => s.englishLearner },
  { key: "lowIncome", label: "Low income", dimension: "lowIncome", test: (s) => s.lowIncome },
];

/** Race and gender groups partition all students; the flag groups are shown without their complement. */
export const EXHAUSTIVE: Record<Dimension, boolean> = { all: false, race: true, gender: true, sped: false, el: false, lowIncome: false };

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
