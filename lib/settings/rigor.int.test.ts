import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { GENERIC_ERROR, runValidated } from "@/lib/safe-action";
import type { Viewer } from "@/lib/access";
import type { ProgramType } from "@/lib/generated/prisma/enums";
import { rigorPolicies } from "@/lib/enrollments/rigor-policy";
import { PROGRAM_TYPES, parsePriorityGrades, rigorField, rigorPoliciesSchema, type RigorField } from "./schema";
import { NO_RIGOR_POLICY, getRigorPolicies, saveRigorPolicies } from "./rigor";

// The rigor guardrails on the Settings page, through runValidated with the action's own schema
// (exactly what saveRigorPoliciesAction does): one row of fields per program type, field errors
// by the form's names, a row deleted when it sets nothing, the role checked in the data layer, one
// audit event per save that changed something.

useTestDatabase();
let admin: Viewer;

/** A program type's row as the form sends it: every field, blanks where not given, mode REFUSE. */
const row = (t: ProgramType, over: Partial<Record<RigorField, string>> = {}): Record<string, string> => {
  const values: Partial<Record<RigorField, string>> = {
    minDaysEnrolled: "",
    minActiveMinutesPerCredit: "",
    maxAttemptsPerAssessment: "",
    maxConcurrentPerStudent: "",
    priorityGrades: "",
    priorityNote: "",
    mode: "REFUSE",
    ...over,
  };
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [rigorField(t, k as RigorField), v!]));
};
const save = (v: Viewer, fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, x] of Object.entries(fields)) form.append(k, x);
  return runValidated(v, rigorPoliciesSchema, saveRigorPolicies, form);
};
const stored = async () => Object.fromEntries(await rigorPolicies());
const events = () => db().auditEvent.findMany({ where: { action: "settings.rigor" }, orderBy: { at: "asc" } });

const SENIORS = {
  minDaysEnrolled: 14,
  minActiveMinutesPerCredit: 600,
  requireProctoredSummative: true,
  maxAttemptsPerAssessment: 3,
  maxConcurrentPerStudent: 2,
  priorityGrades: [11, 12],
  priorityNote: "Seniors short of credits first",
  mode: "WARN",
};

beforeAll(async () => {
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
});

describe("the rigor policy form's schema", () => {
  it("reads priority grades as whole grades 9–12, deduplicated, in order", () => {
    expect(parsePriorityGrades("12")).toEqual([12]);
    expect(parsePriorityGrades(" 12, 11,12 ")).toEqual([11, 12]);
    expect(parsePriorityGrades("9 10")).toEqual([9, 10]);
    expect(parsePriorityGrades("")).toEqual([]);
    for (const bad of ["8", "13", "11.5", "seniors", "11-12", "-12", "012x"]) expect(parsePriorityGrades(bad)).toBeNull();
  });

  it("gives one policy per program type in the form, in the enum's order, and leaves out the others", () => {
    const r = rigorPoliciesSchema.safeParse({ ...row("ORIGINAL_CREDIT"), ...row("CREDIT_RECOVERY", { minDaysEnrolled: "7", requireProctoredSummative: "on" }), other: "x" });
    expect(r.success && r.data).toEqual([
      { programType: "CREDIT_RECOVERY", ...NO_RIGOR_POLICY, minDaysEnrolled: 7, requireProctoredSummative: true },
      { programType: "ORIGINAL_CREDIT", ...NO_RIGOR_POLICY },
    ]);
    expect(rigorPoliciesSchema.safeParse({})).toEqual({ success: true, data: [] });
  });

  it("refuses a program type's row without a mode, and a field that is not the form's, each on its own name", () => {
    const r = rigorPoliciesSchema.safeParse({
      [rigorField("CREDIT_RECOVERY", "minDaysEnrolled")]: "7",
      "rigor.NO_SUCH_TYPE.mode": "REFUSE",
      "rigor.CREDIT_RECOVERY.colour": "red",
    });
    expect(r.success).toBe(false);
    expect(Object.keys(r.error!.flatten().fieldErrors).sort()).toEqual(["rigor.CREDIT_RECOVERY.colour", rigorField("CREDIT_RECOVERY", "mode"), "rigor.NO_SUCH_TYPE.mode"].sort());
  });
});

