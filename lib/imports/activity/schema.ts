import { z } from "zod";
import { optional, optionalDate, required, text } from "@/lib/imports/validate";
import { parseDurationSeconds, parseSessionTime } from "@/lib/imports/activity/time";
import { districtTimeZone } from "@/lib/calendar";

// Activity and time on task (lib/imports/FORMATS.md §3c), modelled on vendors' usage reports: one
// row per session (session_start + session_end), or one per student, course and day (date + minutes).

/** A session is at most a day; a day has at most 1,440 minutes. */
export const MAX_SESSION_SECONDS = 24 * 3600;
export const MAX_DAY_SECONDS = 1440 * 60;

const sessionTime = z
  .string()
  .default("")
  .transform((v, ctx): Date | null => {
    if (v === "") return null;
    const d = parseSessionTime(v, districtTimeZone());
    if (!d) {
      ctx.addIssue({
        code: "custom",
        message: "not a date-time (use ISO 8601, e.g. 2026-10-13T15:14:00-04:00 or 2026-10-13 15:14 in the district's time zone, or 10/13/2026 3:14 PM)",
      });
      return z.NEVER;
    }
    return d;
  });

const duration = optional(
  z.string().transform((v, ctx) => {
    const s = parseDurationSeconds(v);
    if (s === null) {
      ctx.addIssue({ code: "custom", message: "not a number of minutes (45, 12.5) or a duration (1:05 or 0:12:30)" });
      return z.NEVER;
    }
    if (s > MAX_DAY_SECONDS) {
      ctx.addIssue({ code: "custom", message: "must be at most 1440 minutes (a day)" });
      return z.NEVER;
    }
    return s;
  }),
);

export const activityRow = z
  .object({
    provider: required("provider"),
    student_id: required("student_id"),
    course_code: text,
    enrollment_id: text,
    session_start: sessionTime,
    session_end: sessionTime,
    date: optionalDate,
    /** Seconds (the column is minutes or a duration). */
    minutes: duration,
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (!r.course_code && !r.enrollment_id) issue("course_code", "course_code is required (or the provider's enrollment_id)");
    if (r.session_start || r.session_end) {
      if (!r.session_start) return issue("session_start", "session_start is required with session_end");
      if (!r.session_end) return issue("session_end", "session_end is required with session_start");
      const length = (+r.session_end - +r.session_start) / 1000;
      if (length <= 0) return issue("session_end", "session_end must be after session_start");
      if (length > MAX_SESSION_SECONDS) return issue("session_end", "a session is at most 24 hours: session_end is more than 24 hours after session_start");
      // Active minutes within the session (some reports give both): never more than its length.
      if (r.minutes !== null && r.minutes > Math.ceil(length / 60) * 60) issue("minutes", `more minutes than the session lasted (${Math.ceil(length / 60)})`);
    } else {
      if (!r.date && r.minutes === null) return issue("session_start", "a row needs session_start and session_end, or date and minutes");
      if (!r.date) issue("date", "date is required with minutes (or give session_start and session_end)");
      if (r.minutes === null) issue("minutes", "minutes is required with date (or give session_start and session_end)");
    }
  });

export type ActivityRow = z.output<typeof activityRow>;
export const ACTIVITY_COLUMNS = Object.keys(activityRow.shape);
export const REQUIRED_ACTIVITY = ["provider", "student_id"] as const;

/**
 * Whether a header (lower-case names) is an activity file: provider, student_id, a course
 * (course_code or enrollment_id) and either session_start + session_end or date + minutes — the
 * landing folder's test (lib/imports/detect.ts) and the import's own header check.
 */
export function activityHeaderProblems(cols: Set<string>): string[] {
  const problems: string[] = [];
  for (const c of REQUIRED_ACTIVITY) if (!cols.has(c)) problems.push(`Required column "${c}" is missing from the header`);
  if (!cols.has("course_code") && !cols.has("enrollment_id")) problems.push('The header needs "course_code" (or the provider\'s "enrollment_id")');
  const sessions = cols.has("session_start") && cols.has("session_end");
  const days = cols.has("date") && cols.has("minutes");
  if (!sessions && !days) problems.push('The header needs "session_start" and "session_end" (sessions), or "date" and "minutes" (a day\'s total)');
  return problems;
}
