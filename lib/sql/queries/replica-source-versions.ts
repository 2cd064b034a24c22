import "server-only";
import { onReplica } from "@/lib/db";
import { reportSourceVersions } from "@/lib/sql/queries/report-source-versions";

/**
 * The report sources' versions as the streaming replica (DATABASE_READ_URL) has replayed them: the
 * same statement as reportSourceVersions, run there. Equal to the server's for a figure's sources,
 * the replica holds every write that can change that figure (lib/reports/cache.ts).
 */
export async function replicaSourceVersions() {
  return onReplica(() => reportSourceVersions());
}
