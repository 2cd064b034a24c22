// SIS transcript rows for the school years a student finished (and the first semester of the
// current year once it has ended). Marks follow the student's risk tier and ability, so failures
// (F, no credit) concentrate in at-risk students and in the year they were retained.
import type { Rng } from "./prng";
import { schoolEnd, semesterOneEnd, type Day } from "./calendar";
import { SIS_SEQUENCE, type Subject } from "./catalog";
import type { LifeYear, Tier } from "./lifecycle";

export interface TranscriptRow {
  id: string;
  studentId: string;
  courseCode: string;
  courseTitle: string;
  subjectArea: Subject;
  schoolYear: number;
  term: string;
  grade: string;
  creditsAttempted: number;
  creditsEarned: number;
  enrollmentId: string | null;
  sourceKey: string;
}

/** A failed course a credit-recovery enrollment may replace. */
export interface Failure {
  id: string;
  /** The SIS course code, which recovery courses name in their `recovers` (catalog.ts). */
  code: string;
  subject: Subject;
  year: number;
  /** The day the mark was final (end of the year or semester). */
  final: Day;
}

const MEAN_BY_TIER: Record<Tier, number> = { 0: 86, 1: 76, 2: 66 };
const SD_BY_TIER: Record<Tier, number> = { 0: 8, 1: 10, 2: 14 };

/** Letter grade for a percent on the usual 4-point cut scores (60 passes). */
export function letterFor(pct: number): string {
  const cuts: [number, string][] = [
    [93, "A"],
    [90, "A-"],
    [87, "B+"],
    [83, "B"],
    [80, "B-"],
    [77, "C+"],
    [73, "C"],
    [70, "C-"],
    [67, "D+"],
    [63, "D"],
    [60, "D-"],
  ];
  for (const [cut, letter] of cuts) if (pct >= cut) return letter;
  return "F";
}

export function transcriptFor(
  rng: Rng,
  s: { id: string; sisId: string; tier: Tier; ability: number; retainedIn: number | null; years: LifeYear[] },
  asOf: Day,
  nextId: () => string,
): { rows: TranscriptRow[]; failures: Failure[] } {
  const rows: TranscriptRow[] = [];
  const failures: Failure[] = [];
  for (const y of s.years) {
    const yearDone = y.to >= schoolEnd(y.year) - 7 && schoolEnd(y.year) <= asOf;
    const s1Done = y.from <= semesterOneEnd(y.year) - 60 && y.to >= semesterOneEnd(y.year) && semesterOneEnd(y.year) <= asOf;
    if (!yearDone && !s1Done) continue;
    const mean = MEAN_BY_TIER[s.tier] + s.ability - (s.retainedIn === y.year ? 14 : 0);
    for (const options of SIS_SEQUENCE[y.grade]) {
      const course = options.length > 1 ? rng.pick(options) : options[0];
      const final = course.term === "S1" ? semesterOneEnd(y.year) : schoolEnd(y.year);
      if (course.term === "S1" ? !s1Done : !yearDone) continue;
      const pct = Math.round(Math.min(100, rng.normal(mean, SD_BY_TIER[s.tier])));
      const grade = letterFor(pct);
      const id = nextId();
      rows.push({
        id,
        studentId: s.id,
        courseCode: course.code,
        courseTitle: course.title,
        subjectArea: course.subject,
        schoolYear: y.year,
        term: course.term,
        grade,
        creditsAttempted: course.credits,
        creditsEarned: grade === "F" ? 0 : course.credits,
        enrollmentId: null,
        sourceKey: `sis:${s.sisId}:${y.year}:${course.code}:${course.term}`,
      });
      if (grade === "F") failures.push({ id, code: course.code, subject: course.subject, year: y.year, final });
    }
  }
  return { rows, failures };
}
