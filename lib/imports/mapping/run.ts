import "server-only";
import fs from "node:fs";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { readHeader } from "@/lib/imports/csv";
import { ErrorList, ImportFileError, type ImportReport } from "@/lib/imports/report";
import type { ImportContext } from "@/lib/imports/record";
import { REQUIRED_PROGRESS } from "@/lib/imports/progress/schema";
import { convertFile, inVendorTerms, type Converted } from "@/lib/imports/mapping/apply";
import { latestMappingForHeader, latestMappingNamed, type SavedMapping } from "@/lib/imports/mapping/store";
import { mappingDefinition, type MappingDefinition } from "@/lib/imports/mapping/schema";

// The provider progress import through a column mapping: named (`--mapping`, the landing folder)
// or recognised by the file's header when it is not CreditTrack's own format. The file is read
// through the mapping into the progress format (apply.ts) and imported as such; the report speaks
// of the vendor's columns, and says which mapping and version read it.

type Importer = (ctx: ImportContext) => Promise<ImportReport>;

export function withMapping(inner: Importer): Importer {
  return async (ctx) => {
    if (ctx.opts.mappingDefinition !== undefined) {
      const def = mappingDefinition.safeParse(ctx.opts.mappingDefinition);
      if (!def.success) throw fileError(ctx, `The mapping is not complete: ${def.error.issues.map((i) => i.message).join("; ")}`);
      return previewWithDefinition(ctx, inner, def.data);
    }
    const mapping = await chooseMapping(ctx);
    if (!mapping) return inner(ctx);
    if (mapping.kind !== "progress") throw fileError(ctx, `The column mapping "${mapping.name}" is for ${mapping.kind} files, not provider progress.`);
    return importMapped(ctx, inner, mapping.definition, `${mapping.name}" (version ${mapping.version}`);
  };
}

/** A definition not saved yet (the mapping page's preview): always a dry run. */
export async function previewWithDefinition(ctx: ImportContext, inner: Importer, def: MappingDefinition): Promise<ImportReport> {
  return importMapped({ ...ctx, opts: { ...ctx.opts, dryRun: true } }, inner, def, `${def.name}" (not saved yet`);
}

async function chooseMapping(ctx: ImportContext): Promise<SavedMapping | null> {
  if (ctx.opts.mapping) {
    const m = await latestMappingNamed(ctx.opts.mapping);
    if (!m) throw fileError(ctx, `No saved column mapping is named "${ctx.opts.mapping}". Save one on the Imports page (Column mappings), or import a mapping's JSON.`);
    return m;
  }
  const files = [...ctx.source.files.values()];
  if (files.length !== 1) return null;
  const header = await readHeader(files[0]!);
  const lower = new Set(header.map((h) => h.toLowerCase()));
  if (REQUIRED_PROGRESS.every((c) => lower.has(c))) return null; // CreditTrack's own format
  return latestMappingForHeader(header);
}

async function importMapped(ctx: ImportContext, inner: Importer, def: MappingDefinition, label: string): Promise<ImportReport> {
  const notes = new ErrorList();
  const converted: [string, Converted][] = [];
  try {
    for (const [name, path] of ctx.source.files) converted.push([name, await convertFile(path, name, def, notes)]);
    const source = { ...ctx.source, files: new Map(converted.map(([name, c]) => [name, c.file])) };
    const report = await inner({ ...ctx, source });
    const skipped = converted.reduce((n, [, c]) => n + c.skipped, 0);
    const head = { file: ctx.source.name, line: 0, column: null, value: null };
    const warnings = [
      { ...head, message: `Read with the column mapping "${label}).` },
      ...(skipped ? [{ ...head, message: `${skipped} row${skipped === 1 ? " was" : "s were"} left out by the mapping's "skip rows" rule.` }] : []),
      ...notes.items,
      ...report.warnings.map((w) => inVendorTerms(w, w.file, w.file, def)),
    ];
    const errors = report.errors.map((e) => inVendorTerms(e, e.file, e.file, def));
    const out: ImportReport = { ...report, rows: converted.reduce((n, [, c]) => n + c.rows, 0), errors, warnings };
    // The run's record says the same as the answer.
    await db().importRun.update({
      where: { id: ctx.runId },
      data: { errors: { errors: out.errors, warnings: out.warnings, errorTotal: out.errorTotal } as unknown as Prisma.InputJsonValue },
    });
    return out;
  } catch (e) {
    if (e instanceof ImportFileError) throw new ImportFileError(e.errors.map((x) => inVendorTerms(x, x.file, x.file, def)));
    throw e;
  } finally {
    await Promise.all(converted.map(([, c]) => fs.promises.rm(c.dir, { recursive: true, force: true })));
  }
}

function fileError(ctx: ImportContext, message: string): ImportFileError {
  return new ImportFileError([{ file: ctx.source.name, line: 0, column: null, value: null, message }]);
}
