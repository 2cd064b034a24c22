import "server-only";
import type { Viewer } from "@/lib/access";
import { reengageStudent } from "@/lib/reengagement/reengage";
import { changeStudentStatus } from "./status";
import type { StatusChangeInput } from "./schema";

/**
 * The status form's write: an exit through changeStudentStatus; a re-engagement through the
 * Re-engagement list's path (reengageStudent), so it too ends with an active counselor of the
 * student's school — the current one if they still may take the student, else the one chosen.
 */
export async function changeStatus(
  viewer: Viewer,
  input: StatusChangeInput,
  now: Date = new Date(),
): Promise<{ studentId: string; kind: StatusChangeInput["kind"]; counselorName?: string }> {
  if (input.kind === "REENGAGED") return reengageStudent(viewer, input, now);
  return changeStudentStatus(viewer, input, now);
}
