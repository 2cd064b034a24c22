import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import { assertLookupId, NotFoundError, type Viewer, assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { mappingNameLock } from "@/lib/sql/queries/mapping-name-lock";
import { DomainError } from "@/lib/safe-action";
import { headerKey, MAPPING_FORMAT, mappingDefinition, type MappingDefinition, type MappingExport } from "@/lib/imports/mapping/schema";

// Saved column mappings: district administrators save, list and export them (POLICY
// "imports.manage"; anyone else is refused); imports read them by name or by a file's header.

function assertCanManage(viewer: Viewer): void {
  assertCan(viewer, "imports.manage");
}

export type SavedMapping = { id: string; name: string; version: number; kind: string; createdBy: string | null; createdAt: Date; definition: MappingDefinition };

function toSaved(r: { id: string; name: string; version: number; kind: string; createdBy: string | null; createdAt: Date; definition: unknown }): SavedMapping {
  return { ...r, definition: mappingDefinition.parse(r.definition) };
}

/** Saves a definition; under a name already saved it becomes the next version. Audited. */
export async function saveMapping(viewer: Viewer, input: unknown): Promise<SavedMapping> {
  assertCanManage(viewer);
  const parsed = mappingDefinition.safeParse(input);
  if (!parsed.success) throw new DomainError(parsed.error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "));
  const def = parsed.data;
  const saved = await db().$transaction(async (tx) => {
    // One writer per name at a time: the next version is read and written under the lock.
    await mappingNameLock(tx, def.name);
    const last = await tx.importMapping.findFirst({
      where: { name: { equals: def.name, mode: "insensitive" } },
      orderBy: { version: "desc" },
      select: { version: true, name: true },
    });
    const row = await tx.importMapping.create({
      data: {
        name: last?.name ?? def.name,
        version: (last?.version ?? 0) + 1,
        kind: def.kind,
        headerKey: headerKey(def.header),
        definition: { ...def, name: last?.name ?? def.name } as unknown as Prisma.InputJsonValue,
        createdBy: viewer.email,
      },
    });
    await recordAudit(viewer, { action: "import.mapping.save", entity: "ImportMapping", entityId: row.id, details: { name: row.name, version: row.version } }, tx);
    return row;
  });
  return toSaved(saved);
}

/** Every mapping's latest version, by name. */
export async function listMappings(viewer: Viewer): Promise<(SavedMapping & { versions: number })[]> {
  assertCanManage(viewer);
  const rows = await db().importMapping.findMany({ orderBy: [{ name: "asc" }, { version: "desc" }] });
  const latest = new Map<string, (typeof rows)[number] & { versions: number }>();
  for (const r of rows) {
    const cur = latest.get(r.name);
    if (!cur) latest.set(r.name, { ...r, versions: 1 });
    else cur.versions++;
  }
  return [...latest.values()].map((r) => ({ ...toSaved(r), versions: r.versions }));
}

export async function getMapping(viewer: Viewer, id: string): Promise<SavedMapping> {
  assertCanManage(viewer);
  assertLookupId(id, "Mapping");
  const r = await db().importMapping.findUnique({ where: { id } });
  if (!r) throw new NotFoundError("Mapping", id);
  return toSaved(r);
}

/** The JSON a district keeps or moves to another CreditTrack (lib/imports/FORMATS.md). */
export async function exportMapping(viewer: Viewer, id: string): Promise<MappingExport> {
  const m = await getMapping(viewer, id);
  return { ...m.definition, format: MAPPING_FORMAT, version: m.version, exportedAt: new Date().toISOString() };
}

/** The latest version of a mapping by name (imports: the command line's --mapping, the landing folder). */
export async function latestMappingNamed(name: string): Promise<SavedMapping | null> {
  const r = await db().importMapping.findFirst({ where: { name: { equals: name.trim(), mode: "insensitive" } }, orderBy: { version: "desc" } });
  return r ? toSaved(r) : null;
}

/**
 * The mapping a file with this header is read through: the newest version saved with this header
 * (a later version of the same name made for another header does not read this one).
 */
export async function latestMappingForHeader(header: readonly string[]): Promise<SavedMapping | null> {
  const r = await db().importMapping.findFirst({ where: { headerKey: headerKey(header) }, orderBy: [{ createdAt: "desc" }, { version: "desc" }] });
  return r ? toSaved(r) : null;
}

/** The catalog's courses, for mapping a file's course titles to the provider's course codes. */
export async function catalogCoursesForMapping(viewer: Viewer): Promise<{ provider: string; code: string; title: string }[]> {
  assertCanManage(viewer);
  const rows = await db().onlineCourse.findMany({ select: { providerCourseCode: true, title: true, provider: { select: { code: true } } }, orderBy: [{ title: "asc" }] });
  return rows.map((r) => ({ provider: r.provider.code, code: r.providerCourseCode, title: r.title }));
}
