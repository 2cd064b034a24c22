import "server-only";
import { emptyCounts, type Counts, type ErrorList } from "@/lib/imports/report";
import { assessmentSetProblems } from "@/lib/catalog/rules";
import { diffCourse, type CourseDiff, type CourseWrite, type StoredCourse } from "@/lib/catalog/write";
import { COURSE_COLUMNS, type CatalogRow } from "@/lib/imports/catalog/schema";

// Catalog rows → providers and courses to create or update. A course is one unit: its rows must
// agree on the course's columns, its assessments must form a valid set (lib/catalog/rules.ts),
// and any invalid row leaves the whole course out (with --partial the other courses are written).
// Courses absent from the file are left as they are (retire one with active = no).

type Row = { file: string; line: number; r: CatalogRow };
export type CatalogState = {
  providers: Map<string, { id: string; name: string; staleAfterDays: number | null }>; // code → provider
  courses: Map<string, StoredCourse>; // providerId|providerCourseCode → course
};
export type CoursePlan =
  | { op: "create"; providerCode: string; course: Omit<CourseWrite, "providerId"> }
  | { op: "update"; providerCode: string; stored: StoredCourse; course: Omit<CourseWrite, "providerId">; diff: CourseDiff };
export type CatalogPlan = {
  /** id null = create; staleAfterDays undefined = not in the file, left as it is. */
  providers: { code: string; name: string; staleAfterDays: number | null | undefined; id: string | null }[];
  courses: CoursePlan[];
  counts: Counts;
};

const courseValue = (r: CatalogRow, c: (typeof COURSE_COLUMNS)[number]) => JSON.stringify(r[c]);

/** Key of a course in the file: provider code + course code as written. */
export const courseKey = (providerCode: string, courseCode: string) => `${providerCode.trim()}\u0000${courseCode.trim()}`;

/** `invalid`: keys of courses with a row that failed its own checks (already reported). */
export function planCatalog(rows: Row[], st: CatalogState, errors: ErrorList, invalid: Set<string>): CatalogPlan {
  const counts = emptyCounts("providers", "courses", "versions", "assessments");
  const groups = new Map<string, Row[]>();
  const providerFirst = new Map<string, Row>();
  const bad = new Set<string>(invalid); // course keys with an invalid row
  for (const x of rows) {
    const k = courseKey(x.r.provider_code, x.r.course_code);
    groups.set(k, [...(groups.get(k) ?? []), x]);
    const p = providerFirst.get(x.r.provider_code);
    if (!p) providerFirst.set(x.r.provider_code, x);
    else if (p.r.provider_name !== x.r.provider_name) {
      errors.add({
        file: x.file,
        line: x.line,
        column: "provider_name",
        value: x.r.provider_name,
        message: `differs from line ${p.line}, where provider ${x.r.provider_code} is "${p.r.provider_name}": a provider has one name`,
      });
      bad.add(k);
    } else if (p.r.stale_after_days !== x.r.stale_after_days) {
      errors.add({
        file: x.file,
        line: x.line,
        column: "stale_after_days",
        value: String(x.r.stale_after_days ?? ""),
        message: `differs from line ${p.line}, where provider ${x.r.provider_code} has "${p.r.stale_after_days ?? ""}": a provider has one number of days`,
      });
      bad.add(k);
    }
  }

  const plan: CatalogPlan = { providers: [], courses: [], counts };
  const providersUsed = new Set<string>();
  for (const [k, list] of groups) {
    const first = list[0]!;
    if (invalid.has(k)) {
      // A row of this course failed its own checks: the set is incomplete, so it is not judged.
      counts.courses!.skipped++;
      continue;
    }
    for (const x of list.slice(1)) {
      for (const c of COURSE_COLUMNS) {
        if (courseValue(x.r, c) !== courseValue(first.r, c)) {
          errors.add({
            file: x.file,
            line: x.line,
            column: c,
            value: String(x.r[c]),
            message: `differs from line ${first.line}, the first row of course ${first.r.provider_code} ${first.r.course_code}: a course's columns must be the same on each of its rows`,
          });
          bad.add(k);
        }
      }
    }
    const set = list.map((x) => ({ position: x.r.assessment_position, title: x.r.assessment_title, kind: x.r.assessment_kind, maxScore: x.r.max_score, weight: x.r.weight }));
    for (const p of assessmentSetProblems(set)) {
      const at = p.index === null ? first : list[p.index]!;
      const column = p.field === "position" ? "assessment_position" : p.field === "kind" ? "assessment_kind" : p.field === "weight" ? "weight" : null;
      errors.add({
        file: at.file,
        line: at.line,
        column,
        value: p.field === "position" ? String(at.r.assessment_position) : null,
        message: `course ${first.r.provider_code} ${first.r.course_code}: ${p.message}`,
      });
      bad.add(k);
    }
    if (bad.has(k)) {
      counts.courses!.skipped++;
      continue;
    }
    const r = first.r;
    const course: Omit<CourseWrite, "providerId"> = {
      providerCourseCode: r.course_code,
      title: r.title,
      subjectArea: r.subject_area,
      programType: r.program_type,
      credits: r.credits,
      expectedWeeks: r.expected_weeks,
      masteryThreshold: r.mastery_threshold,
      passingGrade: r.passing_grade,
      recovers: r.recovers,
      active: r.active,
      assessments: [...set].sort((a, b) => a.position - b.position),
    };
    providersUsed.add(r.provider_code);
    const provider = st.providers.get(r.provider_code);
    const stored = provider ? st.courses.get(`${provider.id}|${r.course_code}`) : undefined;
    if (!stored) {
      plan.courses.push({ op: "create", providerCode: r.provider_code, course });
      counts.courses!.created++;
      counts.assessments!.created += course.assessments.length;
      continue;
    }
    const diff = diffCourse(stored, { ...course, providerId: stored.providerId });
    if (diff.fields.length === 0 && diff.set === "same") {
      counts.courses!.unchanged++;
      counts.assessments!.unchanged += course.assessments.length;
      continue;
    }
    plan.courses.push({ op: "update", providerCode: r.provider_code, stored, course, diff });
    counts.courses!.updated++;
    if (diff.set === "grading") {
      counts.versions!.created++;
      counts.assessments!.created += course.assessments.length;
    } else {
      const renamed = diff.set === "titles" ? course.assessments.filter((a) => stored.assessments.find((s) => s.position === a.position)?.title !== a.title).length : 0;
      counts.assessments!.updated += renamed;
      counts.assessments!.unchanged += course.assessments.length - renamed;
    }
  }
  for (const k of invalid) if (!groups.has(k)) counts.courses!.skipped++;
  for (const code of providersUsed) {
    const { provider_name: name, stale_after_days: staleAfterDays } = providerFirst.get(code)!.r;
    const p = st.providers.get(code);
    const changed = p && (p.name !== name || (staleAfterDays !== undefined && p.staleAfterDays !== staleAfterDays));
    if (!p) counts.providers!.created++;
    else if (changed) counts.providers!.updated++;
    else counts.providers!.unchanged++;
    if (!p || changed) plan.providers.push({ code, name, staleAfterDays, id: p?.id ?? null });
  }
  return plan;
}
