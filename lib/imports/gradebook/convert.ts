import "server-only";
import { ErrorList, ImportFileError, type RowError } from "@/lib/imports/report";
import type { ProgressInputRow } from "@/lib/imports/progress";
import type { GradebookSet, LineItemRec, ResultRec } from "@/lib/imports/gradebook/read";

// A gradebook's fully graded results → rows of the provider progress import (§3), so that they are
// matched to enrollments, checked and written by the same plan (lib/imports/progress/plan.ts):
//   result.lineItemSourcedId → lineItem: its title is the assessment (title or position number), its
//     resultValueMin..resultValueMax the score's scale;
//   lineItem.classSourcedId → class → its course's courses.csv courseCode, else its classCode: the
//     provider's course code in the catalog; the provider is manifest.csv source.systemCode, else the
//     one provider whose catalog has that code;
//   result.studentSourcedId → users.csv identifier (the SIS id), else the student the roster imported
//     with that sourcedId.
// A result is the student's one current score on the lineItem (OneRoster keeps one per student and
// lineItem): it is attempt 1, so a changed score or date updates it instead of adding an attempt.

export type Catalog = {
  /** Provider codes. */
  providers: string[];
  /** providerCourseCode → the codes of the providers whose catalog has it. */
  courses: Map<string, string[]>;
};
export type KnownStudents = { sisIds: Set<string>; bySourcedId: Map<string, string> };
type Origin = { result: ResultRec; lineItem: LineItemRec; sisId: string; courseCode: string };

export function gradebookRows(set: GradebookSet, catalog: Catalog, students: KnownStudents, errors: ErrorList): { rows: ProgressInputRow[]; planErrors: ErrorList } {
  const provider = set.systemCode ? providerOf(set.systemCode, catalog) : null;
  const courseOf = new Map<string, { provider: string; code: string } | null>(); // lineItem sourcedId → course, null = refused
  const lineItemError = (li: LineItemRec, column: string, value: string, message: string) => errors.add({ file: "lineItems.csv", line: li.line, column, value, message });

  function resolve(id: string, li: LineItemRec): { provider: string; code: string } | null {
    if (courseOf.has(id)) return courseOf.get(id)!;
    let found: { provider: string; code: string } | null = null;
    const cls = set.classes.get(li.classSourcedId)!;
    const codes = [set.courses.get(cls.courseSourcedId) ?? "", cls.classCode].filter(Boolean);
    if (li.max === null) {
      lineItemError(li, "resultValueMax", "", "resultValueMax is empty: a fully graded score cannot be scaled to the assessment's maximum score");
    } else {
      let ambiguous = false;
      for (const code of codes) {
        const owners = (catalog.courses.get(code) ?? []).filter((p) => provider === null || p === provider);
        if (owners.length > 1) {
          lineItemError(
            li,
            "classSourcedId",
            li.classSourcedId,
            `course code "${code}" of class "${li.classSourcedId}" is in the catalog of ${owners.join(" and ")}: name the provider in manifest.csv (source.systemCode)`,
          );
          ambiguous = true;
          break;
        }
        if (owners.length === 1) {
          found = { provider: owners[0]!, code };
          break;
        }
      }
      const tried = codes.length ? codes.map((c) => `"${c}"`).join(" or ") : "no code (classCode and the course's courseCode are empty)";
      if (!found && !ambiguous) {
        lineItemError(
          li,
          "classSourcedId",
          li.classSourcedId,
          `class "${li.classSourcedId}" (classes.csv line ${cls.line}) has ${tried}: ${provider ? `provider ${provider} has no such course` : "no provider has such a course"} in the catalog`,
        );
      }
    }
    courseOf.set(id, found);
    return found;
  }

  const rows: ProgressInputRow[] = [];
  const origins = new Map<number, Origin>();
  for (const res of set.results) {
    const li = set.lineItems.get(res.lineItem)!;
    const course = resolve(res.lineItem, li);
    if (!course) continue; // reported once, on the lineItem
    const err = (column: string, value: string, message: string) => errors.add({ file: "results.csv", line: res.line, column, value, message });
    const user = set.users.get(res.student);
    const sisId = user?.identifier || students.bySourcedId.get(res.student);
    if (!sisId) {
      err(
        "studentSourcedId",
        res.student,
        user
          ? `users.csv line ${user.line} has no identifier (the student's SIS id), and no student in CreditTrack has sourcedId "${res.student}"`
          : `Unknown studentSourcedId: no ${set.hasUsers ? "users.csv row or " : ""}student in CreditTrack has sourcedId "${res.student}"`,
      );
      continue;
    }
    if (!students.sisIds.has(sisId)) {
      err("studentSourcedId", res.student, `no student has SIS id "${sisId}" (the identifier on users.csv line ${user!.line})`);
      continue;
    }
    const max = li.max!;
    if (res.score < li.min || res.score > max) {
      err("score", String(res.score), `score is outside the lineItem's scale ${li.min}–${max} (resultValueMin–resultValueMax, lineItems.csv line ${li.line})`);
      continue;
    }
    origins.set(res.line, { result: res, lineItem: li, sisId, courseCode: course.code });
    rows.push({
      file: "results.csv",
      line: res.line,
      r: {
        provider: course.provider,
        student_id: sisId,
        course_code: course.code,
        enrollment_id: "",
        assessment: li.title,
        score: res.score - li.min,
        max_score: max - li.min,
        date: res.date,
        attempt: 1,
        course_status: null,
        final_grade: null,
        // OneRoster results say nothing about proctoring: not stated.
        proctored: null,
      },
    });
  }
  return { rows, planErrors: new GradebookErrors(errors, origins) };
}

function providerOf(code: { value: string; line: number }, catalog: Catalog): string {
  const p = catalog.providers.find((x) => x.toLowerCase() === code.value.toLowerCase());
  if (p) return p;
  throw new ImportFileError([
    {
      file: "manifest.csv",
      line: code.line,
      column: "value",
      value: code.value,
      message: `source.systemCode "${code.value}" is not a provider in the catalog (${catalog.providers.join(", ") || "none yet: import the catalog first"})`,
    },
  ]);
}

/**
 * The progress plan's errors, said in the gradebook's terms: on the results.csv line and column the
 * problem comes from, or — an assessment the lineItem's title does not name — once on the lineItem.
 */
class GradebookErrors extends ErrorList {
  private said = new Set<string>();
  constructor(
    private into: ErrorList,
    private origins: Map<number, Origin>,
  ) {
    super();
  }
  override add(e: RowError): void {
    const o = this.origins.get(e.line);
    if (!o) return this.into.add(e);
    const { result, lineItem, sisId, courseCode } = o;
    const at = { file: "results.csv", line: result.line };
    if (e.column === "assessment") {
      const key = `${lineItem.line}|${e.message}`;
      if (this.said.has(key)) return;
      this.said.add(key);
      return this.into.add({
        file: "lineItems.csv",
        line: lineItem.line,
        column: "title",
        value: lineItem.title,
        message: `${e.message} (the lineItem's title is the assessment's title or position); its fully graded results are not recorded`,
      });
    }
    if (e.column === "attempt") {
      return this.into.add({
        ...at,
        column: "lineItemSourcedId",
        value: result.lineItem,
        message: "a second fully graded result for this student and lineItem, with another score or scoreDate (OneRoster keeps one result per student and lineItem)",
      });
    }
    if (e.column === "course_code" || e.column === "student_id") {
      return this.into.add({ ...at, column: "studentSourcedId", value: result.student, message: `student ${sisId}, course ${courseCode}: ${e.message}` });
    }
    this.into.add({ ...e, ...at });
  }
}
