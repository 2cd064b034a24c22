import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { assertLookupId, NotFoundError, type Viewer, assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { ConflictError, DomainError } from "@/lib/safe-action";
import { createCourse, diffCourse, storedCourse, updateCourse } from "./write";
import type { CourseActiveInput, CourseIdInput, CourseInput, ProviderInput } from "./schema";

// The Catalog page's writes (district administrators): providers, courses with their assessment
// sets, retire/reactivate, delete. Each is one transaction with its audit event.

function assertManager(viewer: Viewer): void {
  assertCan(viewer, "catalog.manage");
}

export async function saveProvider(viewer: Viewer, input: ProviderInput): Promise<{ id: string; created: boolean }> {
  assertManager(viewer);
  if (input.providerId) assertLookupId(input.providerId, "Provider");
  try {
    return await db().$transaction(async (tx) => {
      if (!input.providerId) {
        const p = await tx.provider.create({ data: { code: input.code, name: input.name }, select: { id: true } });
        await recordAudit(viewer, { action: "catalog.provider.create", entity: "Provider", entityId: p.id, details: { code: input.code, name: input.name } }, tx);
        return { id: p.id, created: true };
      }
      const before = await tx.provider.findUnique({ where: { id: input.providerId } });
      if (!before) throw new NotFoundError("Provider", input.providerId);
      if (before.code !== input.code || before.name !== input.name) {
        await tx.provider.update({ where: { id: before.id }, data: { code: input.code, name: input.name } });
        await recordAudit(
          viewer,
          {
            action: "catalog.provider.update",
            entity: "Provider",
            entityId: before.id,
            details: { from: { code: before.code, name: before.name }, to: { code: input.code, name: input.name } },
          },
          tx,
        );
      }
      return { id: before.id, created: false };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("Another provider has this code.", "code");
    throw e;
  }
}

export type SavedCourse = { id: string; created: boolean; version: number; newVersion: boolean; changed: string[] };

/**
 * Adds a course (version 1) or changes one: fields in place, a grading change to its assessments
 * as a new version (lib/catalog/write.ts). An edit made on a form loaded before another change of
 * the assessments is refused (ConflictError), so nobody overwrites a set they have not seen.
 */
export async function saveCourse(viewer: Viewer, input: CourseInput): Promise<SavedCourse> {
  assertManager(viewer);
  assertLookupId(input.providerId, "Provider");
  if (input.courseId) assertLookupId(input.courseId, "Course");
  const write = { ...input, active: true };
  try {
    return await db().$transaction(async (tx) => {
      // Two edits of one course at once: a no-op update takes the row's lock first, so the second
      // waits, then reads the first's version (a stale form is refused; otherwise it builds on it)
      // instead of colliding on (course, version, position) and reading as a duplicate code.
      if (input.courseId) await tx.onlineCourse.updateMany({ where: { id: input.courseId }, data: { currentVersion: { increment: 0 } } });
      const row = input.courseId ? await tx.onlineCourse.findUnique({ where: { id: input.courseId }, include: { assessments: true } }) : null;
      if (input.courseId && !row) throw new NotFoundError("Course", input.courseId);
      const provider = await tx.provider.findUnique({ where: { id: input.providerId }, select: { id: true } });
      if (!provider) throw new DomainError("Choose a provider from the list.", "providerId");
      if (!row) {
        const c = await createCourse(tx, write);
        await recordAudit(
          viewer,
          {
            action: "catalog.course.create",
            entity: "OnlineCourse",
            entityId: c.id,
            details: { code: input.providerCourseCode, title: input.title, assessments: input.assessments.length },
          },
          tx,
        );
        return { id: c.id, created: true, version: 1, newVersion: false, changed: [] };
      }
      if (row.providerId !== input.providerId) throw new DomainError("A course stays with its provider: add it to the other provider as a new course.", "providerId");
      if (input.loadedVersion !== null && input.loadedVersion !== row.currentVersion) throw new ConflictError();
      const stored = storedCourse(row);
      const diff = diffCourse(stored, { ...write, active: stored.active });
      const version = await updateCourse(tx, stored, { ...write, active: stored.active }, diff);
      const changed = [...diff.fields, ...(diff.set === "same" ? [] : [diff.set === "grading" ? "assessments" : "assessment titles"])];
      if (changed.length) {
        await recordAudit(
          viewer,
          { action: "catalog.course.update", entity: "OnlineCourse", entityId: row.id, details: { changed, fromVersion: row.currentVersion, version } },
          tx,
        );
      }
      return { id: row.id, created: false, version, newVersion: version !== row.currentVersion, changed };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("This provider already has a course with this code.", "providerCourseCode");
    throw e;
  }
}

/** Retire (no new enrollments; current ones go on) or reactivate a course. */
export async function setCourseActive(viewer: Viewer, input: CourseActiveInput): Promise<{ active: boolean }> {
  assertManager(viewer);
  assertLookupId(input.courseId, "Course");
  return db().$transaction(async (tx) => {
    const c = await tx.onlineCourse.findUnique({ where: { id: input.courseId }, select: { id: true, active: true } });
    if (!c) throw new NotFoundError("Course", input.courseId);
    if (c.active !== input.active) {
      await tx.onlineCourse.update({ where: { id: c.id }, data: { active: input.active } });
      await recordAudit(viewer, { action: input.active ? "catalog.course.reactivate" : "catalog.course.retire", entity: "OnlineCourse", entityId: c.id }, tx);
    }
    return { active: input.active };
  });
}

/** Deletes a course that no enrollment ever used; any other is refused: retire it instead. */
export async function deleteCourse(viewer: Viewer, input: CourseIdInput): Promise<{ title: string }> {
  assertManager(viewer);
  assertLookupId(input.courseId, "Course");
  return db().$transaction(async (tx) => {
    const c = await tx.onlineCourse.findUnique({
      where: { id: input.courseId },
      select: { id: true, title: true, providerCourseCode: true, _count: { select: { enrollments: true } } },
    });
    if (!c) throw new NotFoundError("Course", input.courseId);
    if (c._count.enrollments > 0) {
      throw new DomainError(
        `${c.title} has ${c._count.enrollments} enrollment${c._count.enrollments === 1 ? "" : "s"} and cannot be deleted: retire it instead (it then takes no new enrollments).`,
      );
    }
    await tx.onlineCourse.delete({ where: { id: c.id } });
    await recordAudit(viewer, { action: "catalog.course.delete", entity: "OnlineCourse", entityId: c.id, details: { code: c.providerCourseCode, title: c.title } }, tx);
    return { title: c.title };
  });
}
