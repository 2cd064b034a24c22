// Unique test data through Prisma, for integration tests. Each call makes new rows; nothing is shared.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import type { Prisma, Role, SubjectArea, ProgramType } from "@/lib/generated/prisma/client";

const uid = () => randomBytes(5).toString("hex");

export async function makeSchool(over: Partial<Prisma.SchoolUncheckedCreateInput> = {}) {
  return db().school.create({ data: { name: `School ${uid()}`, stateCode: uid(), ...over } });
}

export async function makeUser(role: Role, schoolId: string | null, over: Partial<Prisma.UserUncheckedCreateInput> = {}) {
  return db().user.create({ data: { name: `User ${uid()}`, email: `${uid()}@test.example`, role, schoolId, ...over } });
}

export function viewerOf(u: { id: string; name: string; email: string; role: Role; schoolId: string | null }): Viewer {
  return { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: u.schoolId };
}

export async function makeStudent(schoolId: string, counselorId: string | null, over: Partial<Prisma.StudentUncheckedCreateInput> = {}) {
  const id = uid();
  return db().student.create({
    data: {
      sisId: `S${id}`,
      firstName: "Test",
      lastName: `Student${id}`,
      birthDate: new Date("2009-05-01"),
      schoolId,
      counselorId,
      gradeLevel: 10,
      cohortYear: 2028,
      raceEthnicity: "HISPANIC_LATINO",
      gender: "FEMALE",
      ...over,
    },
  });
}

/** A catalog course with `formative` formative and `summative` summative assessments (max 100 each). */
export async function makeCourse(
  opts: { subjectArea?: SubjectArea; programType?: ProgramType; credits?: number; masteryThreshold?: number; expectedWeeks?: number; formative?: number; summative?: number } = {},
) {
  const provider = await db().provider.upsert({ where: { code: "TESTPROV" }, create: { code: "TESTPROV", name: "Test Provider" }, update: {} });
  const f = opts.formative ?? 2;
  const s = opts.summative ?? 1;
  const n = f + s;
  return db().onlineCourse.create({
    data: {
      providerId: provider.id,
      providerCourseCode: `C${uid()}`,
      title: `Course ${uid()}`,
      subjectArea: opts.subjectArea ?? "MATHEMATICS",
      programType: opts.programType ?? "CREDIT_RECOVERY",
      credits: opts.credits ?? 1,
      masteryThreshold: opts.masteryThreshold ?? 70,
      expectedWeeks: opts.expectedWeeks ?? 10,
      assessments: {
        create: Array.from({ length: n }, (_, i) => ({
          position: i + 1,
          title: i < f ? `Quiz ${i + 1}` : `Exam ${i - f + 1}`,
          kind: i < f ? ("FORMATIVE" as const) : ("SUMMATIVE" as const),
          weight: 100 / n,
          maxScore: 100,
        })),
      },
    },
    include: { assessments: { orderBy: { position: "asc" } } },
  });
}
