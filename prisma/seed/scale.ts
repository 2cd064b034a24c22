// The seed sizes differ in parameters only: schools and their cohort sizes, how many online
// enrollments, how many practice attempts, how many deceased students and notes.
// - demo: three schools, ~1,700 students (the README's demo district);
// - district: 60,000 students in 30 schools (Boston's size), the bench's and the load test's data;
// - city: 300,000 students in 400 schools (New York City's high schools, issue 19), with the
//   district's distributions: five times the students, enrollments and results.
import { DEMO_SCHOOLS } from "./demo-logins";

export interface SchoolSpec {
  name: string;
  stateCode: string;
  /** Students per cohort for the classes still in school (SY+1…SY+4) and for past classes. */
  currentCohort: number;
  pastCohort: number;
}

export type ScaleName = "demo" | "district" | "city";
export const SCALE_NAMES: readonly ScaleName[] = ["demo", "district", "city"];

export interface Scale {
  name: ScaleName;
  seed: number;
  schools: SchoolSpec[];
  /** Counselors per school: fixed (demo) or one per ~200 enrolled students, at least 3. */
  counselorsPerSchool: number | "auto";
  /** The first counselor of the first school carries exactly this many enrolled students. */
  largestCaseload: number;
  deceased: number;
  /** Online enrollments in all (null: `onlinePerStudentYear` per weighted student-year). */
  onlineTarget: number | null;
  onlinePerStudentYear: number;
  /** Extra quiz attempts allowed (practice), which drives results per enrollment. */
  practice: number;
  notesPerEnrolled: number;
}

export const DEMO: Scale = {
  name: "demo",
  seed: 20240901,
  schools: [
    { ...DEMO_SCHOOLS[0], currentCohort: 118, pastCohort: 52 },
    { ...DEMO_SCHOOLS[1], currentCohort: 76, pastCohort: 38 },
    { ...DEMO_SCHOOLS[2], currentCohort: 74, pastCohort: 38 },
  ],
  counselorsPerSchool: 3,
  largestCaseload: 250,
  deceased: 2,
  onlineTarget: null,
  onlinePerStudentYear: 0.3,
  practice: 1,
  notesPerEnrolled: 0.12,
};

const DISTRICT_NAMES = [
  "Dorchester Heights",
  "Mission Hill",
  "Blue Hill Avenue",
  "Fenway Collegiate",
  "Charlestown Navy Yard",
  "Jamaica Pond",
  "Hyde Park Regional",
  "Roslindale Square",
  "West Roxbury",
  "Brighton Landing",
  "Allston Crossing",
  "East Boston Harbor",
  "Mattapan Valley",
  "South End Technical",
  "Back Bay Arts",
  "Chinatown Gateway",
  "Columbia Point",
  "Neponset River",
  "Forest Hills",
  "Egleston Square",
  "Codman Square",
  "Fields Corner",
  "Savin Hill",
  "Orient Heights",
  "Union Square",
  "Bunker Hill",
  "Longwood Sciences",
];

/**
 * `count` schools of uneven sizes sharing `perCohort` students per cohort (the same weights at every
 * size: 0.6–1.6 of the mean). The first three are the demo schools, so the printed sign-ins work.
 */
function schoolsOf(count: number, perCohort: number): SchoolSpec[] {
  const weights = Array.from({ length: count }, (_, i) => 0.6 + ((i * 37) % 29) / 28);
  const total = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((perCohort * w) / total));
  sizes[0] += perCohort - sizes.reduce((a, b) => a + b, 0);
  return sizes.map((size, i) => {
    const place = DISTRICT_NAMES[(i - 3) % DISTRICT_NAMES.length];
    const round = Math.floor((i - 3) / DISTRICT_NAMES.length);
    const base = i < 3 ? DEMO_SCHOOLS[i] : { name: `${place} High School${round ? ` ${round + 1}` : ""}`, stateCode: `00351${String(i).padStart(3, "0")}` };
    return { ...base, currentCohort: size, pastCohort: size };
  });
}

export const DISTRICT: Scale = {
  name: "district",
  seed: 20240902,
  // 60,000 students over 30 schools and 10 cohorts: 6,000 per cohort.
  schools: schoolsOf(30, 6000),
  counselorsPerSchool: "auto",
  largestCaseload: 250,
  deceased: 30,
  onlineTarget: 250_000,
  onlinePerStudentYear: 0,
  practice: 3,
  notesPerEnrolled: 0.25,
};

/** Issue 19's largest district: 300,000 students over 400 schools (30,000 per cohort), 1,250,000
 * online enrollments and about 13.2 million assessment results (the district's ~10.5 per enrollment). */
export const CITY: Scale = {
  ...DISTRICT,
  name: "city",
  seed: 20240903,
  schools: schoolsOf(400, 30_000),
  deceased: 150,
  onlineTarget: 1_250_000,
};

export const SCALES: Record<ScaleName, Scale> = { demo: DEMO, district: DISTRICT, city: CITY };
