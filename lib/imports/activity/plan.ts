import "server-only";
import type { EnrollmentStatus } from "@/lib/generated/prisma/enums";
import { isoDay } from "@/lib/calendar";
import { newId } from "@/lib/imports/bulk";
import { isProviderEnrollmentKey, providerEnrollmentKey } from "@/lib/enrollments/source-key";
import { emptyCounts, type Counts, type ErrorList } from "@/lib/imports/report";
import type { ActivityRow } from "@/lib/imports/activity/schema";
import { dayActiveSeconds } from "@/lib/enrollments/activity";

// Activity rows → ActivitySession rows and each enrollment's last activity day. The key of a row is
// (enrollment, dayTotal, startedAt): the same session or day again is unchanged, a changed length
// (a vendor's corrected report) updates it — never counted twice.

export type ActEnr = {
  id: string;
  studentId: string;
  courseId: string;
  status: EnrollmentStatus;
  sourceKey: string | null;
  endedOn: Date | null;
  lastActivityOn: Date | null;
  version: number;
  createdAt: Date;
};
export type ActivityState = {
  providers: Map<string, string>; // code → id
  courses: Map<string, string>; // providerId|providerCourseCode → course id
  students: Map<string, string>; // sisId → id
  enrollments: ActEnr[];
  /** Stored rows of these enrollments on the file's days: enrollment → slot() → what a row replaces, and its day (ms). */
  existing: Map<string, Map<number, { seconds: number; endedAt: number | null; day: number }>>;
  /** The district's today (UTC midnight): activity after it is refused. */
  today: Date;
  /** The district's day of an instant, and the instant a district day begins (lib/calendar.ts). */
  dayOf: (instant: Date) => Date;
  dayStart: (day: Date) => Date;
};
export type SessionRow = { id: string; enrollmentId: string; startedAt: string; endedAt: string | null; day: string; seconds: number; dayTotal: boolean };
export type ActivityPlan = {
  /** New and changed rows (one upsert writes both), made into rows a slice at a time. */
  sessions: { count: number; slices: (size: number) => Generator<SessionRow[]> };
  /** Enrollments whose last activity day moves later: id → that day. */
  lastActivity: { id: string; lastActivityOn: string }[];
  /** Every enrollment a valid row matched (its data is "as of" this import), with the version read. */
  touched: { id: string; version: number; file: string; line: number }[];
  counts: Counts;
};
type Row = { file: string; line: number; r: ActivityRow };

/**
 * A row's key within its enrollment: the start (ms) and whether it is a day total, as one number
 * (below 2^53). Numbers in a map per enrollment, not a string per row: a 250,000-row file kept
 * ~1.2 KB a row with string keys, ISO strings and ids made per row (peak 823 MB against 486 MB for
 * 25,000 rows); ids and strings are now made when a slice is written.
 */
export const slot = (dayTotal: boolean, startedAt: number) => startedAt * 2 + (dayTotal ? 1 : 0);
type Planned = { start: number; end: number | null; day: number; seconds: number; file: string; line: number; write: boolean };

