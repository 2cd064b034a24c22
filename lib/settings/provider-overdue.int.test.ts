import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { db } from "@/lib/db";
import { GENERIC_ERROR, runValidated } from "@/lib/safe-action";
import type { Viewer } from "@/lib/access";
import { providerDaysField, providerOverdueSchema } from "./schema";
import { listProviderOverdue, saveProviderOverdue } from "./provider-overdue";

// Each provider's overdue days on the Settings page, through runValidated with the action's own
// schema (exactly what saveProviderOverdueAction does): 1–365 or blank, field errors by the form's
// names, the role checked in the data layer, an audit event per save that changed something.

useTestDatabase();
let admin: Viewer;
let apex = "";
let edg = "";
const save = (v: Viewer, fields: Record<string, string>) => {
  const form = new FormData();
  for (const [k, x] of Object.entries(fields)) form.append(k, x);
  return runValidated(v, providerOverdueSchema, saveProviderOverdue, form);
};
const stored = async () => Object.fromEntries((await db().provider.findMany({ select: { code: true, staleAfterDays: true } })).map((p) => [p.code, p.staleAfterDays]));

beforeAll(async () => {
  admin = viewerOf(await makeUser("DISTRICT_ADMIN", null));
  apex = (await db().provider.create({ data: { code: "APEX", name: "Apex Learning" } })).id;
  edg = (await db().provider.create({ data: { code: "EDG", name: "Edgenuity", staleAfterDays: 5 } })).id;
});

describe("saving each provider's overdue days", () => {
  it("saves a number, clears a blank to the district default, and audits the change with old and new", async () => {
    const r = await save(admin, { [providerDaysField(apex)]: " 7 ", [providerDaysField(edg)]: "" });
    expect(r).toEqual({ ok: true, data: { changed: 2 } });
    expect(await stored()).toEqual({ APEX: 7, EDG: null });
    const events = await db().auditEvent.findMany({ where: { action: "settings.provider-overdue" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toEqual({
      changes: [
        { provider: "APEX", name: "Apex Learning", from: null, to: 7 },
        { provider: "EDG", name: "Edgenuity", from: 5, to: null },
      ],
    });
    // The same values again: nothing changes, nothing audited.
    expect(await save(admin, { [providerDaysField(apex)]: "7", [providerDaysField(edg)]: "" })).toEqual({ ok: true, data: { changed: 0 } });
    expect(await db().auditEvent.count({ where: { action: "settings.provider-overdue" } })).toBe(1);
    expect((await listProviderOverdue(admin)).map((p) => [p.code, p.staleAfterDays])).toEqual([
      ["APEX", 7],
      ["EDG", null],
    ]);
  });

  it.each([
    ["0", /between 1 and 365/],
    ["366", /between 1 and 365/],
    ["-1", /whole number of days/],
    ["2.5", /whole number of days/],
    ["seven", /whole number of days/],
    ["1e2", /whole number of days/],
    ["9".repeat(40), /whole number of days/],
  ])("refuses %s on its own field, writing nothing (the other field valid)", async (value, message) => {
    const before = await stored();
    const r = await save(admin, { [providerDaysField(apex)]: value, [providerDaysField(edg)]: "30" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).not.toBe(GENERIC_ERROR);
    expect(Object.keys(r.fieldErrors ?? {})).toEqual([providerDaysField(apex)]);
    expect(r.fieldErrors![providerDaysField(apex)]![0]).toMatch(message);
    expect(await stored()).toEqual(before);
  });

  it("refuses the same field twice on that field", async () => {
    const form = new FormData();
    form.append(providerDaysField(apex), "3");
    form.append(providerDaysField(apex), "4");
    const r = await runValidated(admin, providerOverdueSchema, saveProviderOverdue, form);
    expect(r).toMatchObject({ ok: false, fieldErrors: { [providerDaysField(apex)]: [expect.any(String)] } });
  });

  it("refuses a provider that exists nowhere as not found, writing nothing for the others", async () => {
    const before = await stored();
    const r = await save(admin, { [providerDaysField(apex)]: "20", [providerDaysField("cm0nosuchprovider0000000000")]: "7", [providerDaysField("bad\u0000id")]: "7" });
    expect(r).toEqual({ ok: false, message: "Provider not found" });
    expect(await stored()).toEqual(before);
  });

  it("refuses every role but district administrators in the data layer", async () => {
    const school = await makeSchool();
    const before = await stored();
    for (const role of ["COUNSELOR", "SCHOOL_ADMIN"] as const) {
      const v = viewerOf(await makeUser(role, school.id));
      expect(await save(v, { [providerDaysField(apex)]: "9" })).toEqual({ ok: false, message: "You do not have access to this." });
      await expect(listProviderOverdue(v)).rejects.toThrow(/do not have access/);
    }
    expect(await save(null as unknown as Viewer, { [providerDaysField(apex)]: "9" })).toMatchObject({ ok: false, message: expect.stringMatching(/session has ended/) });
    expect(await stored()).toEqual(before);
  });
});
