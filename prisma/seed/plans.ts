// Demo intervention plans and check-ins (issue 16): about 15% of the enrolled at-risk learners who
// have a counselor get a plan owned by that counselor, of mixed types, tiers and statuses. Active
// plans' next follow-ups are spread so the Today list and the plans report have something to show:
// about a third overdue, some due on the as-of day, the rest in the next three weeks. Each plan has
// 0–3 check-ins between its start and its end (or the as-of day). Deterministic through `rng`.
// Written through the seed's bulk writer (./bulk.ts), in the same transaction as the rest of the seed.
import { settleAll, TableWriter, type Sql } from "./bulk";
import { idMaker, type Rng } from "./prng";
import { isoDay } from "@/lib/calendar";
import { dateOf, type Day } from "./calendar";
import type { Learner } from "./enrollments";

const SHARE = 0.15;

type Metric = "ATTENDANCE_RATE" | "COURSE_ON_PACE" | "CREDITS_EARNED" | "SUSPENSIONS" | "OTHER";
type Goal = { goal: string; metric: Metric; value: number | null; text: string };

const GOALS: Record<string, (course: string | null, rng: Rng) => Goal> = {
  ATTENDANCE: (_c, rng) => ({
    goal: "Come to school every day; check in with the attendance office each Monday.",
    metric: "ATTENDANCE_RATE",
    value: rng.pick([90, 92, 95]),
    text: "by the end of the semester",
  }),
  CREDIT_RECOVERY: (course, rng) =>
    course
      ? { goal: "Finish the recovery course on schedule with lab time during advisory.", metric: "COURSE_ON_PACE", value: null, text: "" }
      : { goal: "Recover the failed credits before June.", metric: "CREDITS_EARNED", value: rng.int(8, 20), text: "by June" },
  BEHAVIOR: () => ({ goal: "Use the check-in/check-out card and the calm-down pass instead of leaving class.", metric: "SUSPENSIONS", value: 0, text: "for the rest of the year" }),
  ACADEMIC_SUPPORT: (_c, rng) => ({ goal: "Attend tutoring twice a week and turn in missing work.", metric: "CREDITS_EARNED", value: rng.int(6, 20), text: "" }),
  SOCIAL_EMOTIONAL: () => ({ goal: "Meet the school counselor weekly; join one club or team.", metric: "OTHER", value: null, text: "Attends 6 of 8 weekly sessions" }),
  FAMILY_ENGAGEMENT: () => ({
    goal: "Family and student meet the counselor monthly to review grades.",
    metric: "OTHER",
    value: null,
    text: "Three family meetings held this semester",
  }),
  OTHER: () => ({ goal: "Work with the mentor on a weekly goal.", metric: "OTHER", value: null, text: "Meets the weekly goal 4 weeks in a row" }),
};
const TYPES = { CREDIT_RECOVERY: 3, ATTENDANCE: 3, ACADEMIC_SUPPORT: 2, BEHAVIOR: 1, SOCIAL_EMOTIONAL: 1, FAMILY_ENGAGEMENT: 1, OTHER: 0.5 } as const;
const CHECK_IN_NOTES = [
  "Met with the student; reviewed the week and set the next step.",
  "Called home; the family is on board with the plan.",
  "Checked the online course together; two lessons done since last time.",
  "Student missed the meeting; rescheduled for next week.",
  "Good week: the teacher reports better focus in class.",
];
const DISCONTINUE_REASONS = ["Moved to a tier 3 plan", "Student changed schedule; the plan no longer fits", "Family asked to pause the plan"];

