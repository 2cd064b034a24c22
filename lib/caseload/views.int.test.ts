import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { NotFoundError } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { makeSchool, makeUser, viewerOf } from "@/lib/test/factory";
import { deleteView, listSavedViews, normalisedQuery, saveView } from "./views";
import { MAX_SAVED_VIEWS, saveViewSchema } from "./schema";

useTestDatabase();

const save = (v: ReturnType<typeof viewerOf>, name: string, query: string) => saveView(v, saveViewSchema.parse({ name, query }));

describe("saved views", () => {
  it("normalises the query through the caseload's params: defaults, unknown keys and the page dropped", () => {
    expect(normalisedQuery("?page=3&risk=HIGH&grade=12&evil=1&status=ENROLLED&flag=EL&flag=SPED")).toBe("risk=HIGH&grade=12&flag=EL&flag=SPED");
    expect(normalisedQuery("sort=name&dir=desc")).toBe("sort=name&dir=desc");
    expect(normalisedQuery("risk=WHATEVER")).toBe("");
  });

  it("keeps each user's own views in order, refuses a duplicate name, and at most 12", async () => {
    const school = await makeSchool();
    const me = viewerOf(await makeUser("COUNSELOR", school.id));
    const them = viewerOf(await makeUser("COUNSELOR", school.id));
    await save(me, "Seniors", "grade=12");
    await save(me, "High risk", "risk=HIGH");
    await save(them, "Seniors", "grade=12&risk=HIGH");
    expect((await listSavedViews(me)).map((v) => [v.name, v.query])).toEqual([
      ["Seniors", "grade=12"],
      ["High risk", "risk=HIGH"],
    ]);
    await expect(save(me, "Seniors", "grade=11")).rejects.toBeInstanceOf(DomainError);
    for (let i = 2; i < MAX_SAVED_VIEWS; i++) await save(me, `View ${i}`, `grade=${9 + (i % 4)}`);
    expect(await listSavedViews(me)).toHaveLength(MAX_SAVED_VIEWS);
    await expect(save(me, "One too many", "grade=9")).rejects.toThrow(/12 saved views/);
  });

  it("deletes only the viewer's own view; another's is not found", async () => {
    const school = await makeSchool();
    const me = viewerOf(await makeUser("COUNSELOR", school.id));
    const them = viewerOf(await makeUser("COUNSELOR", school.id));
    const mine = await save(me, "Mine", "risk=HIGH");
    await expect(deleteView(them, { viewId: mine.id })).rejects.toBeInstanceOf(NotFoundError);
    expect(await listSavedViews(me)).toHaveLength(1);
    expect(await deleteView(me, { viewId: mine.id })).toEqual({ name: "Mine" });
    expect(await listSavedViews(me)).toHaveLength(0);
  });
});
