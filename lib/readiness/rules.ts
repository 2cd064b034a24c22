// The readiness checklist (issue #12): each check, from counts, as a plain sentence with the page or
// file that fixes it. Pure, so the words and thresholds are unit-tested without a database.
import { yearLabel as formatSchoolYear } from "@/lib/calendar";

export type ReadinessFacts = {
  /** The district's calendar day (UTC midnight). */
  today: Date;
  /** The school year (start year) `today` falls in. */
  schoolYear: number;
  schools: { id: string; name: string; students: number; statusEvents: number }[];
  /** Schools with October 1 roll rows (StudentYear), by school year. */
  rollSchools: Record<number, string[]>;
  activeCourses: number;
  coursesWithoutAssessments: number;
  studentsWithoutCounselor: number;
  /** Active staff with no password (they can sign in only through single sign-on). */
  staffWithoutPassword: number;
  singleSignOn: boolean;
  /** Subject areas with a credit requirement. */
  requirements: number;
  transcriptRows: number;
  progressImports: number;
};

export type ReadinessItem = {
  key: string;
  /** ok: loaded; missing: a figure is wrong or empty until it is fixed; note: worth knowing, not blocking. */
  status: "ok" | "missing" | "note";
  /** The count the sentence is about (schools, courses, students, staff…). */
  count: number;
  text: string;
  /** Names behind the count (schools lacking a roll…), when few enough to list. */
  names?: string[];
  fix?: { href: string; label: string };
};

