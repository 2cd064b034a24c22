import type { Viewer } from "@/lib/access";

/**
 * The student's guardians and family contact log (issue 16): placeholder filled in by the family
 * work (lib/family/). Loads its own data within the viewer's scope.
 */
export async function FamilySection(_props: { viewer: Viewer; studentId: string }) {
  return null;
}
