import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { runValidated } from "@/lib/safe-action";
import { districtDay, schoolYearOf, yearLabel } from "@/lib/calendar";
import { contractDeleteSchema, contractSchema } from "./schema";
import { deleteContract, saveContract } from "./contracts";
import { listCatalog } from "./queries";

useTestDatabase();

async function people() {
  const school = await makeSchool();
  const provider = await db().provider.create({ data: { code: `P${Math.random().toString(36).slice(2, 8).toUpperCase()}`, name: "Apex Learning" } });
  return {
    provider,
    admin: viewerOf(await makeUser("DISTRICT_ADMIN", null)),
    schoolAdmin: viewerOf(await makeUser("SCHOOL_ADMIN", school.id)),
    counselor: viewerOf(await makeUser("COUNSELOR", school.id)),
  };
}

const save = (viewer: Parameters<typeof saveContract>[0], raw: Record<string, unknown>) => runValidated(viewer, contractSchema, saveContract, raw);
const remove = (viewer: Parameters<typeof deleteContract>[0], raw: Record<string, unknown>) => runValidated(viewer, contractDeleteSchema, deleteContract, raw);
/** The provider's contracts (each test has its own provider; the file shares one database). */
const contracts = (providerId: string) => db().providerContract.findMany({ where: { providerId }, orderBy: { schoolYear: "asc" } });

