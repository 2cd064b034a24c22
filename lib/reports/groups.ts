// Student groups of the equity view (issue 4, seed 003): the 7 federal race/ethnicity categories,
// gender, students with disabilities (special education), English learners, low income, and all
// students. Group membership uses the student's current flags as recorded on the student.
import type { Gender, RaceEthnicity } from "@/lib/generated/prisma/enums";

export type Demographics = {
  raceEthnicity: RaceEthnicity;
  gender: Gender;
  specialEducation: boolean;
  englishLearner: boolean;
  lowIncome: boolean;
};

export type Dimension = "all" | "race" | "gender" | "sped" | "el" | "lowIncome";
export type Group = { key: string; label: string; dimension: Dimension; test: (s: Demographics) => boolean };

const RACES: [RaceEthnicity, string][] = [
  ["HISPANIC_LATINO", "Hispanic or Latino"],
  ["AMERICAN_INDIAN_ALASKA_NATIVE", "American Indian or Alaska Native"],
  ["ASIAN", "Asian"],
  ["BLACK_AFRICAN_AMERICAN", "Black or African American"],
  ["NATIVE_HAWAIIAN_PACIFIC_ISLANDER", "Native Hawaiian or Pacific Islander"],
  ["WHITE", "White"],
  ["TWO_OR_MORE", "Two or more races"],
];
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
