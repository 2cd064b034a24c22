import { describe, expect, it } from "vitest";
import { graduationAudit, type SubjectArea } from "./credits";
import { projectGraduation } from "./graduation";
import { earnedCourses, planNextSteps } from "./plan";

const REQS: { subjectArea: SubjectArea; credits: number }[] = [
  { subjectArea: "ENGLISH", credits: 4 },
  { subjectArea: "MATHEMATICS", credits: 4 },
];
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const t = (id: string, courseTitle: string, subjectArea: SubjectArea, schoolYear: number, creditsEarned: number, enrollmentId: string | null = null) => ({
  id,
  courseCode: id,
  courseTitle,
  subjectArea,
  schoolYear,
  term: "FY",
  grade: creditsEarned > 0 ? "B" : "F",
  creditsEarned,
  enrollmentId,
});

describe("the plan's lists", () => {
  it("lists the courses that earned credit, online credit recovered today included, oldest year first", () => {
    const rows = [
      t("a", "Geometry", "MATHEMATICS", 2025, 1),
      t("b", "Algebra I", "MATHEMATICS", 2024, 0),
      t("c", "Algebra I (Credit Recovery)", "MATHEMATICS", 2026, 1, "enr"),
      t("d", "English 9", "ENGLISH", 2024, 1),
    ];
    expect(earnedCourses(rows).map((r) => r.id)).toEqual(["d", "a", "c"]);
  });

  it("next steps: finish courses in progress, recover failed courses, earn what is still needed, and what it takes to graduate with the class", () => {
    // Grade 10, class of 2029, in 2026-27: English 2 earned, Mathematics 1 in progress, 1 elective.
    const audit = graduationAudit(
      REQS,
      22,
      [
        { subjectArea: "ENGLISH", creditsEarned: 2 },
        { subjectArea: "ELECTIVE", creditsEarned: 1 },
      ],
      [{ subjectArea: "MATHEMATICS", credits: 1 }],
    );
    const projection = projectGraduation({
      status: "ENROLLED",
      cohortYear: 2029,
      creditsNeeded: audit.total.stillNeededAfterInProgress,
      diplomaCredits: 22,
      asOf: day("2026-10-01"),
    });
    expect(projection.label).toBe("Not on track to graduate with the class of 2029 — earliest 2030 at a full-time load");
    const steps = planNextSteps({
      audit,
      projection,
      cohortYear: 2029,
      active: [{ title: "Algebra I (Credit Recovery)", credits: 1, targetDate: day("2026-12-18"), behindPace: true, progress: 20, expected: 45 }],
      toRecover: [{ courseTitle: "Biology", schoolYear: 2025, subjectArea: "SCIENCE" }],
      formatDay: (d) => d.toISOString().slice(0, 10),
    });
    expect(steps).toEqual([
      "Finish Algebra I (Credit Recovery) (1 credit) by 2026-12-18 (behind pace: 20% done, 45% expected by now).",
      "Recover Biology (failed in 2025–26) in a credit-recovery course: its credit counts toward Science.",
      "Earn what the requirements still need after the courses in progress: 2 credits of English; 3 credits of Mathematics; 13 credits of Electives / any subject.",
      // 18 still needed after the course in progress; 3 years × 5.5 = 16.5 → 1.5 beyond.
      "To graduate with the class of 2029, earn 1.5 credits beyond a full-time schedule (summer or extra courses): plan them with the counselor.",
    ]);
  });
});
