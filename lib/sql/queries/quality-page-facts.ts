import "server-only";
import { sql } from "kysely";
import type { ProgramType } from "@/lib/generated/kysely/enums";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery((v: { year: number }) =>
  sqlDb().selectNoFrom([
    sql<{ programType: ProgramType; minDaysEnrolled: number | null; minActiveMinutesPerCredit: number | null }[]>`(
      SELECT COALESCE(json_agg(json_build_object('programType', "programType", 'minDaysEnrolled', "minDaysEnrolled", 'minActiveMinutesPerCredit', "minActiveMinutesPerCredit") ORDER BY "programType"), '[]')
      FROM "RigorPolicy")`.as("rules"),
    sql<number>`(SELECT count(*)::int FROM "OnlineCourse" WHERE "minDaysEnrolled" IS NOT NULL OR "minActiveMinutesPerCredit" IS NOT NULL)`.as("courseRules"),
    sql<boolean>`EXISTS (SELECT FROM "CourseSequence")`.as("sequence"),
    sql<boolean>`EXISTS (SELECT FROM "StateTestResult")`.as("stateTests"),
    // Cost as text: numeric(12, 2), exact (Number() where it is divided).
    sql<{ providerId: string; cost: string }[]>`(
      SELECT COALESCE(json_agg(json_build_object('providerId', "providerId", 'cost', cost::text) ORDER BY "providerId"), '[]')
      FROM "ProviderContract" WHERE "schoolYear" = ${v.year})`.as("contracts"),
    sql<{ id: string; name: string }[]>`(SELECT COALESCE(json_agg(json_build_object('id', id, 'name', name) ORDER BY id), '[]') FROM "Provider")`.as("providers"),
    sql<{ id: string; title: string; providerId: string }[]>`(
      SELECT COALESCE(json_agg(json_build_object('id', id, 'title', title, 'providerId', "providerId") ORDER BY id), '[]')
      FROM "OnlineCourse")`.as("courses"),
  ]),
);

/**
 * What the program quality page says beside its figures, in one statement: the rigor policy's
 * day and time minimums per program type, how many courses set their own, whether a course
 * sequence and state test results are loaded, the year's provider contracts (cost per credit),
 * and the providers' and courses' names. Prepared: every quality page request.
 */
export async function qualityPageFacts(year: number) {
  return (await query({ year }, undefined)).rows[0]!;
}
