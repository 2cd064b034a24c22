"use server";
import { revalidatePath } from "next/cache";
import { withViewer, type ActionResult } from "@/lib/safe-action";
import { reverseCredit } from "./credit-review";
import { reverseCreditSchema } from "./schema";

// The credit review's one write (/admin/credit-review): administrators only, in their scope
// (lib/access.ts POLICY "credit.review"), checked again in reverseCredit.

export async function reverseCreditAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(reverseCreditSchema, (viewer, input) => reverseCredit(viewer, input), form);
  if (r.ok) {
    revalidatePath("/admin/credit-review");
    revalidatePath(`/students/${r.data.studentId}`);
    const unlinked = r.data.unlinked.map((u) => u.courseTitle);
    const also = unlinked.length === 0 ? "" : ` ${unlinked.join(", ")} no longer ${unlinked.length === 1 ? "recovers" : "recover"} it (the link was to that transcript row).`;
    return { ...r, message: `Credit reversed: the transcript row is removed and the course is marked failed.${also}` };
  }
  return r;
}
