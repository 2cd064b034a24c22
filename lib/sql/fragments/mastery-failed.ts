import "server-only";
import { expressionBuilder, sql, type SqlBool } from "kysely";
import type { SafeDB } from "@/lib/sql/db";

type Over = SafeDB & { e: SafeDB["Enrollment"]; c: SafeDB["OnlineCourse"] };

/**
 * "Mastery failed", a risk input (lib/students/rules.ts riskFor): a summative assessment of the
 * enrollment's course version whose best score so far is below the course's mastery threshold
 * (percent of the assessment's maximum; an assessment not yet taken has not failed). The ONE
 * definition: the caseload (lib/sql/queries/caseload-active-enrollments.ts) and the student page
 * (lib/sql/queries/student-enrollments.ts) both select it, so they cannot disagree;
 * lib/students/credits.seed.int.test.ts compares their risk for every student of the demo district.
 * Over the enrollment aliased `e` and its course aliased `c` (fixed aliases of the calling query).
 */
export function masteryFailed() {
  const eb = expressionBuilder<Over, "e" | "c">();
  return eb
    .exists(
      eb
        .selectFrom("CourseAssessment as a")
        .select(sql.lit(1).as("one"))
        .whereRef("a.courseId", "=", "e.courseId")
        .whereRef("a.version", "=", "e.courseVersion")
        .where("a.kind", "=", sql.lit("SUMMATIVE"))
        .where((ea) => {
          const best = ea
            .selectFrom("AssessmentResult as r")
            .select((r) => r.fn.max("r.score").as("best"))
            .whereRef("r.enrollmentId", "=", "e.id")
            .whereRef("r.assessmentId", "=", "a.id");
          return sql<SqlBool>`${best} * 100 / ${sql.ref("a.maxScore")} < ${sql.ref("c.masteryThreshold")}`;
        }),
    )
    .$castTo<boolean>();
}
