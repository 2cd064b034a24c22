import "server-only";
import { notFound } from "next/navigation";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { auditReportRefusal } from "@/lib/reports/http";

/**
 * Report pages: a refused role or an out-of-scope school reads as a plain "not found" page, and
 * the refusal is audited with the page's path.
 */
export async function orNotFound<T>(viewer: Viewer, path: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof ForbiddenError || e instanceof NotFoundError) {
      await auditReportRefusal(viewer, e, path);
      notFound();
    }
    throw e;
  }
}
