import "server-only";
import { db } from "@/lib/db";
import { csvLine } from "@/lib/exports/csv";
import { CATALOG_COLUMNS } from "@/lib/imports/catalog/schema";
import { enumWord } from "./rules";

// The catalog as the `catalog` import reads it (lib/imports/FORMATS.md §4): one line per
// assessment of each course's current version, course columns repeated. Importing the download
// back changes nothing (lib/catalog/catalog.int.test.ts). No student data: any staff member may
// download it, as they may read the Catalog page.

export async function* catalogCsv(): AsyncGenerator<string> {
  yield csvLine([...CATALOG_COLUMNS]);
  const courses = await db().onlineCourse.findMany({
    orderBy: [{ provider: { code: "asc" } }, { providerCourseCode: "asc" }],
    include: { provider: { select: { code: true, name: true, staleAfterDays: true } }, assessments: { orderBy: [{ version: "asc" }, { position: "asc" }] } },
  });
  let chunk = "";
  for (const c of courses) {
    const head = [
      c.provider.code,
      c.provider.name,
      c.providerCourseCode,
      c.title,
      enumWord(c.subjectArea),
      Number(c.credits),
      enumWord(c.programType),
      c.expectedWeeks,
      c.masteryThreshold,
      c.passingGrade,
      c.recovers.join(";"),
      c.active,
    ];
    for (const a of c.assessments.filter((x) => x.version === c.currentVersion)) {
      chunk += csvLine([...head, a.position, a.title, enumWord(a.kind), Number(a.maxScore), Number(a.weight), c.provider.staleAfterDays]);
    }
  }
  yield chunk;
}
