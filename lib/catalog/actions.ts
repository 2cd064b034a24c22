"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { deleteCourse, saveCourse, saveProvider, setCourseActive } from "./manage";
import { moveEnrollmentsToCurrent } from "./move";
import { deleteContract, saveContract } from "./contracts";
import { contractDeleteSchema, contractSchema, courseActiveSchema, courseIdSchema, courseSchema, providerSchema } from "./schema";

// The Catalog page's actions (district administrators; lib/catalog/manage.ts checks the role).

export async function saveProviderAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(providerSchema, (viewer, input) => saveProvider(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/catalog");
  return { ...r, message: r.data.created ? "Provider added." : "Provider saved." };
}

export async function saveCourseAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(courseSchema, (viewer, input) => saveCourse(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/catalog");
  revalidatePath(`/catalog/${r.data.id}`);
  const d = r.data;
  const message = d.created
    ? "Course added (version 1)."
    : d.newVersion
      ? `Saved. The assessments changed, so this is version ${d.version}: new enrollments start on it; active enrollments keep their version until you move them.`
      : d.changed.length
        ? "Saved."
        : "Nothing had changed.";
  return { ...r, message };
}

export async function setCourseActiveAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(courseActiveSchema, (viewer, input) => setCourseActive(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/catalog", "layout");
  return { ...r, message: r.data.active ? "Course reactivated: it takes new enrollments." : "Course retired: it takes no new enrollments; current ones go on." };
}

export async function deleteCourseAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(courseIdSchema, (viewer, input) => deleteCourse(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/catalog");
  redirect("/catalog?deleted=1");
}

export async function moveEnrollmentsAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(courseIdSchema, (viewer, input) => moveEnrollmentsToCurrent(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/catalog", "layout");
  const { moved, kept, to } = r.data;
  const keptText = kept.length
    ? ` ${kept.length} kept on their version: they have results on assessment position${kept.flatMap((k) => k.missing).length > 1 ? "s" : ""} ${[...new Set(kept.flatMap((k) => k.missing))].join(", ")}, which version ${to} does not have.`
    : "";
  return { ...r, message: `${moved} active enrollment${moved === 1 ? "" : "s"} moved to version ${to}.${keptText}` };
}

/** A provider's contract cost for a school year: added, or changed when the year has one. */
export async function saveContractAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(contractSchema, (viewer, input) => saveContract(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/catalog");
  const { year, created, changed } = r.data;
  return { ...r, message: created ? `Contract for ${year} added.` : changed ? `Contract for ${year} saved.` : "Nothing had changed." };
}

export async function deleteContractAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(contractDeleteSchema, (viewer, input) => deleteContract(viewer, input), form);
  if (!r.ok) return r;
  revalidatePath("/catalog");
  return { ...r, message: `Contract for ${r.data.year} removed.` };
}