export function activityPlanner(st: ActivityState, errors: ErrorList, warnings: ErrorList): { add: (row: Row) => void; finish: () => ActivityPlan } {
  const counts = emptyCounts("sessions", "enrollments");
  const byPair = new Map<string, ActEnr[]>();
  const byKey = new Map<string, ActEnr>();
  for (const e of st.enrollments) {
    const k = `${e.studentId}|${e.courseId}`;
    byPair.set(k, [...(byPair.get(k) ?? []), e]);
    if (e.sourceKey !== null) byKey.set(e.sourceKey, e);
  }
  // Each key the file writes: where it was first read and what it says (a second, different row is an error).
  const seen = new Map<string, Map<number, Planned>>();
  let toWrite = 0;
  const touched = new Map<string, { id: string; version: number; file: string; line: number }>();
  const afterEnd = new Map<string, { n: number; line: number }>(); // per file
  const repeated = new Map<string, { n: number; line: number }>();

  const add = ({ file, line, r }: Row): void => {
    const err = (column: string, value: string, message: string) => errors.add({ file, line, column, value, message });
    const providerId = st.providers.get(r.provider);
    if (!providerId) return err("provider", r.provider, "no provider has this code (load the catalog first)");
    const studentId = st.students.get(r.student_id);
    if (!studentId) return err("student_id", r.student_id, "no student has this SIS id");
    const key = r.enrollment_id ? providerEnrollmentKey(r.provider, r.enrollment_id) : null;
    let enr: ActEnr | undefined;
    if (r.course_code) {
      const courseId = st.courses.get(`${providerId}|${r.course_code}`);
      if (!courseId) return err("course_code", r.course_code, `provider ${r.provider} has no course with this code in the catalog`);
      const mine = byPair.get(`${studentId}|${courseId}`) ?? [];
      const sameKey = (e: ActEnr) => isProviderEnrollmentKey(e.sourceKey, r.provider, r.enrollment_id);
      enr = (key && mine.find(sameKey)) || mine.find((e) => e.status === "ACTIVE") || [...mine].sort((a, b) => +b.createdAt - +a.createdAt)[0];
      if (!enr)
        return err(
          "course_code",
          r.course_code,
          `student ${r.student_id} has no enrollment in this course (the activity import never creates one: enroll the student, or import provider progress with --create-enrollments)`,
        );
      if (key && enr.sourceKey && !sameKey(enr)) return err("enrollment_id", r.enrollment_id, "the student's enrollment in this course has another provider enrollment id");
    } else {
      enr = byKey.get(key!);
      if (!enr) return err("enrollment_id", r.enrollment_id, `no enrollment has this ${r.provider} enrollment id (add course_code to match by course)`);
      if (enr.studentId !== studentId) return err("enrollment_id", r.enrollment_id, `this ${r.provider} enrollment id belongs to another student`);
    }

    const dayTotal = r.session_start === null;
    const startedAt = dayTotal ? st.dayStart(r.date!) : r.session_start!;
    const day = dayTotal ? r.date! : st.dayOf(r.session_start!);
    const endedAt = dayTotal ? null : +r.session_end!;
    const seconds = r.minutes ?? (endedAt! - +startedAt) / 1000;
    const column = dayTotal ? "date" : "session_start";
    if (day > st.today)
      return err(column, dayTotal ? isoDay(day)! : r.session_start!.toISOString(), `is after the district's today (${isoDay(st.today)}): check the report's dates and time zone`);
    if (enr.status !== "ACTIVE" && enr.endedOn && day > enr.endedOn) {
      const s = afterEnd.get(file) ?? { n: 0, line };
      afterEnd.set(file, { n: s.n + 1, line: s.line });
      counts.sessions.skipped++;
      return;
    }
    touched.set(enr.id, touched.get(enr.id) ?? { id: enr.id, version: enr.version, file, line });

    const k = slot(dayTotal, +startedAt);
    const mine = seen.get(enr.id) ?? new Map<number, Planned>();
    seen.set(enr.id, mine);
    const first = mine.get(k);
    if (first) {
      if (first.seconds !== seconds || first.end !== endedAt) {
        const where = first.file === file ? `line ${first.line}` : `line ${first.line} of ${first.file}`;
        return err(
          column,
          dayTotal ? isoDay(day)! : r.session_start!.toISOString(),
          `the same ${dayTotal ? "day" : "session"} of student ${r.student_id} in this course is on ${where} with another length`,
        );
      }
      const s = repeated.get(file) ?? { n: 0, line };
      repeated.set(file, { n: s.n + 1, line: s.line });
      return;
    }
    const stored = st.existing.get(enr.id)?.get(k);
    const write = !(stored && stored.seconds === seconds && stored.endedAt === endedAt);
    mine.set(k, { start: +startedAt, end: endedAt, day: +day, seconds, file, line, write });
    if (!write) {
      counts.sessions.unchanged++;
      return;
    }
    toWrite++;
    if (stored) counts.sessions.updated++;
    else counts.sessions.created++;
  };

  function* slices(size: number): Generator<SessionRow[]> {
    let slice: SessionRow[] = [];
    for (const [enrollmentId, mine] of seen) {
      for (const [k, p] of mine) {
        if (!p.write) continue;
        slice.push({
          id: newId(),
          enrollmentId,
          startedAt: new Date(p.start).toISOString(),
          endedAt: p.end === null ? null : new Date(p.end).toISOString(),
          day: isoDay(new Date(p.day))!,
          seconds: p.seconds,
          dayTotal: k % 2 === 1,
        });
        if (slice.length >= size) {
          yield slice;
          slice = [];
        }
      }
    }
    if (slice.length) yield slice;
  }

  /**
   * The latest of the file's days that is a day of activity once the file is written: each day's
   * rows are the file's and the stored ones it does not replace, counted by dayActiveSeconds (a day
   * total stands for the day, so a 0-minute total beside a session is no activity). Days the file
   * does not touch keep what they were, and lastActivityOn already holds them.
   */
  const latestActiveDay = (enrollmentId: string): Date | null => {
    const mine = seen.get(enrollmentId) ?? new Map<number, Planned>();
    const days = new Map<number, { dayTotal: boolean; seconds: number }[]>();
    for (const [k, p] of mine) {
      const rows = days.get(p.day);
      if (rows) rows.push({ dayTotal: k % 2 === 1, seconds: p.seconds });
      else days.set(p.day, [{ dayTotal: k % 2 === 1, seconds: p.seconds }]);
    }
    for (const [k, s] of st.existing.get(enrollmentId) ?? []) {
      if (!mine.has(k)) days.get(s.day)?.push({ dayTotal: k % 2 === 1, seconds: s.seconds });
    }
    let latest = 0;
    for (const [d, rows] of days) if (d > latest && dayActiveSeconds(rows) > 0) latest = d;
    return latest ? new Date(latest) : null;
  };

  const finish = (): ActivityPlan => {
    for (const [file, s] of afterEnd) {
      warnings.add({
        file,
        line: s.line,
        column: null,
        value: null,
        message: `${s.n} row${s.n === 1 ? "" : "s"} of activity after the enrollment ended skipped (the first on line ${s.line}): time after a course ends is not time on task in it`,
      });
    }
    for (const [file, s] of repeated) {
      warnings.add({
        file,
        line: s.line,
        column: null,
        value: null,
        message: `${s.n} row${s.n === 1 ? "" : "s"} repeated a session or day already in the file (the first on line ${s.line}): counted once`,
      });
    }
    const lastActivity: ActivityPlan["lastActivity"] = [];
    const byId = new Map(st.enrollments.map((e) => [e.id, e]));
    for (const t of touched.values()) {
      const day = latestActiveDay(t.id);
      const stored = byId.get(t.id)!.lastActivityOn;
      if (day && (!stored || day > stored)) {
        lastActivity.push({ id: t.id, lastActivityOn: isoDay(day)! });
        counts.enrollments.updated++;
      } else counts.enrollments.unchanged++;
    }
    return { sessions: { count: toWrite, slices }, lastActivity, touched: [...touched.values()], counts };
  };
  return { add, finish };
}
