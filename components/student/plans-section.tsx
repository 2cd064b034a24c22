import type { Viewer } from "@/lib/access";

/**
 * The student's intervention plans (issue 16): placeholder filled in by the plans work
 * (lib/plans/). Loads its own data within the viewer's scope.
 */
export async function PlansSection(_props: { viewer: Viewer; studentId: string }) {
  return null;
}
