import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";

// "As of" (issue #15): a provider progress import that touches an enrollment (a row of the file
// matched it, whether or not anything in it changed) records the time on Enrollment.dataAsOf, and on
// its provider (Provider.resultsAsOf: the staleness warning). In the import's own transaction, so a
// failed or interrupted import records nothing. The student page shows the enrollment's date as
// "data as of"; the results' own dates stay what the provider wrote.

export async function recordDataAsOf(tx: Tx, enrollmentIds: string[], at: Date): Promise<void> {
  if (enrollmentIds.length === 0) return;
  for (let i = 0; i < enrollmentIds.length; i += 5000) {
    const ids = enrollmentIds.slice(i, i + 5000);
    await tx.$executeRaw(Prisma.sql`UPDATE "Enrollment" SET "dataAsOf" = ${at} WHERE id = ANY(${ids}::text[])`);
    await tx.$executeRaw(Prisma.sql`
      UPDATE "Provider" SET "resultsAsOf" = ${at}
      WHERE id IN (SELECT c."providerId" FROM "Enrollment" e JOIN "OnlineCourse" c ON c.id = e."courseId" WHERE e.id = ANY(${ids}::text[]))`);
  }
}
