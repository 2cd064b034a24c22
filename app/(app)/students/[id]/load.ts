import "server-only";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { NotFoundError } from "@/lib/access";
import { getStudentRecord } from "@/lib/students/record";
import { districtDay } from "@/lib/calendar";

/**
 * The student page's, plan's and letter's record, as of today; out of scope or missing → the 404
 * page. `{ notes: false }` for a page that shows no notes (no restricted read is recorded then).
 */
export async function loadRecord(id: string, options: { notes?: boolean } = {}) {
  const viewer = await getViewer();
  try {
    return { viewer, r: await getStudentRecord(viewer, id, districtDay(), options) };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}
