import "server-only";
import { notFound } from "next/navigation";
import type { Viewer } from "@/lib/access";
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