export async function writePlans(rng: Rng, learners: Learner[], asOf: Day, sql: Sql): Promise<void> {
  const chosen = learners.filter((l) => l.status === "ENROLLED" && l.tier > 0 && l.counselorId && rng.chance(SHARE));
  if (chosen.length === 0) return;
  // Each chosen learner's latest active online enrollment, for course goals.
  const { rows } = await sql.query(
    `SELECT DISTINCT ON (e."studentId") e."studentId" AS student, e.id, c.title FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId"
     WHERE e.status = 'ACTIVE' AND e."studentId" = ANY($1::text[]) ORDER BY e."studentId", e."startDate" DESC`,
    [`{${chosen.map((l) => `"${l.id}"`).join(",")}}`],
  );
  const activeCourse = new Map(rows.map((r) => [r.student as string, { id: r.id as string, title: r.title as string }]));
  const planId = idMaker("pl");
  const checkInId = idMaker("pc");
  const plans = new TableWriter(sql, "InterventionPlan", [
    ["id", "text"],
    ["studentId", "text"],
    ["type", "PlanType"],
    ["tier", "int"],
    ["goal", "text"],
    ["metric", "PlanMetric"],
    ["targetValue", "numeric"],
    ["targetEnrollmentId", "text"],
    ["targetText", "text"],
    ["ownerId", "text"],
    ["createdById", "text"],
    ["startDate", "date"],
    ["nextFollowUp", "date"],
    ["status", "PlanStatus"],
    ["statusReason", "text"],
    ["closedOn", "date"],
    ["version", "int"],
    ["createdAt", "timestamp"],
    ["updatedAt", "timestamp"],
  ]);
  const checkIns = new TableWriter(
    sql,
    "PlanCheckIn",
    [
      ["id", "text"],
      ["planId", "text"],
      ["date", "date"],
      ["note", "text"],
      ["progress", "PlanProgress"],
      ["authorId", "text"],
      ["createdAt", "timestamp"],
    ],
    undefined,
    [plans],
  );
  for (const l of chosen) {
    const type = rng.weighted(TYPES);
    const course = activeCourse.get(l.id) ?? null;
    const g = GOALS[type](course?.title ?? null, rng);
    const tier = Number(rng.weighted({ 1: 3, 2: 5, 3: 2 }));
    const status = rng.weighted({ ACTIVE: 0.65, MET: 0.15, NOT_MET: 0.1, DISCONTINUED: 0.1 });
    const start = asOf - rng.int(14, 120);
    const closedOn = status === "ACTIVE" ? null : rng.int(start + 7, asOf - 1);
    const end = closedOn ?? asOf;
    const followUp =
      status !== "ACTIVE"
        ? rng.int(start + 1, end)
        : rng.weighted({ overdue: 0.3, today: 0.15, future: 0.55 }) === "overdue"
          ? asOf - rng.int(1, 10)
          : rng.chance(0.25)
            ? asOf
            : asOf + rng.int(1, 21);
    const id = planId();
    const created = `${isoDay(dateOf(start))} 09:${String(rng.int(0, 59)).padStart(2, "0")}:00`;
    const n = rng.int(0, 3);
    const days = Array.from({ length: n }, () => rng.int(start, end)).sort((a, b) => a - b);
    await plans.add(
      id,
      l.id,
      type,
      tier,
      g.goal,
      g.metric,
      g.value,
      g.metric === "COURSE_ON_PACE" ? course!.id : null,
      g.text,
      l.counselorId,
      l.counselorId,
      isoDay(dateOf(start)),
      isoDay(dateOf(Math.max(followUp, start))),
      status,
      status === "DISCONTINUED" ? rng.pick(DISCONTINUE_REASONS) : null,
      closedOn === null ? null : isoDay(dateOf(closedOn)),
      1 + n,
      created,
      created,
    );
    for (const [i, day] of days.entries()) {
      const progress = status === "MET" && i === n - 1 ? "GOAL_MET" : rng.weighted({ NO_PROGRESS: 1, SOME_PROGRESS: 3, ON_TRACK: 2 });
      await checkIns.add(checkInId(), id, isoDay(dateOf(day)), rng.pick(CHECK_IN_NOTES), progress, l.counselorId, `${isoDay(dateOf(day))} 14:00:00`);
    }
  }
  await settleAll({ plans, checkIns });
}
