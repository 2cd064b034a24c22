"use server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { withViewer, DomainError, type ActionResult } from "@/lib/safe-action";
import { assertCan, type Viewer } from "@/lib/access";
import { runImport } from "@/lib/imports/run";
import { saveMapping } from "@/lib/imports/mapping/store";
import type { ImportReport } from "@/lib/imports/report";

// The column-mapping page's actions (district administrators; lib/imports/mapping/store.ts checks
// the role). The sample travels as text (its first rows, decoded in the browser), never as a file.

/** The sample's first rows: enough to check a mapping, small enough for one request. */
const MAX_SAMPLE_CHARS = 400_000;

const definitionJson = z.string({ error: "The mapping is missing." }).max(200_000, "The mapping is too large.");

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError(`${what} is not valid JSON.`);
  }
}

export async function saveMappingAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(
    z.object({ definition: definitionJson }),
    async (viewer, input) => {
      const saved = await saveMapping(viewer, parseJson(input.definition, "The mapping"));
      return { id: saved.id, name: saved.name, version: saved.version };
    },
    form,
  );
  if (!r.ok) return r;
  revalidatePath("/imports/mappings");
  return { ...r, message: `Saved "${r.data.name}" as version ${r.data.version}. Files with this header are now read through it.` };
}

export async function importMappingJsonAction(_prev: ActionResult<unknown> | null, form: FormData) {
  const r = await withViewer(
    z.object({ json: z.string({ error: "Choose a mapping file (.json)." }).min(1, "Choose a mapping file (.json).").max(200_000, "The file is too large for a mapping.") }),
    async (viewer, input) => {
      const saved = await saveMapping(viewer, parseJson(input.json, "The file"));
      return { id: saved.id, name: saved.name, version: saved.version };
    },
    form,
  );
  if (!r.ok) return r;
  revalidatePath("/imports/mappings");
  return { ...r, message: `Imported "${r.data.name}" as version ${r.data.version}.` };
}

/** A dry run of the sample through a mapping not saved yet: what the import would do with it. */
export async function previewMappingAction(_prev: ActionResult<unknown> | null, form: FormData): Promise<ActionResult<ImportReport>> {
  return withViewer(
    z.object({
      definition: definitionJson,
      sample: z.string({ error: "Choose a sample file first." }).min(1, "Choose a sample file first.").max(MAX_SAMPLE_CHARS, "The sample is too large: send its first rows."),
      sampleName: z.string().max(200).default("sample.csv"),
    }),
    async (viewer: Viewer, input) => {
      assertCan(viewer, "imports.manage");
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "ct-sample-"));
      try {
        const name = path.basename(input.sampleName).replace(/[^\w. -]/g, "_") || "sample.csv";
        const file = path.join(dir, name.toLowerCase().endsWith(".csv") ? name : `${name}.csv`);
        await fs.promises.writeFile(file, input.sample, { mode: 0o600 });
        const { runId: _runId, ...report } = await runImport(viewer, "progress", file, { dryRun: true, mappingDefinition: parseJson(input.definition, "The mapping") }, name);
        void _runId;
        return report;
      } finally {
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    },
    form,
  );
}
