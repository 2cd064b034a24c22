import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { NotFoundError, type Viewer } from "@/lib/access";
import { DomainError } from "@/lib/safe-action";
import { caseloadParamsSchema } from "@/lib/students/schema";
import { savedViewList } from "@/lib/sql/queries/saved-view-list";
import { caseloadViewQuery } from "./url";
import { MAX_SAVED_VIEWS, type DeleteViewInput, type SaveViewInput } from "./schema";

// Saved views (issue 16): a named filter set of the caseload, per user, shown as tabs above the
// list. A view stores only the caseload's query string, which the caseload page parses with its own
// schema on every visit: a view names filters, never grants scope (a counselor's saved
// "school=…" still lists only their caseload). Not audited: no student data is read or written.

export type SavedViewRow = { id: string; name: string; query: string };

export async function listSavedViews(viewer: Viewer): Promise<SavedViewRow[]> {
  return savedViewList(viewer.id);
}

/** The query normalised through the caseload's params (unknown keys and bad values dropped; page left out). */
export function normalisedQuery(query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const raw: Record<string, string | string[]> = {};
  for (const k of new Set(params.keys())) {
    const all = params.getAll(k);
    raw[k] = all.length > 1 ? all : all[0]!;
  }
  return caseloadViewQuery(caseloadParamsSchema.parse(raw));
}

export async function saveView(viewer: Viewer, input: SaveViewInput): Promise<SavedViewRow> {
  const query = normalisedQuery(input.query);
  return db().$transaction(async (tx) => {
    const count = await tx.savedView.count({ where: { userId: viewer.id } });
    if (count >= MAX_SAVED_VIEWS) throw new DomainError(`You have ${MAX_SAVED_VIEWS} saved views, the most there can be: delete one first.`, "name");
    try {
      return await tx.savedView.create({ data: { userId: viewer.id, name: input.name, query, position: count }, select: { id: true, name: true, query: true } });
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError(`You already have a view named “${input.name}”.`, "name");
      throw e;
    }
  });
}

/** Deletes one of the viewer's own views; another user's view is not found. */
export async function deleteView(viewer: Viewer, input: DeleteViewInput): Promise<{ name: string }> {
  const view = await db().savedView.findFirst({ where: { id: input.viewId, userId: viewer.id }, select: { id: true, name: true } });
  if (!view) throw new NotFoundError("Saved view", input.viewId);
  await db().savedView.deleteMany({ where: { id: view.id, userId: viewer.id } });
  return { name: view.name };
}
