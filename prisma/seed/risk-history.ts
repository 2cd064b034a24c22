// Demo risk history (issue 16): the Today list says who is *newly* high risk or behind pace, which
// needs a history the daily job (lib/today/snapshot.ts) has not had time to write in a fresh demo.
// The seed runs the real snapshot for the as-of day, then dates it 8 days earlier as the history's
// start, and makes a fixed share of today's changes: about 1 in 6 of the students at high risk today
// were moderate then, and about 1 in 5 of those behind pace today were behind in one course fewer.
// Those students get a row on the as-of day with today's values. Everything else is what the job
// computed. Runs after the seed's transaction has committed (the snapshot reads through the app's
// own connection), so the rewrite is a statement of the typed boundary (lib/sql/queries/demo-risk-history.ts).
import { snapshotRisk } from "@/lib/today/snapshot";
import { demoRiskHistory } from "@/lib/sql/queries/demo-risk-history";
import { dateOf, type Day } from "./calendar";

export async function writeRiskHistory(asOf: Day): Promise<{ students: number; changed: number }> {
  const run = await snapshotRisk(dateOf(asOf));
  const changed = await demoRiskHistory(dateOf(asOf), dateOf(asOf - 8));
  return { students: run.students, changed };
}
