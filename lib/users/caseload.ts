import "server-only";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

// One caseload size for every page that shows one (the Users page, the early-warning page): the
// students on a counselor's caseload who are currently enrolled (status ENROLLED) at the
// counselor's own school. Graduates, dropouts and transfers out stay on the caseload for their
// history but are not counted; a student at another school than the counselor's counts as that
// school's "No counselor assigned". lib/users/caseload.int.test.ts checks both pages agree.

export const CASELOAD_COUNTS = "Caseload: students currently enrolled at the counselor's school who are on their caseload (graduates, dropouts and transfers out are not counted).";

const CURRENT: Prisma.StudentWhereInput = { status: "ENROLLED", counselorId: { not: null } };

export type CaseloadCount = { counselorId: string; schoolId: string; students: number };

/** Currently enrolled students per counselor and school, optionally for one school only. */
export async function enrolledCaseloadCounts(where: { schoolId?: string } = {}): Promise<CaseloadCount[]> {
  const rows = await db().student.groupBy({
    by: ["counselorId", "schoolId"],
    where: { ...CURRENT, ...(where.schoolId ? { schoolId: where.schoolId } : {}) },
    _count: { _all: true },
  });
  return rows.map((r) => ({ counselorId: r.counselorId!, schoolId: r.schoolId, students: r._count._all }));
}

/** A counselor's count among `counts`: their students at their own school (0 for anyone else). */
export function caseloadOf(counts: CaseloadCount[], user: { id: string; schoolId: string | null }): number {
  return counts.find((c) => c.counselorId === user.id && c.schoolId === user.schoolId)?.students ?? 0;
}

/** Students currently enrolled at a school, with or without a counselor (the early-warning page's total). */
export async function enrolledAtSchool(schoolId: string): Promise<number> {
  return db().student.count({ where: { schoolId, status: "ENROLLED" } });
}
