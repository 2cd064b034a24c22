import "server-only";
import { expressionBuilder, sql, type Expression, type SqlBool } from "kysely";
import type { StudentStatus } from "@/lib/generated/kysely/enums";
import type { SafeDB } from "@/lib/sql/db";
import { scopeKey, scopeSlots, scopeValues, studentInScope, type ScopeActor, type ScopeValues } from "./scope";

/**
 * The caseload's SQL-expressible filters (lib/students/schema.ts CaseloadParams, read by
 * lib/students/caseload.ts). `who`: the person whose scope applies (lib/access.ts studentScope),
 * or null for a job's read (the daily risk snapshot), which names its school instead.
 */
export type CaseloadFilter = {
  who: ScopeActor | null;
  only?: string[];
  school?: string;
  counselor?: string;
  status?: StudentStatus;
  grade?: number;
  cohort?: number;
  flags?: ("SPED" | "EL" | "LOW_INCOME")[];
  /** Search words: each starts a first name, last name or SIS id (case-insensitive). */
  words?: string[];
};

/** At most this many search words apply. */
const WORDS = 4;

/**
 * What of a filter decides its SQL text — which filters are set, how many words, the scope's shape
 * — as a prepared query's key (lib/sql/db.ts preparedQuery).
 */
export function caseloadFilterKey(f: CaseloadFilter): string {
  // The same tests as caseloadWhere's, in its order.
  return [
    f.who ? scopeKey(f.who) : "job",
    f.only ? "only" : "",
    f.school ? "school" : "",
    f.counselor ? "counselor" : "",
    f.status ? "status" : "",
    f.grade !== undefined ? "grade" : "",
    f.cohort !== undefined ? "cohort" : "",
    f.flags?.includes("SPED") ? "SPED" : "",
    f.flags?.includes("EL") ? "EL" : "",
    f.flags?.includes("LOW_INCOME") ? "LOW_INCOME" : "",
    `words${Math.min(WORDS, f.words?.length ?? 0)}`,
  ].join("|");
}

/** The values a filter puts in its SQL (a prepared query's placeholders): the search words as LIKE prefixes. */
export type CaseloadFilterValues = ScopeValues & {
  only: string[] | null;
  school: string | null;
  counselor: string | null;
  status: StudentStatus | null;
  grade: number | null;
  cohort: number | null;
  word0: string | null;
  word1: string | null;
  word2: string | null;
  word3: string | null;
};

export function caseloadFilterValues(f: CaseloadFilter): CaseloadFilterValues {
  // The LIKE wildcards in a word are matched literally.
  const prefix = (i: number) => {
    const w = f.words?.[i];
    return w === undefined ? null : `${w.replace(/[\\%_]/g, "\\$&")}%`;
  };
  return {
    ...(f.who ? scopeValues(f.who) : { userId: "", schoolId: null }),
    only: f.only ?? null,
    school: f.school || null,
    counselor: f.counselor || null,
    status: f.status ?? null,
    grade: f.grade ?? null,
    cohort: f.cohort ?? null,
    word0: prefix(0),
    word1: prefix(1),
    word2: prefix(2),
    word3: prefix(3),
  };
}

/**
 * The filter as a predicate over the student table aliased `s`: `f` says which filters apply, `v`
 * their values (in a prepared query, its placeholders; by default the filter's own).
 */
export function caseloadWhere(f: CaseloadFilter, v: CaseloadFilterValues = caseloadFilterValues(f)): Expression<SqlBool> {
  const eb = expressionBuilder<SafeDB & { s: SafeDB["Student"] }, "s">();
  const and: Expression<SqlBool>[] = [];
  if (f.who) and.push(studentInScope(scopeSlots(f.who, v)));
  if (f.only) and.push(sql<SqlBool>`${sql.ref("s.id")} = ANY(${v.only}::text[])`);
  if (f.school) and.push(eb("s.schoolId", "=", v.school!));
  if (f.counselor) and.push(eb("s.counselorId", "=", v.counselor!));
  if (f.status) and.push(eb("s.status", "=", sql<StudentStatus>`${v.status}::"StudentStatus"`));
  if (f.grade !== undefined) and.push(eb("s.gradeLevel", "=", v.grade!));
  if (f.cohort !== undefined) and.push(eb("s.cohortYear", "=", v.cohort!));
  if (f.flags?.includes("SPED")) and.push(eb.ref("s.specialEducation"));
  if (f.flags?.includes("EL")) and.push(eb.ref("s.englishLearner"));
  if (f.flags?.includes("LOW_INCOME")) and.push(eb.ref("s.lowIncome"));
  const words = [v.word0, v.word1, v.word2, v.word3].slice(0, Math.min(WORDS, f.words?.length ?? 0));
  for (const prefix of words) and.push(eb.or([eb("s.firstName", "ilike", prefix!), eb("s.lastName", "ilike", prefix!), eb("s.sisId", "ilike", prefix!)]));
  return eb.and(and);
}
