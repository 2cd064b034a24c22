// A small district for the report integration tests, made through Prisma with a fixed PRNG: two
// schools, classes of 2024–2026, every kind of status history the definitions distinguish,
// October 1 rolls and online enrollments. Shapes follow the hand-computed cases of acgr.test.ts.
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent } from "@/lib/test/factory";
import type { Prisma } from "@/lib/generated/prisma/client";
import { schoolYearOf } from "@/lib/calendar";

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Ev = Omit<Prisma.StatusEventUncheckedCreateInput, "studentId" | "schoolId">;
const d = (iso: string) => new Date(iso);

/** Status histories for a class of `c` (first 9th-grade year c − 4). */
function histories(c: number): Ev[][] {
  const y9 = c - 4;
  const enter: Ev = { kind: "ENTERED", effectiveDate: d(`${y9}-09-01`), gradeLevel: 9, transferIn: false };
  return [
    [enter, { kind: "GRADUATED", effectiveDate: d(`${c}-06-10`), credential: "REGULAR_DIPLOMA", gradeLevel: 12 }],
    [enter, { kind: "GRADUATED", effectiveDate: d(`${c}-08-20`), credential: "REGULAR_DIPLOMA", gradeLevel: 12 }],
    [
      { kind: "ENTERED", effectiveDate: d(`${c - 2}-11-15`), gradeLevel: 11, transferIn: true },
      { kind: "GRADUATED", effectiveDate: d(`${c}-06-10`), credential: "REGULAR_DIPLOMA", gradeLevel: 12 },
    ],
    [enter, { kind: "TRANSFERRED_OUT", effectiveDate: d(`${c - 2}-01-10`), documented: true, gradeLevel: 10 }],
    [enter, { kind: "TRANSFERRED_OUT", effectiveDate: d(`${c - 2}-01-10`), documented: false, gradeLevel: 10 }],
    [
      enter,
      { kind: "DROPPED_OUT", effectiveDate: d(`${c - 1}-03-01`), gradeLevel: 11 },
      { kind: "REENGAGED", effectiveDate: d(`${c}-09-05`), gradeLevel: 12 },
      { kind: "GRADUATED", effectiveDate: d(`${c + 1}-06-12`), credential: "REGULAR_DIPLOMA", gradeLevel: 12 },
    ],
    [enter, { kind: "GRADUATED", effectiveDate: d(`${c + 1}-06-12`), credential: "REGULAR_DIPLOMA", gradeLevel: 12 }],
    [enter, { kind: "DECEASED", effectiveDate: d(`${c - 3}-05-02`), gradeLevel: 9 }],
    [enter, { kind: "EMIGRATED", effectiveDate: d(`${c - 1}-07-02`), gradeLevel: 11 }],
    [enter, { kind: "DROPPED_OUT", effectiveDate: d(`${c - 2}-10-01`), gradeLevel: 10 }, { kind: "EARNED_EQUIVALENCY", effectiveDate: d(`${c - 1}-04-01`) }],
    [enter, { kind: "GRADUATED", effectiveDate: d(`${c}-06-10`), credential: "CERTIFICATE", gradeLevel: 12 }],
    [enter, { kind: "DROPPED_OUT", effectiveDate: d(`${c - 1}-02-01`), gradeLevel: 11 }, { kind: "REENGAGED", effectiveDate: d(`${c - 1}-09-08`), gradeLevel: 12 }],
    [enter, { kind: "DROPPED_OUT", effectiveDate: d(`${c - 1}-02-01`), gradeLevel: 11 }],
    [enter],
    [{ kind: "ENTERED", effectiveDate: d(`${c}-10-01`), gradeLevel: 12, transferIn: true }],
    // Histories without an `entered` row: in the cohort from 9th grade (DEFINITIONS.md §3).
    [{ kind: "GRADUATED", effectiveDate: d(`${c + 1}-06-12`), credential: "REGULAR_DIPLOMA", gradeLevel: 12 }],
    [{ kind: "DROPPED_OUT", effectiveDate: d(`${c - 1}-02-01`), gradeLevel: 11 }],
  ];
}

const RACES = ["HISPANIC_LATINO", "BLACK_AFRICAN_AMERICAN", "WHITE", "ASIAN", "TWO_OR_MORE", "AMERICAN_INDIAN_ALASKA_NATIVE"] as const;
const GENDERS = ["FEMALE", "MALE", "NON_BINARY"] as const;

export async function makeWorld(seed = 42) {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const schools = [await makeSchool({ name: "Alpha High" }), await makeSchool({ name: "Beta High" })];
  const cr = await makeCourse({ programType: "CREDIT_RECOVERY" });
  const oc = await makeCourse({ programType: "ORIGINAL_CREDIT" });
  for (const c of [2024, 2025, 2026]) {
    const hs = histories(c);
    for (let i = 0; i < 60; i++) {
      const school = schools[i % 2 === 0 || rnd() < 0.2 ? 0 : 1];
      const h = hs[Math.floor(rnd() * hs.length)];
      const s = await makeStudent(school.id, null, {
        cohortYear: c,
        gradeLevel: 12,
        raceEthnicity: rnd() < 0.5 ? "HISPANIC_LATINO" : pick(RACES),
        gender: rnd() < 0.04 ? "NON_BINARY" : pick(GENDERS.slice(0, 2)),
        specialEducation: rnd() < 0.2,
        englishLearner: rnd() < 0.15,
        lowIncome: rnd() < 0.6,
      });
      // A within-district move for a few students: events at the other school, current school here.
      const evSchool = rnd() < 0.1 ? schools[1 - schools.indexOf(school)] : school;
      await db().statusEvent.createMany({ data: h.map((e, k) => ({ ...e, studentId: s.id, schoolId: evSchool.id, createdAt: new Date(Date.UTC(2020, 0, 1, 0, 0, k)) })) });
      // October 1 rolls: grades 9–12 while enrolled (approximation good enough for the test), from
      // the year of the entry — or, for some, from 9th grade though the entry is recorded later
      // (the earlier of the two is when they joined).
      const entry = h[0].kind === "ENTERED" && rnd() < 0.7 ? schoolYearOf(h[0].effectiveDate as Date) : c - 4;
      for (let y = Math.max(c - 4, entry); y < c; y++) {
        if (rnd() < 0.9) await db().studentYear.create({ data: { studentId: s.id, schoolYear: y, schoolId: school.id, gradeLevel: 12 - (c - 1 - y), enrolledOct1: rnd() < 0.95 } });
      }
      // Online enrollments in the school year before graduation.
      const n = Math.floor(rnd() * 3);
      for (let k = 0; k < n; k++) {
        const course = rnd() < 0.7 ? cr : oc;
        const start = d(`${c - 1}-${pick(["07-10", "09-15", "01-20", "04-02"])}`);
        const status = pick(k === 0 ? (["COMPLETED", "COMPLETED", "FAILED", "WITHDRAWN", "ACTIVE"] as const) : (["COMPLETED", "FAILED", "WITHDRAWN"] as const));
        const endedOn = status === "ACTIVE" ? null : new Date(start.getTime() + Math.floor(20 + rnd() * 120) * 86_400_000);
        await db().enrollment.create({
          data: {
            studentId: s.id,
            courseId: course.id,
            startDate: start,
            targetDate: new Date(start.getTime() + 70 * 86_400_000),
            status,
            endedOn,
            creditAwarded: status === "COMPLETED" ? 1 : null,
          },
        });
      }
    }
  }
  return { schools };
}
