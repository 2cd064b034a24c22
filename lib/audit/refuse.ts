import "server-only";
import { notFound } from "next/navigation";
import { can, type Action, type Viewer } from "@/lib/access";
import { recordRefusal } from "@/lib/audit";

/**
 * A page the viewer's role may not open: the refusal is audited (`access.refused` with the path),
 * then the plain 404 page, as for any page that does not exist.
 */
export async function refusePage(viewer: Viewer, path: string): Promise<never> {
  try {
    await recordRefusal(viewer, { action: "access.refused", path });
  } catch (failure) {
    console.error("Could not record a refused attempt", failure);
  }
  notFound();
}

/**
 * A page's role gate: the page opens only for the roles POLICY gives `action` (lib/access.ts), and
 * the navigation shows its link by the same `can`; anyone else gets refusePage's 404.
 */
export async function requirePage(viewer: Viewer, action: Action, path: string): Promise<void> {
  if (!can(viewer, action)) await refusePage(viewer, path);
}
