import { REQUIRED_PROGRESS } from "@/lib/imports/progress/schema";
import { REQUIRED_CATALOG } from "@/lib/imports/catalog/schema";

// Files that are not OneRoster but are given to the OneRoster import: the other formats an SIS
// exports beside it, and CreditTrack's own. Told by their file names and headers, so the answer
// names what the files are and what to do, instead of a list of missing columns.
//   - Microsoft School Data Sync "classic" CSV: School.csv, Section.csv, Student.csv, Teacher.csv,
//     StudentEnrollment.csv, TeacherRoster.csv, keyed by "SIS ID" columns.
//   - Microsoft School Data Sync v2.1 CSV (learn.microsoft.com/schooldatasync/sds-v2.1-csv-file-format):
//     OneRoster-like file names, but users.csv has username / activeDirectoryMatchId and no enabledUser.
//   - Clever's SIS CSV: schools.csv, students.csv, teachers.csv, sections.csv, enrollments.csv with
//     School_id / Student_id columns.
//   - A OneRoster 1.2 gradebook set (lineItems.csv and results.csv, no orgs.csv: the rule the
//     landing folder's detection uses, lib/imports/detect.ts): provider results, not a roster. It
//     may carry users.csv, classes.csv and courses.csv for its references, which the roster import
//     would otherwise read as a roster of those users alone.

/** headers: file name (as given) → header names. Returns what the set looks like, or null. */
export function lookAlike(headers: Map<string, string[]>): string | null {
  const byName = new Map([...headers].map(([n, h]) => [n.toLowerCase(), new Set(h.map((c) => c.trim().toLowerCase()))]));
  const any = (pred: (cols: Set<string>) => boolean) => [...byName.values()].some(pred);
  const users = byName.get("users.csv");
  if (["studentenrollment.csv", "teacherroster.csv", "section.csv", "school.csv"].some((n) => byName.has(n)) || any((c) => c.has("sis id"))) {
    return 'Microsoft School Data Sync "classic" CSV (School.csv, Student.csv, Section.csv … with "SIS ID" columns), not OneRoster. Export the OneRoster 1.1 or 1.2 CSV from your SIS instead.';
  }
  if (users && !users.has("enableduser") && (users.has("activedirectorymatchid") || users.has("username"))) {
    return "Microsoft School Data Sync v2.1 CSV (users.csv has username/activeDirectoryMatchId and no enabledUser), not OneRoster. Export the OneRoster 1.1 or 1.2 CSV from your SIS instead.";
  }
  if (any((c) => c.has("student_id") && c.has("school_id") && !c.has("course_code"))) {
    return "Clever's SIS CSV (School_id and Student_id columns), not OneRoster. Export the OneRoster 1.1 or 1.2 CSV from your SIS instead.";
  }
  if (byName.has("lineitems.csv") && byName.has("results.csv") && !byName.has("orgs.csv")) {
    return 'a OneRoster 1.2 gradebook set (lineItems.csv and results.csv: provider results), not a roster: import it as "OneRoster gradebook" (npm run import -- gradebook).';
  }
  if (users || byName.has("orgs.csv")) return null;
  if (any((c) => REQUIRED_PROGRESS.every((r) => c.has(r))))
    return 'CreditTrack\'s provider progress file, not OneRoster: import it as "Provider progress" (npm run import -- progress).';
  if (any((c) => REQUIRED_CATALOG.every((r) => c.has(r.toLowerCase()))))
    return 'CreditTrack\'s course catalog file, not OneRoster: import it as "Catalog" (npm run import -- catalog).';
  if (any((c) => c.has("sis_id"))) return 'CreditTrack\'s district extract (a sis_id column), not OneRoster: import it as "District student extract" (npm run import -- students).';
  return null;
}
