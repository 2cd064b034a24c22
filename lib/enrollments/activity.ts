import "server-only";
import { NotFoundError, assertLookupId, type Viewer } from "@/lib/access";
import type { EnrollmentStatus } from "@/lib/generated/prisma/enums";
import { weeklyMinutes, type DaySeconds, type WeekMinutes } from "@/lib/enrollments/activity-weeks";
import { activityLoaded } from "@/lib/sql/queries/activity-loaded";
import { enrollmentDaySeconds } from "@/lib/sql/queries/enrollment-day-seconds";
import { studentCourseList } from "@/lib/sql/queries/student-course-list";

// Time on task (issue #15): what the activity import stored (ActivitySession), as minutes.

/**
 * THE definition of one enrollment's active seconds on one district day (lib/imports/FORMATS.md §3c):
 * the day total a report gave for it (ActivitySession.dayTotal), if there is one, else the sum of
 * that day's sessions. A report of both never counts the day twice, and a day total of 0 means the
 * vendor saw no time on task that day, whatever sessions say. A day is a day of activity when this
 * is > 0. Every reader of ActivitySession uses it: activeTime below (the student page, the guardrail
 * input), and Enrollment.lastActivityOn as the activity import (dayActiveSeconds), provider progress
 * and a counselor's result (its SQL form, lib/sql/fragments/last-active-day.ts) move it.
 * lib/enrollments/last-activity.int.test.ts checks that they agree.
 */
export function dayActiveSeconds(rows: Iterable<{ dayTotal: boolean; seconds: number }>): number {
  let total: number | null = null;
  let sessions = 0;
  for (const r of rows) {
    if (r.dayTotal) total = Math.max(total ?? 0, r.seconds);
    else sessions += r.seconds;
  }
  return total ?? sessions;
}

export type ActiveTime = {
  /** Every minute on record for the enrollment. */
  totalMinutes: number;
  /** The last `weeks` weeks (Monday–Sunday, district calendar) up to today's, oldest first. */
  weeks: WeekMinutes[];
  /** The latest day with time on task (YYYY-MM-DD), or null. */
  lastDay: string | null;
};

/**
 * THE input of the minimum-active-time guardrail (issue #18 will enforce it: e.g. a course is not
 * completed, or a student is flagged, below N active minutes a week). One home for the figure: the
 * student page shows these same numbers. A day counts dayActiveSeconds (the day total a report gave,
 * else the sum of its sessions). Enrollments without activity get zeros.
 */
export async function activeTime(enrollmentIds: string[], opts: { today: Date; weeks: number }): Promise<Map<string, ActiveTime>> {
  const byEnrollment = new Map<string, DaySeconds[]>(enrollmentIds.map((id) => [id, []]));
  for (let i = 0; i < enrollmentIds.length; i += 5000) {
    const rows = await enrollmentDaySeconds(enrollmentIds.slice(i, i + 5000));
    for (const r of rows) byEnrollment.get(r.enrollmentId)?.push({ day: r.day, seconds: r.seconds });
  }
  const out = new Map<string, ActiveTime>();
  for (const [id, days] of byEnrollment) {
    const active = days.filter((d) => d.seconds > 0).map((d) => +d.day);
    out.set(id, { ...weeklyMinutes(days, opts.today, opts.weeks), lastDay: active.length ? new Date(Math.max(...active)).toISOString().slice(0, 10) : null });
  }
  return out;
}

/**
 * THE input of the active-time guardrail (lib/enrollments/guardrails.ts): each enrollment's active
 * seconds on record, the sum of its days' dayActiveSeconds; an enrollment with no time on task
 * imported is absent. The complete action and the provider progress import read it here; the
 * student page's card reads the same sum in its own statement (lib/sql/queries/student-enrollments.ts),
 * and lib/enrollments/guardrails.int.test.ts checks that they agree.
 */
export async function activeSecondsOf(enrollmentIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < enrollmentIds.length; i += 5000) {
    for (const d of await enrollmentDaySeconds(enrollmentIds.slice(i, i + 5000))) out.set(d.enrollmentId, (out.get(d.enrollmentId) ?? 0) + Number(d.seconds));
  }
  return out;
}

export type CourseActivity = ActiveTime & { enrollmentId: string; title: string; provider: string; status: EnrollmentStatus };
/** `loaded`: whether any activity file was ever imported in the district (else the page says so). */
export type StudentActivity = { loaded: boolean; weeks: number; courses: CourseActivity[] };

/**
 * The student page's time on task: each active online course, and any ended one with activity in
 * the window, with its last `weeks` weeks. Scoped like every student read: out of scope = not found.
 */
export async function getStudentActivity(viewer: Viewer, studentId: string, today: Date, weeks = 8): Promise<StudentActivity> {
  assertLookupId(studentId, "Student");
  // The student (scoped) and whether any activity file was ever imported, at once.
  const [student, loaded] = await Promise.all([studentCourseList(studentId, viewer), activityLoaded()]);
  if (!student) throw new NotFoundError("Student", studentId);
  if (!loaded) return { loaded, weeks, courses: [] };
  const times = await activeTime(
    student.enrollments.map((e) => e.id),
    { today, weeks },
  );
  const courses = student.enrollments
    .map((e) => ({ enrollmentId: e.id, title: e.title, provider: e.provider, status: e.status, ...times.get(e.id)! }))
    .filter((c) => c.status === "ACTIVE" || c.weeks.some((w) => w.minutes > 0));
  return { loaded, weeks, courses };
}