const IMPORT = {
  roster: { href: "/imports?kind=oneroster", label: "Imports: OneRoster roster" },
  extract: { href: "/imports?kind=students", label: "Imports: district student extract" },
  progress: { href: "/imports?kind=progress", label: "Imports: provider progress" },
  catalog: { href: "/catalog", label: "Catalog (or Imports: catalog file)" },
  users: { href: "/users", label: "Staff" },
  settings: { href: "/settings", label: "Settings: diploma requirements" },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/**
 * The checks, in the order a district loads its data: roster (schools, staff, students), catalog,
 * extract (status events, transcript, October 1 roll), provider progress. Only schools with
 * students are expected to have status events and a roll. This year's roll is expected from
 * October 1 on (the MA SIMS October collection's date); before then only last year's counts.
 */
export function readinessItems(f: ReadinessFacts): ReadinessItem[] {
  const items: ReadinessItem[] = [];
  const withStudents = f.schools.filter((s) => s.students > 0);

  items.push(
    f.schools.length === 0
      ? { key: "schools", status: "missing", count: 0, text: "No schools yet: the roster creates them, with staff and students.", fix: IMPORT.roster }
      : {
          key: "schools",
          status: "ok",
          count: f.schools.length,
          text: `${plural(f.schools.length, "school")}, ${plural(withStudents.length, "with students", "with students")}.`,
          fix: IMPORT.roster,
        },
  );

  items.push(
    f.requirements === 0
      ? {
          key: "requirements",
          status: "missing",
          count: 0,
          text: "No graduation requirements by subject area: students' credit audits have nothing to measure against.",
          fix: IMPORT.settings,
        }
      : { key: "requirements", status: "ok", count: f.requirements, text: `Graduation requirements set in ${plural(f.requirements, "subject area")}.`, fix: IMPORT.settings },
  );

  items.push(
    f.activeCourses === 0
      ? {
          key: "catalog",
          status: "missing",
          count: 0,
          text: "No online courses in the catalog: counselors cannot enroll anyone, and provider progress rows are refused.",
          fix: IMPORT.catalog,
        }
      : { key: "catalog", status: "ok", count: f.activeCourses, text: `${plural(f.activeCourses, "online course")} in the catalog.`, fix: IMPORT.catalog },
  );
  if (f.coursesWithoutAssessments > 0) {
    items.push({
      key: "assessments",
      status: "missing",
      count: f.coursesWithoutAssessments,
      text: `${plural(f.coursesWithoutAssessments, "course has", "courses have")} no assessments: results cannot be recorded and no grade can be computed.`,
      fix: IMPORT.catalog,
    });
  }

  if (f.studentsWithoutCounselor > 0) {
    items.push({
      key: "counselors",
      status: "missing",
      count: f.studentsWithoutCounselor,
      text: `${plural(f.studentsWithoutCounselor, "enrolled student has", "enrolled students have")} no counselor: they are on nobody's caseload.`,
      fix: IMPORT.users,
    });
  } else if (withStudents.length > 0) {
    items.push({ key: "counselors", status: "ok", count: 0, text: "Every enrolled student has a counselor.", fix: IMPORT.users });
  }

  if (f.staffWithoutPassword > 0) {
    items.push(
      f.singleSignOn
        ? {
            key: "sign-in",
            status: "note",
            count: f.staffWithoutPassword,
            text: `${plural(f.staffWithoutPassword, "staff member has", "staff members have")} no password: they sign in through single sign-on.`,
            fix: IMPORT.users,
          }
        : {
            key: "sign-in",
            status: "missing",
            count: f.staffWithoutPassword,
            text: `${plural(f.staffWithoutPassword, "staff member has", "staff members have")} no password and single sign-on is not configured: they cannot sign in until you set a password or send a set-password link.`,
            fix: IMPORT.users,
          },
    );
  }

  const noEvents = withStudents.filter((s) => s.statusEvents === 0);
  if (withStudents.length > 0) {
    items.push(
      noEvents.length > 0
        ? {
            key: "status-events",
            status: "missing",
            count: noEvents.length,
            text: `${plural(noEvents.length, "school has", "schools have")} students but no enrollment status events: graduation and dropout rates there count nobody as entered, graduated or gone.`,
            names: noEvents.map((s) => s.name),
            fix: IMPORT.extract,
          }
        : { key: "status-events", status: "ok", count: withStudents.length, text: "Enrollment status events loaded for every school with students.", fix: IMPORT.extract },
    );
  }

  for (const year of [f.schoolYear - 1, f.schoolYear]) {
    if (withStudents.length === 0) break;
    const due = year < f.schoolYear || f.today >= new Date(Date.UTC(year, 9, 1));
    const loaded = new Set(f.rollSchools[year] ?? []);
    const lacking = withStudents.filter((s) => !loaded.has(s.id));
    const name = formatSchoolYear(year);
    if (lacking.length === 0) {
      items.push({ key: `roll-${year}`, status: "ok", count: withStudents.length, text: `October 1 roll for ${name} loaded for every school with students.`, fix: IMPORT.extract });
    } else if (!due) {
      items.push({ key: `roll-${year}`, status: "note", count: lacking.length, text: `October 1 roll for ${name}: due after October 1.`, fix: IMPORT.extract });
    } else {
      items.push({
        key: `roll-${year}`,
        status: "missing",
        count: lacking.length,
        text: `No October 1 roll loaded for ${name} at ${lacking.length === withStudents.length ? (withStudents.length === 1 ? "the school" : `any of the ${withStudents.length} schools`) : `${lacking.length} of ${withStudents.length} schools`}: that year's dropout rate has no denominator there.`,
        names: lacking.map((s) => s.name),
        fix: IMPORT.extract,
      });
    }
  }

  items.push(
    f.transcriptRows === 0
      ? {
          key: "transcript",
          status: "missing",
          count: 0,
          text: "No transcript rows: credits earned, failed courses to recover and graduation audits are all empty.",
          fix: IMPORT.extract,
        }
      : { key: "transcript", status: "ok", count: f.transcriptRows, text: `${plural(f.transcriptRows, "transcript row")} loaded.`, fix: IMPORT.extract },
  );

  items.push(
    f.progressImports === 0
      ? { key: "progress", status: "missing", count: 0, text: "No provider progress imported yet: online results come only from counselors' entries.", fix: IMPORT.progress }
      : { key: "progress", status: "ok", count: f.progressImports, text: `${plural(f.progressImports, "provider progress import")} so far.`, fix: IMPORT.progress },
  );
  return items;
}
