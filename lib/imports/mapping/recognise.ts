import "server-only";
import type { ImportKind } from "@/lib/imports/report";

// Which saved column mapping a file's header belongs to (issue #15, "column mappings"): the
// landing folder and the progress import ask this for a file that is not in CreditTrack's own
// format. Filled in by the column-mapping change (lib/imports/mapping/).

export type RecognisedMapping = { id: string; name: string; version: number; kind: ImportKind };

export async function mappingForHeader(header: string[]): Promise<RecognisedMapping | null> {
  void header;
  return null;
}
