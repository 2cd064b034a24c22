import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeCourse, makeSchool, makeStudent, makeUser } from "@/lib/test/factory";
import { runImport } from "@/lib/imports/run";
import { writeTemp } from "@/lib/imports/test-helpers";

// A provider's export as a spreadsheet re-saves it: headers in another case, and older Excel's
// Windows-1252 encoding. Every column is read under any case (not only the required ones), and the
// note about the encoding reaches the report.

useTestDatabase();

async function enrolled() {
  const school = await makeSchool();
  const counselor = await makeUser("COUNSELOR", school.id);
  const student = await makeStudent(school.id, counselor.id);
  const course = await makeCourse({ formative: 2, summative: 1 });
  const enrollment = await db().enrollment.create({ data: { studentId: student.id, courseId: course.id, startDate: new Date("2026-09-01"), targetDate: new Date("2026-11-10") } });
  return { student, course, enrollment };
}

describe("a provider progress file with its header in another case", () => {
  it("reads every column, the optional ones too (Enrollment_ID, Attempt)", async () => {
    const { student, course, enrollment } = await enrolled();
    const file = writeTemp(
      "progress.csv",
      "Provider,Student_ID,Course_Code,Enrollment_ID,Assessment,Score,Max_Score,Date,Attempt,Course_Status,Final_Grade\n" +
        `TESTPROV,${student.sisId},${course.providerCourseCode},TP-1,1,80,100,2026-09-20,2,,\n`,
    );
    const r = await runImport(null, "progress", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.results).toMatchObject({ created: 1 });
    const e = await db().enrollment.findUniqueOrThrow({ where: { id: enrollment.id }, include: { results: true } });
    expect(e.sourceKey).toBe("provider:TESTPROV:TP-1");
    expect(e.results.map((x) => x.attempt)).toEqual([2]);
  });

  it("reports a file read as Windows-1252 with a warning", async () => {
    const { student, course } = await enrolled();
    const text =
      "PROVIDER,STUDENT_ID,COURSE_CODE,ASSESSMENT,SCORE,MAX_SCORE,DATE,Note\n" + `TESTPROV,${student.sisId},${course.providerCourseCode},1,80,100,2026-09-20,caf\u00e9\n`;
    const file = writeTemp("progress.csv", "");
    fs.writeFileSync(file, Buffer.from(text, "latin1")); // é as the single byte 0xE9
    const r = await runImport(null, "progress", file);
    expect(r.errors).toEqual([]);
    expect(r.counts.results).toMatchObject({ created: 1 });
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]!.message).toMatch(/Windows-1252/);
  });
});
