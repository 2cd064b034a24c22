// The seed's bulk writer (prisma/seed/bulk.ts) on a real database: a child table's chunk never
// reaches the database ahead of the parent rows it references. The district-scale seed once failed
// here ("PlanCheckIn violates foreign key constraint PlanCheckIn_planId_fkey"): the check-ins'
// chunk filled while the plans they belong to were still in the plans' buffer.
import { afterAll, beforeAll, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { openSql, TableWriter, type Sql } from "@/prisma/seed/bulk";

useTestDatabase();

let sql: Sql;
beforeAll(async () => {
  sql = await openSql();
  await sql.query(`CREATE TABLE "BulkParent" (id text PRIMARY KEY)`);
  await sql.query(`CREATE TABLE "BulkChild" (id text PRIMARY KEY, "parentId" text NOT NULL REFERENCES "BulkParent"(id))`);
});
afterAll(async () => {
  await sql.close();
});

it("flushes the parents' buffered rows before a child chunk that references them", async () => {
  const parents = new TableWriter(sql, "BulkParent", [["id", "text"]], 3);
  const children = new TableWriter(
    sql,
    "BulkChild",
    [
      ["id", "text"],
      ["parentId", "text"],
    ],
    2,
    [parents],
  );
  // One parent, then two children of it: the children's chunk (2) fills while the parent waits in
  // a buffer of 3, as two or three check-ins per plan filled theirs before the plans' did.
  await parents.add("p1");
  await children.add("c1", "p1");
  await children.add("c2", "p1");
  await parents.add("p2");
  await children.add("c3", "p2");
  await parents.flush();
  await children.flush();
  const { rows } = await sql.query(`SELECT c.id, c."parentId" FROM "BulkChild" c JOIN "BulkParent" p ON p.id = c."parentId" ORDER BY c.id`);
  expect(rows).toEqual([
    { id: "c1", parentId: "p1" },
    { id: "c2", parentId: "p1" },
    { id: "c3", parentId: "p2" },
  ]);
  expect([parents.written, children.written]).toEqual([2, 3]);
});
