import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { db } from "@/lib/db";
import { makeSchool, makeStudent, makeUser, viewerOf } from "@/lib/test/factory";
import { sqlDb } from "@/lib/sql/db";
import { noteReadable, schoolInScope, studentInScope } from "@/lib/sql/fragments/scope";
import { reportSchoolRow } from "@/lib/sql/queries/report-school-row";
import { readableNote, schoolScope, studentScope } from "./access";

useTestDatabase();

// The scope rules are written for Prisma (studentScope, readableNote) and rendered as SQL for the
// typed boundary (lib/sql/fragments/scope.ts studentInScope, noteReadable). Every rendering must
// reach exactly the same rows as the rule for every kind of person.
describe("studentScope and its SQL renderings", () => {
  it("reach the same students for a counselor, a school admin (with and without a school) and a district admin", async () => {
    const [a, b] = [await makeSchool(), await makeSchool()];
    const [ca, cb] = [await makeUser("COUNSELOR", a.id), await makeUser("COUNSELOR", b.id)];
    for (const [school, counselor] of [
      [a.id, ca.id],
      [a.id, null],
      [b.id, cb.id],
    ] as const)
      await makeStudent(school, counselor);
    const viewers = [
      viewerOf(ca),
      viewerOf(cb),
      viewerOf(await makeUser("SCHOOL_ADMIN", a.id)),
      viewerOf(await makeUser("SCHOOL_ADMIN", null)),
      viewerOf(await makeUser("DISTRICT_ADMIN", null)),
    ];
    const counts: number[] = [];
    for (const v of viewers) {
      const viaPrisma = (await db().student.findMany({ where: studentScope(v), select: { id: true } })).map((s) => s.id).sort();
      const viaBoundary = (await sqlDb().selectFrom("Student as s").select("s.id").where(studentInScope(v)).execute()).map((s) => s.id).sort();
      const viaAlias = (await sqlDb().selectFrom("Student as st").select("st.id").where(studentInScope(v, "st")).execute()).map((s) => s.id).sort();
      expect(viaBoundary).toEqual(viaPrisma);
      expect(viaAlias).toEqual(viaPrisma);
      counts.push(viaBoundary.length);
    }
    expect(counts).toEqual([1, 1, 2, 0, 3]);
  });
});

describe("schoolScope and its SQL rendering", () => {
  it("reach the same schools for a counselor, a school admin (with and without a school) and a district admin", async () => {
    const [a, b] = [await makeSchool(), await makeSchool()];
    // A counselor without a school first: the prepared lookup's text must not be kept for the rest.
    const viewers = [
      viewerOf(await makeUser("COUNSELOR", null)),
      viewerOf(await makeUser("COUNSELOR", a.id)),
      viewerOf(await makeUser("SCHOOL_ADMIN", b.id)),
      viewerOf(await makeUser("SCHOOL_ADMIN", null)),
      viewerOf(await makeUser("DISTRICT_ADMIN", null)),
    ];
    const counts: number[] = [];
    for (const v of viewers) {
      const viaPrisma = (await db().school.findMany({ where: schoolScope(v), select: { id: true } })).map((s) => s.id).sort();
      const viaBoundary = (await sqlDb().selectFrom("School as sc").select("sc.id").where(schoolInScope(v)).execute()).map((s) => s.id).sort();
      expect(viaBoundary).toEqual(viaPrisma);
      counts.push(viaBoundary.filter((id) => id === a.id || id === b.id).length);
      // The report's lookup (prepared, by id or state code) reaches the same schools, and no other.
      for (const s of [a, b]) {
        const reached = viaPrisma.includes(s.id);
        expect((await reportSchoolRow(s.id, v))?.id).toBe(reached ? s.id : undefined);
        expect((await reportSchoolRow(s.stateCode, v))?.id).toBe(reached ? s.id : undefined);
      }
    }
    expect(counts).toEqual([0, 1, 1, 0, 2]);
  });

  it("finds a school by its id before another school whose state code is that id", async () => {
    const a = await makeSchool();
    const b = await makeSchool({ stateCode: a.id });
    const district = viewerOf(await makeUser("DISTRICT_ADMIN", null));
    expect((await reportSchoolRow(a.id, district))?.id).toBe(a.id);
    expect((await reportSchoolRow(b.id, district))?.id).toBe(b.id);
  });
});

describe("readableNote and its SQL rendering", () => {
  it("read the same notes for the author, a counselor shared with, another counselor and each kind of admin", async () => {
    const [a, b] = [await makeSchool(), await makeSchool()];
    const [author, sharedWith, other] = [await makeUser("COUNSELOR", a.id), await makeUser("COUNSELOR", a.id), await makeUser("COUNSELOR", a.id)];
    const student = await makeStudent(a.id, author.id);
    const note = (restricted: boolean) => db().note.create({ data: { studentId: student.id, authorId: author.id, kind: "OTHER", body: "x", restricted } });
    await note(false);
    await note(true);
    const shared = await note(true);
    await db().noteShare.create({ data: { noteId: shared.id, userId: sharedWith.id, sharedById: author.id } });
    const viewers = [
      viewerOf(author),
      viewerOf(sharedWith),
      viewerOf(other),
      viewerOf(await makeUser("SCHOOL_ADMIN", a.id)),
      viewerOf(await makeUser("SCHOOL_ADMIN", b.id)),
      viewerOf(await makeUser("SCHOOL_ADMIN", null)),
      viewerOf(await makeUser("DISTRICT_ADMIN", null)),
    ];
    const counts: number[] = [];
    for (const v of viewers) {
      const viaPrisma = (await db().note.findMany({ where: readableNote(v), select: { id: true } })).map((n) => n.id).sort();
      const viaBoundary = (await sqlDb().selectFrom("Note as n").innerJoin("Student as s", "s.id", "n.studentId").select("n.id").where(noteReadable(v)).execute())
        .map((n) => n.id)
        .sort();
      expect(viaBoundary).toEqual(viaPrisma);
      counts.push(viaBoundary.length);
    }
    // author: all 3; shared with: open + shared; other counselor: open; own school's admin: 3;
    // another school's admin: open; school admin without a school: open; district admin: 3.
    expect(counts).toEqual([3, 2, 1, 3, 1, 1, 3]);
  });
});
