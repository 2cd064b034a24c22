// lib/sql/db.ts preparedQuery on a real database: one compiled statement per shape, each call's
// values in it, and a query that looks at a placeholder (or a key that misses a shape) caught.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { db } from "@/lib/db";
import { useTestDatabase } from "@/lib/test/db";
import { preparedQuery, reusedAggregate, sqlDb } from "@/lib/sql/db";

useTestDatabase();

beforeAll(async () => {
  await db().school.createMany({
    data: [
      { id: "sc-a", name: "Alder High", stateCode: "0001" },
      { id: "sc-b", name: "Birch High", stateCode: "0002" },
      { id: "sc-c", name: "Cedar Academy", stateCode: "0003" },
    ],
  });
});

describe("preparedQuery", () => {
  it("runs the statement compiled once with each call's values", async () => {
    let builds = 0;
    const byId = preparedQuery((v: { id: string }) => {
      builds++;
      return sqlDb().selectFrom("School").select(["id", "name"]).where("id", "=", v.id);
    });
    expect((await byId({ id: "sc-a" }, undefined)).rows).toEqual([{ id: "sc-a", name: "Alder High" }]);
    expect((await byId({ id: "sc-b" }, undefined)).rows).toEqual([{ id: "sc-b", name: "Birch High" }]);
    expect((await byId({ id: "none" }, undefined)).rows).toEqual([]);
    // One build for the cache, and under Vitest one fresh build per call to check it against.
    expect(builds).toBe(1 + 3);
  });

  it("compiles one statement per key, from the shape the caller gives", async () => {
    const schools = preparedQuery(
      (v: { prefix: string }, shape: { academies: boolean }) =>
        sqlDb()
          .selectFrom("School")
          .select("id")
          .where("name", "like", v.prefix)
          .$if(shape.academies, (q) => q.where("name", "like", sql.lit("%Academy")))
          .orderBy("id"),
      (shape) => (shape.academies ? "academies" : "all"),
    );
    expect((await schools({ prefix: "%" }, { academies: false })).rows.map((r) => r.id)).toEqual(["sc-a", "sc-b", "sc-c"]);
    expect((await schools({ prefix: "%" }, { academies: true })).rows.map((r) => r.id)).toEqual(["sc-c"]);
    expect((await schools({ prefix: "B%" }, { academies: false })).rows.map((r) => r.id)).toEqual(["sc-b"]);
  });

  it("refuses a placeholder made into a string, in production too", async () => {
    const starting = preparedQuery((v: { start: string }) => sqlDb().selectFrom("School").select("id").where("name", "like", `${v.start}%`));
    await expect(starting({ start: "Alder" }, undefined)).rejects.toThrow(/the placeholder "start" was looked at while the query was built/);
  });

  it("throws when the query tests a placeholder instead of passing it on", async () => {
    // A placeholder is always truthy: the cached statement keeps the branch a false value would skip.
    const maybe = preparedQuery((v: { named: boolean }) =>
      sqlDb()
        .selectFrom("School")
        .select("id")
        .$if(v.named, (q) => q.where("name", "is not", null)),
    );
    await expect(maybe({ named: false }, undefined)).rejects.toThrow(/preparedQuery: the cached statement differs from a fresh build/);
  });

  it("throws when the key misses what shapes the SQL", async () => {
    const keyless = preparedQuery((_v: Record<string, never>, shape: { named: boolean }) =>
      sqlDb()
        .selectFrom("School")
        .select("id")
        .$if(shape.named, (q) => q.where("name", "is not", null)),
    );
    await keyless({}, { named: false });
    await expect(keyless({}, { named: true })).rejects.toThrow(/the key misses what shapes the SQL/);
  });
});

describe("reusedAggregate", () => {
  const built: (string[] | null)[] = [];
  const names = reusedAggregate((prefix: string, schools: string[] | null) => {
    built.push(schools);
    return sqlDb()
      .selectFrom("School")
      .select(["id", "name"])
      .where("name", "like", prefix)
      .$if(schools !== null, (q) => q.where((eb) => eb("id", "=", eb.fn.any(eb.val(schools!)))))
      .orderBy("id");
  });

  it("builds once per arguments and all-or-some, and runs each call's schools", async () => {
    built.length = 0;
    const ids = async (prefix: string, schools: string[] | null) => (await names(prefix, schools).execute()).map((r) => r.id);
    expect(await ids("%", null)).toEqual(["sc-a", "sc-b", "sc-c"]);
    expect(await ids("%", ["sc-b"])).toEqual(["sc-b"]);
    expect(await ids("%", ["sc-a", "sc-c"])).toEqual(["sc-a", "sc-c"]);
    expect(await ids("%", [])).toEqual([]);
    expect(await ids("B%", ["sc-a", "sc-b"])).toEqual(["sc-b"]);
    // Three kept builds ("%" of every school, "%" of some, "B%" of some: the last two with an empty
    // list no call passes) and, under Vitest, one fresh build per call with the call's own list.
    expect(built.length).toBe(3 + 5);
    expect(built.filter((s) => s === null)).toHaveLength(1 + 1);
  });

  it("throws when a school's id shapes the text instead of going as a value", async () => {
    const shaped = reusedAggregate((schools: string[] | null) =>
      sqlDb()
        .selectFrom("School")
        .select("id")
        .$if(schools !== null, (q) => q.where((eb) => eb("id", "=", eb.fn.any(eb.val(schools!)))))
        .$if(schools !== null && schools.length > 1, (q) => q.orderBy("id")),
    );
    await expect(shaped(["sc-a", "sc-b"]).execute()).rejects.toThrow(/the schools' list shaped the text/);
  });

  it("refuses, in production too, a builder that copies the schools' list instead of passing it on", async () => {
    const copied = reusedAggregate((schools: string[] | null) =>
      sqlDb()
        .selectFrom("School")
        .select("id")
        .$if(schools !== null, (q) => q.where((eb) => eb("id", "=", eb.fn.any(eb.val([...schools!]))))),
    );
    await expect(copied(["sc-a"]).execute()).rejects.toThrow(/not among the statement's values/);
  });
});
