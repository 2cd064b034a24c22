// Why an enrollment's two pace measures disagree. Pure.
import type { PaceStatus, ScheduleColour } from "./rules";

/**
 * The card shows two measures of one course (lib/enrollments/rules.ts):
 *   progress vs expected — progress through the whole course (assessments passed at mastery, or the
 *                          provider's figure from a progress import) against the straight target
 *                          line from start to target date (paceFor: Ahead / On pace / Behind);
 *   on schedule %        — Apex's: assessments due by today that are done (onScheduleRate, green
 *                          ≥ 80%, yellow 60–79%, red < 60%).
 * They count different things, so one can be good while the other is bad. Good = not Behind, and
 * green. When exactly one is good this returns one sentence saying why; otherwise null (they
 * agree, or nothing is due yet and there is no schedule figure).
 */
export function paceDisagreement(
  pace: { status: PaceStatus; expected: number },
  progress: number,
  schedule: { colour: ScheduleColour; due: number; done: number } | null,
): string | null {
  if (!schedule) return null;
  const paceGood = pace.status !== "BEHIND";
  const scheduleGood = schedule.colour === "GREEN";
  if (paceGood === scheduleGood) return null;
  const { due, done } = schedule;
  if (scheduleGood) {
    const taken =
      done === due ? (due === 1 ? "The one assessment due so far is done" : `All ${due} assessments due so far are done`) : `${done} of ${due} assessments due so far are done`;
    return `${taken}, but progress through the whole course (${progress}%) is behind the target line (${pace.expected}% expected by today).`;
  }
  const missing = due - done;
  const where = pace.status === "AHEAD" ? "ahead of" : "on";
  return `Progress through the whole course (${progress}%) is ${where} the target line (${pace.expected}% expected by today), but ${missing} of ${due} ${due === 1 ? "assessment" : "assessments"} due so far ${missing === 1 ? "is" : "are"} not done.`;
}
