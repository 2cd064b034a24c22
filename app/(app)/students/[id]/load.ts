import "server-only";
import { notFound } from "next/navigation";
import { getViewer } from "@/lib/auth";
import { NotFoundError } from "@/lib/access";
import { getStudentRecord } from "@/lib/students/record";
import { districtDay } from "@/lib/time";

/** The student page's and plan's record, as of today; out of scope or missing → the 404 page. */
export async function loadRecord(id: string) {
  const viewer = await getViewer();
  try {
    return { viewer, r: await getStudentRecord(viewer, id, districtDay()) };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
}