describe("provider contract costs on the Catalog page", () => {
  it("a district administrator adds, changes and removes a year's contract, each audited with what changed", async () => {
    const { provider, admin } = await people();
    const added = await save(admin, { providerId: provider.id, schoolYear: "2024-25", cost: "$125,000", note: " 400 seat licenses " });
    expect(added).toMatchObject({ ok: true, data: { year: "2024-25", created: true, changed: true } });
    expect((await contracts(provider.id)).map((c) => [c.schoolYear, c.cost.toFixed(2), c.note])).toEqual([[2024, "125000.00", "400 seat licenses"]]);

    // The same year again changes it; a bare year is the school year it starts.
    const changed = await save(admin, { providerId: provider.id, schoolYear: "2024", cost: "130000.5", note: "" });
    expect(changed).toMatchObject({ ok: true, data: { created: false, changed: true } });
    expect((await contracts(provider.id)).map((c) => [c.schoolYear, c.cost.toFixed(2), c.note])).toEqual([[2024, "130000.50", null]]);
    // Saved as it is: nothing written, no event.
    expect(await save(admin, { providerId: provider.id, schoolYear: "2024-25", cost: "130,000.50" })).toMatchObject({ ok: true, data: { changed: false } });

    const events = await db().auditEvent.findMany({ where: { action: { startsWith: "catalog.contract." }, entityId: provider.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => [e.action, e.userId, e.entity, e.entityId])).toEqual([
      ["catalog.contract.create", admin.id, "Provider", provider.id],
      ["catalog.contract.update", admin.id, "Provider", provider.id],
    ]);
    expect(events[0]!.details).toEqual({
      provider: provider.code,
      schoolYear: "2024-25",
      changes: { cost: { from: null, to: "125000.00" }, note: { from: null, to: "400 seat licenses" } },
    });
    expect(events[1]!.details).toMatchObject({ changes: { cost: { from: "125000.00", to: "130000.50" }, note: { from: "400 seat licenses", to: null } } });

    // The catalog lists it for the administrator.
    const listed = (await listCatalog(admin)).providers.find((p) => p.id === provider.id)!;
    expect(listed.contracts).toEqual([{ schoolYear: 2024, year: "2024-25", cost: "130000.50", note: null }]);

    expect(await remove(admin, { providerId: provider.id, schoolYear: "2024-25", confirmed: "yes" })).toMatchObject({ ok: true, data: { year: "2024-25" } });
    expect(await contracts(provider.id)).toEqual([]);
    expect(await db().auditEvent.findFirst({ where: { action: "catalog.contract.delete", entityId: provider.id } })).toMatchObject({
      entityId: provider.id,
      details: { schoolYear: "2024-25", changes: { cost: { from: "130000.50", to: null } } },
    });
    // Removing it again: refused in words, not an error page.
    expect(await remove(admin, { providerId: provider.id, schoolYear: "2024-25", confirmed: "yes" })).toEqual({
      ok: false,
      message: "There is no 2024-25 contract to remove: the page may be out of date.",
    });
  });

  it("refuses counselors and school administrators, writing nothing but the refusal; they do not see the costs", async () => {
    const { provider, admin, schoolAdmin, counselor } = await people();
    await save(admin, { providerId: provider.id, schoolYear: "2024-25", cost: "90000" });
    for (const viewer of [counselor, schoolAdmin]) {
      expect(await save(viewer, { providerId: provider.id, schoolYear: "2024-25", cost: "1" })).toEqual({ ok: false, message: "You do not have access to this." });
      expect(await remove(viewer, { providerId: provider.id, schoolYear: "2024-25", confirmed: "yes" })).toMatchObject({ ok: false, message: "You do not have access to this." });
      expect((await listCatalog(viewer)).providers.find((p) => p.id === provider.id)!.contracts).toBeNull();
    }
    expect((await contracts(provider.id)).map((c) => c.cost.toFixed(2))).toEqual(["90000.00"]);
    expect(await db().auditEvent.count({ where: { action: { startsWith: "catalog.contract." }, entityId: provider.id } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "access.refused", userId: { in: [counselor.id, schoolAdmin.id] } } })).toBe(4);
  });

  it("names each bad field in words: negative, too large, not a number, a year out of range; an unknown provider is not found", async () => {
    const { provider, admin } = await people();
    const errors = async (over: Record<string, unknown>) => {
      const r = await save(admin, { providerId: provider.id, schoolYear: "2024-25", cost: "1000", ...over });
      expect(r.ok).toBe(false);
      return r.ok ? {} : r.fieldErrors;
    };
    expect(await errors({ cost: "-5000" })).toEqual({ cost: ["The cost cannot be negative"] });
    expect(await errors({ cost: "10000000000" })).toEqual({ cost: ["The cost must be at most $9,999,999,999.99"] });
    expect(await errors({ cost: "lots" })).toEqual({ cost: ["Enter the cost in dollars, like 125000 or $125,000.00"] });
    expect(await errors({ cost: "12.345" })).toEqual({ cost: ["Enter the cost to the cent (at most two decimals)"] });
    expect(await errors({ cost: "" })).toEqual({ cost: ["Enter the cost in dollars"] });
    expect(await errors({ schoolYear: "1999-00" })).toEqual({ schoolYear: ["Enter a school year from 2000-01 on"] });
    const far = schoolYearOf(districtDay()) + 2;
    expect(await errors({ schoolYear: yearLabel(far) })).toEqual({ schoolYear: [`${yearLabel(far)} is too far ahead: enter a contract up to ${yearLabel(far - 1)}`] });
    expect(await errors({ schoolYear: "2024-26" })).toEqual({ schoolYear: ['"2024-26" is not a school year: write it as 2024-25'] });
    expect(await errors({ schoolYear: "last year" })).toEqual({ schoolYear: ['"last year" is not a school year: write it like 2025-26'] });
    expect(await errors({ note: "x".repeat(301) })).toEqual({ note: ["Keep the note to 300 characters"] });
    expect(await errors({ cost: "abc", schoolYear: "" })).toEqual({ cost: [expect.any(String)], schoolYear: ["Enter the school year, like 2025-26"] });
    // Next school year is allowed (contracts are signed ahead); the largest the column holds too.
    expect(await save(admin, { providerId: provider.id, schoolYear: yearLabel(far - 1), cost: "9,999,999,999.99" })).toMatchObject({ ok: true });

    for (const providerId of ["cm0nosuchprovider0000000000", "x".repeat(64)]) {
      expect(await save(admin, { providerId, schoolYear: "2024-25", cost: "1000" })).toEqual({ ok: false, message: "Provider not found" });
    }
    expect(await db().auditEvent.count({ where: { action: "provider.write.refused", userId: admin.id } })).toBe(2);
    expect((await contracts(provider.id)).map((c) => [c.schoolYear, c.cost.toFixed(2)])).toEqual([[far - 1, "9999999999.99"]]);
  });
});
