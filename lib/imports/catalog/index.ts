import "server-only";
import fs from "node:fs";
import { db, type Tx } from "@/lib/db";
import { readCsv } from "@/lib/imports/csv";
import { parseRow } from "@/lib/imports/validate";
import { ErrorList, type ImportReport } from "@/lib/imports/report";
import { buildReport, commitImport, type ImportContext } from "@/lib/imports/record";
import { storedCourse, createCourse, updateCourse } from "@/lib/catalog/write";
import { catalogRow, CATALOG_COLUMNS, REQUIRED_CATALOG, type CatalogRow } from "@/lib/imports/catalog/schema";
import { courseKey, planCatalog, type CatalogPlan, type CatalogState } from "@/lib/imports/catalog/plan";

// Catalog CSV → providers, online courses and their assessment sets (new versions when a set
// changes how anyone is graded: lib/catalog/write.ts), in one transaction with the run record.
// Keys: Provider.code, and provider + OnlineCourse.providerCourseCode.

export async function importCatalog(ctx: ImportContext): Promise<ImportReport> {
  const { opts, source } = ctx;
  const errors = new ErrorList();
  const warnings = new ErrorList();
  const rows: { file: string; line: number; r: CatalogRow }[] = [];
  const invalid = new Set<string>();
  let count = 0;
  for (const [file, path] of source.files) {
    const total = fs.statSync(path).size;
    await readCsv(
      path,
      { file, required: REQUIRED_CATALOG, columns: CATALOG_COLUMNS, warnings, onBytes: (b) => opts.onProgress?.({ phase: "read", file, done: b, total }) },
      ({ line, row }) => {
        count++;
        const r = parseRow(catalogRow, row, { file, line }, errors);
        if (r) rows.push({ file, line, r });
        else invalid.add(courseKey(row.provider_code ?? "", row.course_code ?? ""));
      },
    );
  }
  opts.onProgress?.({ phase: "validate", done: 0, total: 1 });
  const plan = planCatalog(rows, await loadState(), errors, invalid);
  const report = buildReport("catalog", opts, count, plan.counts, errors, warnings);
  return commitImport(ctx, report, (tx) => writeCatalog(tx, plan));
}

async function loadState(): Promise<CatalogState> {
  const [providers, courses] = await Promise.all([
    db().provider.findMany({ select: { id: true, code: true, name: true, staleAfterDays: true } }),
    db().onlineCourse.findMany({ include: { assessments: true } }),
  ]);
  return {
    providers: new Map(providers.map((p) => [p.code, { id: p.id, name: p.name, staleAfterDays: p.staleAfterDays }])),
    courses: new Map(courses.map((c) => [`${c.providerId}|${c.providerCourseCode}`, storedCourse(c)])),
  };
}

async function writeCatalog(tx: Tx, plan: CatalogPlan): Promise<void> {
  const providerIds = new Map<string, string>();
  for (const p of plan.providers) {
    const data = { name: p.name, ...(p.staleAfterDays === undefined ? {} : { staleAfterDays: p.staleAfterDays }) };
    const row = p.id
      ? await tx.provider.update({ where: { id: p.id }, data, select: { id: true } })
      : await tx.provider.create({ data: { code: p.code, ...data }, select: { id: true } });
    providerIds.set(p.code, row.id);
  }
  const providerId = async (code: string) => providerIds.get(code) ?? (await tx.provider.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
  for (const c of plan.courses) {
    if (c.op === "create") await createCourse(tx, { ...c.course, providerId: await providerId(c.providerCode) });
    else await updateCourse(tx, c.stored, { ...c.course, providerId: c.stored.providerId }, c.diff);
  }
}
