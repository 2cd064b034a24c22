import "server-only";
import type { Tx } from "@/lib/db";
import { enrollmentsDataAsOf } from "@/lib/sql/queries/enrollments-data-as-of";
import { providersResultsAsOf } from "@/lib/sql/queries/providers-results-as-of";

// "As of" (issue #15): a provider progress import that touches an enrollment (a row of the file
// matched it, whether or not anything in it changed) records the time on Enrollment.dataAsOf, and on
// its provider (Provider.resultsAsOf: the staleness warning). In the import's own transaction, so a
// failed or interrupted import records nothing. The student page shows the enrollment's date as
// "data as of"; the results' own dates stay what the provider wrote.

export async function recordDataAsOf(tx: Tx, enrollmentIds: string[], at: Date): Promise<void> {
  if (enrollmentIds.length === 0) return;
  for (let i = 0; i < enrollmentIds.length; i += 5000) {
    const ids = enrollmentIds.slice(i, i + 5000);
    await enrollmentsDataAsOf(tx, ids, at);
    await providersResultsAsOf(tx, ids, at);
  }
}
