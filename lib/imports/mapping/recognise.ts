import "server-only";
import type { ImportKind } from "@/lib/imports/report";
import { latestMappingForHeader } from "@/lib/imports/mapping/store";

// Which saved column mapping a file's header belongs to (issue #15, "column mappings"): the
// landing folder and the provider progress import ask this for a file that is not in CreditTrack's
// own format. The header must have the same column names as the mapping's sample (any order, any
// case); the mapping's latest version is used.

export type RecognisedMapping = { id: string; name: string; version: number; kind: ImportKind };

export async function mappingForHeader(header: string[]): Promise<RecognisedMapping | null> {
  const m = await latestMappingForHeader(header);
  return m ? { id: m.id, name: m.name, version: m.version, kind: m.kind as ImportKind } : null;
}
