import "server-only";
import { preparedQuery, sqlDb } from "@/lib/sql/db";

const query = preparedQuery((v: { userId: string }) =>
  sqlDb().selectFrom("SavedView as v").select(["v.id", "v.name", "v.query"]).where("v.userId", "=", v.userId).orderBy("v.position").orderBy("v.createdAt").orderBy("v.id"),
);

/** A user's saved caseload views, in their tab order (lib/caseload/views.ts). Prepared: every caseload view. */
export async function savedViewList(userId: string) {
  return (await query({ userId }, undefined)).rows;
}
