import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery(() =>
  sqlDb()
    .selectFrom("RigorPolicy as r")
    .select([
      "r.programType",
      "r.minDaysEnrolled",
      "r.minActiveMinutesPerCredit",
      "r.requireProctoredSummative",
      "r.maxAttemptsPerAssessment",
      "r.maxConcurrentPerStudent",
      "r.priorityGrades",
      "r.priorityNote",
      "r.mode",
    ])
    .orderBy("r.programType"),
);

/** Every program type's rigor policy that is set (lib/enrollments/rigor-policy.ts rigorPolicies). Prepared: every student page view. */
export async function rigorPolicyRows() {
  return (await query({}, undefined)).rows;
}
