// The seed's bulk writer (prisma/seed/bulk.ts) on a real database: a child table's chunk never
// reaches the database ahead of the parent rows it references. The district-scale seed once failed
// here ("PlanCheckIn violates foreign key constraint PlanCheckIn_planId_fkey"): the check-ins'
// chunk filled while the plans they belong to were still in the plans' buffer.
import { afterAll, beforeAll, expect, it } from "vitest";
import { useTestDatabase } from "@/lib/test/db";
import { openSql, settleAll, TableWriter, type Sql } from "@/prisma/seed/bulk";

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

it("builds the next chunk while the last one is written, and names the statement that failed", async () => {
  // flush() does not wait for its own statement (the seed overlaps building rows with inserting
  // them); the connection runs statements in order, so a later read sees every row sent before it.
  await sql.query("BEGIN");
  const parents = new TableWriter(sql, "BulkParent", [["id", "text"]], 2);
  for (let i = 0; i < 9; i++) await parents.add(`q${i}`);
  const { rows } = await sql.query(`SELECT count(*)::int AS n FROM "BulkParent" WHERE id LIKE 'q%'`);
  expect(rows[0].n).toBe(8); // four full chunks sent; the ninth row still in the buffer
  await settleAll({ parents });
  expect((await sql.query(`SELECT count(*)::int AS n FROM "BulkParent" WHERE id LIKE 'q%'`)).rows[0].n).toBe(9);

  // A chunk that fails aborts the transaction: the statements after it fail too ("current
  // transaction is aborted"), and what the seed reports is the first failure, the cause.
  const children = new TableWriter(
    sql,
    "BulkChild",
    [
      ["id", "text"],
      ["parentId", "text"],
    ],
    1,
  );
  await children.add("orphan", "no-such-parent");
  const more = new TableWriter(sql, "BulkParent", [["id", "text"]], 1);
  await more.add("after").catch(() => {});
  await expect(settleAll({ more, children })).rejects.toThrow(/foreign key/);
  await sql.query("ROLLBACK");
});