describe("saving the rigor policy", () => {
  it("saves a program type's limits, reads them back, and audits the change once (not when saved unchanged)", async () => {
    const r = await save(admin, {
      ...row("CREDIT_RECOVERY", {
        minDaysEnrolled: " 14 ",
        minActiveMinutesPerCredit: "600",
        requireProctoredSummative: "on",
        maxAttemptsPerAssessment: "3",
        maxConcurrentPerStudent: "2",
        priorityGrades: "12, 11, 12",
        priorityNote: "  Seniors short of credits first  ",
        mode: "WARN",
      }),
      ...row("ORIGINAL_CREDIT"),
    });
    expect(r).toEqual({ ok: true, data: { changed: ["CREDIT_RECOVERY"] } });
    expect(await stored()).toEqual({ CREDIT_RECOVERY: SENIORS });

    const page = await getRigorPolicies();
    expect(page.map((p) => p.programType)).toEqual(PROGRAM_TYPES);
    expect(page[0]).toEqual({ programType: "CREDIT_RECOVERY", ...SENIORS, set: true });
    expect(page[1]).toEqual({ programType: "ORIGINAL_CREDIT", ...NO_RIGOR_POLICY, set: false });

    const [event, ...more] = await events();
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ userId: admin.id, entity: "RigorPolicy", entityId: "CREDIT_RECOVERY" });
    expect(event!.details).toEqual({ from: { CREDIT_RECOVERY: null }, to: { CREDIT_RECOVERY: SENIORS } });

    // The same values again (the grades in another order): nothing changes, nothing audited.
    const again = await save(admin, {
      ...row("CREDIT_RECOVERY", {
        minDaysEnrolled: "14",
        minActiveMinutesPerCredit: "600",
        requireProctoredSummative: "on",
        maxAttemptsPerAssessment: "3",
        maxConcurrentPerStudent: "2",
        priorityGrades: "11 12",
        priorityNote: "Seniors short of credits first",
        mode: "WARN",
      }),
      ...row("ORIGINAL_CREDIT"),
    });
    expect(again).toEqual({ ok: true, data: { changed: [] } });
    expect(await events()).toHaveLength(1);
  });

  it("deletes a program type's row when it sets nothing (no row = no guardrails), and leaves types not in the form alone", async () => {
    expect(await save(admin, row("ADVANCED_PLACEMENT", { priorityNote: "Juniors first" }))).toMatchObject({ ok: true, data: { changed: ["ADVANCED_PLACEMENT"] } });
    expect(await db().rigorPolicy.count()).toBe(2);

    const before = (await events()).length;
    const r = await save(admin, row("CREDIT_RECOVERY"));
    expect(r).toEqual({ ok: true, data: { changed: ["CREDIT_RECOVERY"] } });
    expect(await stored()).toEqual({ ADVANCED_PLACEMENT: { ...NO_RIGOR_POLICY, priorityNote: "Juniors first" } });
    const all = await events();
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)!.details).toEqual({ from: { CREDIT_RECOVERY: SENIORS }, to: { CREDIT_RECOVERY: null } });

    // Mode WARN is a choice made even with no limit yet: it keeps its row; set back to REFUSE, the row goes.
    expect(await save(admin, row("SKILL_DEVELOPMENT", { mode: "WARN" }))).toEqual({ ok: true, data: { changed: ["SKILL_DEVELOPMENT"] } });
    expect((await stored()).SKILL_DEVELOPMENT).toEqual({ ...NO_RIGOR_POLICY, mode: "WARN" });
    expect(await save(admin, row("SKILL_DEVELOPMENT"))).toEqual({ ok: true, data: { changed: ["SKILL_DEVELOPMENT"] } });
    expect(await db().rigorPolicy.findUnique({ where: { programType: "SKILL_DEVELOPMENT" } })).toBeNull();
    expect(await events()).toHaveLength(before + 3);
  });

  it("audits several program types changed in one save as one event", async () => {
    const before = (await events()).length;
    const r = await save(admin, { ...row("ADVANCED_PLACEMENT"), ...row("DROPOUT_PREVENTION", { maxConcurrentPerStudent: "1" }) });
    expect(r).toEqual({ ok: true, data: { changed: ["ADVANCED_PLACEMENT", "DROPOUT_PREVENTION"] } });
    const all = await events();
    expect(all).toHaveLength(before + 1);
    expect(all.at(-1)!.entityId).toBeNull();
    expect(all.at(-1)!.details).toEqual({
      from: { ADVANCED_PLACEMENT: { ...NO_RIGOR_POLICY, priorityNote: "Juniors first" }, DROPOUT_PREVENTION: null },
      to: { ADVANCED_PLACEMENT: null, DROPOUT_PREVENTION: { ...NO_RIGOR_POLICY, maxConcurrentPerStudent: 1 } },
    });
  });

  it.each([
    ["minDaysEnrolled", "0", /whole number of days from 1 to 365/],
    ["minDaysEnrolled", "366", /whole number of days from 1 to 365/],
    ["minDaysEnrolled", "2.5", /whole number of days/],
    ["minActiveMinutesPerCredit", "100001", /whole number of minutes from 1 to 100,000/],
    ["minActiveMinutesPerCredit", "1e3", /whole number of minutes/],
    ["maxAttemptsPerAssessment", "51", /whole number of attempts from 1 to 50/],
    ["maxAttemptsPerAssessment", "-1", /whole number of attempts/],
    ["maxConcurrentPerStudent", "21", /whole number of courses from 1 to 20/],
    ["maxConcurrentPerStudent", "9".repeat(40), /whole number of courses/],
    ["requireProctoredSummative", "yes", /Tick the box/],
    ["priorityGrades", "8, 12", /grades from 9 to 12/],
    ["priorityGrades", "seniors", /grades from 9 to 12/],
    ["priorityNote", "x".repeat(301), /300 characters/],
    ["priorityNote", "a\u0000b", /NUL/],
    ["mode", "IGNORE", /refuses credit or warns/],
    ["mode", "", /refuses credit or warns/],
  ] as const)("refuses %s = %j on its own field, writing nothing (the other fields valid)", async (field, value, message) => {
    const before = await stored();
    const count = (await events()).length;
    const r = await save(admin, { ...row("ORIGINAL_CREDIT", { [field]: value }), ...row("SKILL_DEVELOPMENT", { minDaysEnrolled: "10" }) });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).not.toBe(GENERIC_ERROR);
    expect(Object.keys(r.fieldErrors ?? {})).toEqual([rigorField("ORIGINAL_CREDIT", field)]);
    expect(r.fieldErrors![rigorField("ORIGINAL_CREDIT", field)]![0]).toMatch(message);
    expect(await stored()).toEqual(before);
    expect(await events()).toHaveLength(count);
  });

  it("refuses the same field twice on that field", async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries(row("CREDIT_RECOVERY"))) form.append(k, v);
    form.append(rigorField("CREDIT_RECOVERY", "minDaysEnrolled"), "5");
    const r = await runValidated(admin, rigorPoliciesSchema, saveRigorPolicies, form);
    expect(r).toMatchObject({ ok: false, fieldErrors: { [rigorField("CREDIT_RECOVERY", "minDaysEnrolled")]: [expect.any(String)] } });
  });

  it("refuses every role but district administrators in the data layer", async () => {
    const school = await makeSchool();
    const before = await stored();
    const count = (await events()).length;
    for (const role of ["COUNSELOR", "SCHOOL_ADMIN"] as const) {
      const v = viewerOf(await makeUser(role, school.id));
      expect(await save(v, row("CREDIT_RECOVERY", { minDaysEnrolled: "30" }))).toEqual({ ok: false, message: "You do not have access to this." });
      expect(await save(v, {})).toEqual({ ok: false, message: "You do not have access to this." });
    }
    expect(await save(null as unknown as Viewer, row("CREDIT_RECOVERY", { minDaysEnrolled: "30" }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/session has ended/),
    });
    expect(await stored()).toEqual(before);
    expect(await events()).toHaveLength(count);
  });
});
