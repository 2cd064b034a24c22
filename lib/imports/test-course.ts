// Test setup shared by the provider-result imports' tests (progress, its field cases, the
// gradebook, column mappings): the OneRoster 1.1 fixture's students, and the catalog's Apex
// "Algebra I (Credit Recovery)" course ALG1-CR with its three assessments.
import { db } from "@/lib/db";
import { runImport } from "@/lib/imports/run";
import { fixture } from "@/lib/imports/test-helpers";

export async function rosterAndAlgebraCourse(): Promise<{ courseId: string; providerId: string }> {
  await runImport(null, "oneroster", fixture("oneroster-1.1"), { asOf: new Date("2025-10-01T12:00:00Z") });
  const provider = await db().provider.create({ data: { code: "APEX", name: "Apex Learning" } });
  const course = await db().onlineCourse.create({
    data: {
      providerId: provider.id,
      providerCourseCode: "ALG1-CR",
      title: "Algebra I (Credit Recovery)",
      subjectArea: "MATHEMATICS",
      programType: "CREDIT_RECOVERY",
      credits: 1,
      masteryThreshold: 70,
      expectedWeeks: 12,
      assessments: {
        create: [
          { position: 1, title: "Unit 1 Quiz", kind: "FORMATIVE", weight: 25, maxScore: 100 },
          { position: 2, title: "Unit 2 Quiz", kind: "FORMATIVE", weight: 25, maxScore: 100 },
          { position: 3, title: "Final Exam", kind: "SUMMATIVE", weight: 50, maxScore: 100 },
        ],
      },
    },
  });
  return { courseId: course.id, providerId: provider.id };
}

/** An ACTIVE enrollment of the student with this SIS id in the course, from 2025-09-29. */
export async function enrollIn(courseId: string, sisId: string): Promise<string> {
  const s = await db().student.findUniqueOrThrow({ where: { sisId } });
  return (await db().enrollment.create({ data: { studentId: s.id, courseId, startDate: new Date("2025-09-29"), targetDate: new Date("2025-12-22") } })).id;
}
