// The pooler test's child process (lib/test/pooler.int.test.ts): the app's own database code, run
// as a server worker runs it, with DATABASE_URL pointing at PgBouncer in transaction mode. Prints
// one JSON line of what happened and exits 0; the test decides what that means.
//   node --conditions=react-server --import tsx lib/test/pooler-child.ts <sequence|app>
// sequence: a statement run once, then again while another session holds the server connection it
//   ran on (so the pooler gives this one another connection): named, it is not there any more.
// app: that, then the planner settings as a pooled session sees them, writes in a transaction (the
//   report sources' deferred triggers fire at its commit), and 40 reads at once over 2 server
//   connections (prepared statements, the reports' cubes), and the district summary with its trend.
import pg from "pg";
import { closeDb, db } from "@/lib/db";
import { activeCatalog } from "@/lib/sql/queries/active-catalog";
import { getDistrictSummary, getSchoolSummary } from "@/lib/reports/queries";

const mode = process.argv[2];
const out: Record<string, unknown> = {};
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function main() {
  await activeCatalog();
  const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await holder.connect();
  try {
    await holder.query("BEGIN");
    await holder.query("SELECT 1");
    try {
      await activeCatalog();
      out.again = "ok";
    } catch (e) {
      out.again = message(e);
    }
    await holder.query("COMMIT");
    if (mode === "sequence") return;
    const s = await holder.query("SELECT current_setting('random_page_cost') AS rpc, current_setting('max_parallel_workers_per_gather') AS workers, current_setting('jit') AS jit");
    out.settings = s.rows[0];
  } finally {
    await holder.end();
  }
  const school = await db().school.create({ data: { name: "Pooled High", stateCode: `P${process.pid}` } });
  const admin = await db().user.create({ data: { name: "Pooled Admin", email: `pooled${process.pid}@test.example`, role: "DISTRICT_ADMIN" } });
  await db().$transaction(async (tx) => {
    for (let i = 0; i < 10; i++) {
      await tx.student.create({
        data: {
          sisId: `P${process.pid}-${i}`,
          firstName: "Pooled",
          lastName: `Student ${i}`,
          birthDate: new Date("2009-05-01"),
          schoolId: school.id,
          gradeLevel: 10,
          cohortYear: 2028,
          raceEthnicity: "WHITE",
          gender: i % 2 ? "MALE" : "FEMALE",
        },
      });
    }
  });
  const viewer = { id: admin.id, name: admin.name, email: admin.email, role: admin.role, schoolId: null };
  const reads = await Promise.all(
    Array.from({ length: 40 }, (_, i) => (i % 2 ? activeCatalog().then(() => "catalog") : getSchoolSummary(viewer, { school: school.id }).then((r) => r.school?.name))),
  );
  out.reads = reads.length;
  out.schoolNames = [...new Set(reads.filter((r) => r !== "catalog"))];
  out.trendYears = (await getDistrictSummary(viewer, { trend: true })).trend.length;
  out.students = await db().student.count({ where: { schoolId: school.id } });
}

try {
  await main();
} catch (e) {
  out.error = message(e);
}
console.log(JSON.stringify(out));
await closeDb().catch(() => undefined);
process.exit(0);
