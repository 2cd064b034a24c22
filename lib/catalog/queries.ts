import "server-only";
import { db } from "@/lib/db";
import { assertLookupId, NotFoundError, type Viewer, can } from "@/lib/access";
import type { AssessmentKind } from "@/lib/generated/prisma/enums";
import { passingGradeInForce } from "@/lib/enrollments/passing-grade";
import { courseFieldsOf } from "./write";
import { yearLabel } from "@/lib/calendar";

// Reads of the catalog for the Catalog page (every staff member reads it; enrollment counts are
// district-wide, so only district administrators get them: lib/access.ts POLICY "catalog.manage").

export type AssessmentView = { id: string; position: number; title: string; kind: AssessmentKind; maxScore: number; weight: number };
export type Counts = { active: number; total: number; activeOnOlder: number } | null;

/** The district's passing grade in force for a course without its own (lib/enrollments/passing-grade.ts). */
const districtPassing = () => passingGradeInForce({ passingGrade: null });

async function enrollmentCounts(courseIds: string[]) {
  const rows = await db().enrollment.groupBy({ by: ["courseId", "courseVersion", "status"], where: { courseId: { in: courseIds } }, _count: { _all: true } });
  return rows;
}

export async function listCatalog(viewer: Viewer) {
  const manage = can(viewer, "catalog.manage");
  const [providers, passingGrade] = await Promise.all([
    db().provider.findMany({
      orderBy: [{ name: "asc" }, { code: "asc" }],
      include: {
        // What the district pays each provider (ProviderContract): district administrators only,
        // like the enrollment counts.
        contracts: manage ? { orderBy: { schoolYear: "desc" } } : false,
        courses: {
          orderBy: [{ active: "desc" }, { title: "asc" }, { providerCourseCode: "asc" }],
          include: { assessments: { select: { version: true, kind: true } } },
        },
      },
    }),
    districtPassing(),
  ]);
  const counts = manage ? await enrollmentCounts(providers.flatMap((p) => p.courses.map((c) => c.id))) : null;
  return {
    passingGrade,
    manage,
    providers: providers.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      contracts: manage ? p.contracts.map((k) => ({ schoolYear: k.schoolYear, year: yearLabel(k.schoolYear), cost: k.cost.toFixed(2), note: k.note })) : null,
      courses: p.courses.map((c) => {
        const current = c.assessments.filter((a) => a.version === c.currentVersion);
        const mine = counts?.filter((r) => r.courseId === c.id) ?? [];
        return {
          id: c.id,
          code: c.providerCourseCode,
          ...courseFieldsOf(c),
          assessments: current.length,
          summative: current.filter((a) => a.kind === "SUMMATIVE").length,
          counts: counts
            ? {
                active: sum(mine.filter((r) => r.status === "ACTIVE")),
                total: sum(mine),
                activeOnOlder: sum(mine.filter((r) => r.status === "ACTIVE" && r.courseVersion !== c.currentVersion)),
              }
            : null,
        };
      }),
    })),
  };
}
const sum = (rows: { _count: { _all: number } }[]) => rows.reduce((n, r) => n + r._count._all, 0);

export type CatalogList = Awaited<ReturnType<typeof listCatalog>>;

export async function getCatalogCourse(viewer: Viewer, id: string) {
  assertLookupId(id, "Course");
  const c = await db().onlineCourse.findUnique({ where: { id }, include: { provider: true, assessments: { orderBy: [{ version: "desc" }, { position: "asc" }] } } });
  if (!c) throw new NotFoundError("Course", id);
  const manage = can(viewer, "catalog.manage");
  const counts = manage ? await enrollmentCounts([c.id]) : [];
  const versions = [...new Set(c.assessments.map((a) => a.version))]
    .sort((a, b) => b - a)
    .map((v) => {
      const rows = counts.filter((r) => r.courseVersion === v);
      return {
        version: v,
        current: v === c.currentVersion,
        assessments: c.assessments
          .filter((a) => a.version === v)
          .map((a): AssessmentView => ({ id: a.id, position: a.position, title: a.title, kind: a.kind, maxScore: Number(a.maxScore), weight: Number(a.weight) })),
        counts: manage ? { active: sum(rows.filter((r) => r.status === "ACTIVE")), total: sum(rows) } : null,
      };
    });
  return {
    manage,
    passingGradeDistrict: await districtPassing(),
    course: {
      id: c.id,
      providerId: c.providerId,
      provider: { code: c.provider.code, name: c.provider.name },
      code: c.providerCourseCode,
      ...courseFieldsOf(c),
    },
    versions,
    enrollments: manage ? sum(counts) : null,
    activeOnOlder: manage ? sum(counts.filter((r) => r.status === "ACTIVE" && r.courseVersion !== c.currentVersion)) : null,
  };
}
export type CatalogCourse = Awaited<ReturnType<typeof getCatalogCourse>>;

/** Providers for the course form's select. */
export async function listProviders() {
  return db().provider.findMany({ orderBy: [{ name: "asc" }], select: { id: true, code: true, name: true } });
}
