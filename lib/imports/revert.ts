import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import type { CapturedTable } from "@/lib/sql/fragments/revert-net";
import { capturedTables } from "@/lib/sql/queries/captured-tables";
import { firstNetChange } from "@/lib/sql/queries/first-net-change";
import { foreignKeysInto, type ForeignKey } from "@/lib/sql/queries/foreign-keys-into";
import { importRunChanges } from "@/lib/sql/queries/import-run-changes";
import { lockedImportRun } from "@/lib/sql/queries/locked-import-run";
import { purgedImportChanges } from "@/lib/sql/queries/purged-import-changes";
import { revertChangedRows } from "@/lib/sql/queries/revert-changed-rows";
import { revertDeletedRows } from "@/lib/sql/queries/revert-deleted-rows";
import { revertKeptDeleted } from "@/lib/sql/queries/revert-kept-deleted";
import { revertLaterCreated } from "@/lib/sql/queries/revert-later-created";
import { revertLockedRows } from "@/lib/sql/queries/revert-locked-rows";
import { revertNetCreated } from "@/lib/sql/queries/revert-net-created";
import { revertNetTables } from "@/lib/sql/queries/revert-net-tables";
import { revertReferredRows } from "@/lib/sql/queries/revert-referred-rows";
import { revertRestoredRows, type Restore } from "@/lib/sql/queries/revert-restored-rows";
import { revertWrittenColumns } from "@/lib/sql/queries/revert-written-columns";
import { assertLookupId, NotFoundError, type Viewer, assertCan } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { TABLE_LABELS } from "@/lib/imports/table-labels";

// Reverting an import run (issue #15): put back what the run created and updated, when nothing
// written later depends on it. The run's rows come from ImportChange, written by the capture
// triggers of migration 20261201180000_import_changes while the run's transaction was open
// (lib/imports/record.ts). Everything here is set-based SQL over a temporary table of the run's
// net changes, so a 250,000-result run reverts in one transaction without loading it into memory.
//
// Per row (table + primary key), a run's changes collapse to a net change:
//   - created: first INSERT, not deleted by the run    → deleted by the revert;
//   - updated: first UPDATE/DELETE, still there        → its columns put back as the run found them;
//   - deleted: not created by the run, deleted by it   → left deleted (reported: "not put back").
// The revert is refused, naming the rows, when
//   - a row the run created or updated is no longer as the run left it (a later import, a
//     counselor's result, an administrator's fix): "changed since";
//   - a row the run created is referred to by a row the run did not create (a note, an enrollment,
//     a result recorded since), found through every foreign key into its table;
//   - putting a row back breaks a constraint (a unique value taken since, a row referred to deleted).
//   - a later import that is not reverted wrote one of the run's rows — even only to say it again
//     (Enrollment.dataAsOf): revert that one first.
// `version` (optimistic locking) is bumped, never put back: a form opened on the run's state stays
// stale even after a later import writes the same version number again (no A-B-A). A bump by a later
// run's revert is therefore not a change. `updatedAt` becomes now; the "as of" stamps go back to the
// run's before, unless a later import moved them.

const BUMPED = "version";
const TOUCHED = "updatedAt";
const STAMPS = ["dataAsOf", "resultsAsOf"];
/** Columns that never make a row "changed since" (see the head of this file). */
const IGNORED = [TOUCHED, ...STAMPS];
/** Stamps that sum up many rows: a later run moving only these does not depend on this run. */
const AGGREGATE = [TOUCHED, "resultsAsOf"];

export type RevertCounts = Record<string, { deleted: number; restored: number; keptDeleted: number }>;
export type RevertProblem = { table: string; row: string; message: string };
export type RevertOutcome = { ok: true; dryRun: boolean; counts: RevertCounts } | { ok: false; message: string; problems: RevertProblem[]; problemTotal: number };

export class RevertRefused extends Error {
  constructor(public outcome: Extract<RevertOutcome, { ok: false }>) {
    super(outcome.message);
    this.name = "RevertRefused";
  }
}

/**
 * References that do not make a created row "depended on": the audit record of someone opening a
 * student keeps its event when the student goes (AuditEvent.studentId is ON DELETE SET NULL), as
 * when a roster import deletes a student (lib/imports/oneroster/index.ts keeps only students with
 * enrollments, transcript, status history or notes). Looking at a wrongly imported student must not
 * stop its import from being reverted. The daily risk snapshot (RiskSnapshot, derived from the
 * records by a job, ON DELETE CASCADE) is no one's work either. Every other reference does,
 * including audit events by a user.
 */
const NOT_DEPENDENTS = new Set(["AuditEvent.studentId", "RiskSnapshot.studentId"]);

const rowsOf = (table: string) => TABLE_LABELS[table] ?? table;

/** At most this many rows are named when a revert is refused. */
const NAMED = 20;

type Table = CapturedTable;

/**
 * Checks (dryRun) or performs the revert of one run, in one transaction; refused runs and a
 * preview write nothing. viewer null = the command line.
 */
export async function revertImportRun(viewer: Viewer | null, runId: string, opts: { dryRun?: boolean; reason?: string } = {}): Promise<RevertOutcome> {
  // As the import history: to anyone but a district administrator the runs do not exist.
  if (viewer) assertCan(viewer, "imports.manage");
  assertLookupId(runId, "Import");
  try {
    return await db().$transaction(
      async (tx) => {
        const outcome = await revertIn(tx, viewer, runId, opts);
        if (opts.dryRun) throw new Preview(outcome);
        return outcome;
      },
      { timeout: 30 * 60_000, maxWait: 60_000 },
    );
  } catch (e) {
    if (e instanceof Preview) return e.outcome;
    if (e instanceof RevertRefused) return e.outcome;
    const violation = constraintViolation(e);
    if (violation) return refused(violation, []);
    throw e;
  }
}

class Preview extends Error {
  constructor(public outcome: RevertOutcome) {
    super("preview");
  }
}

const refused = (message: string, problems: RevertProblem[], problemTotal = problems.length): Extract<RevertOutcome, { ok: false }> => ({
  ok: false,
  message,
  problems,
  problemTotal,
});

async function revertIn(tx: Tx, viewer: Viewer | null, runId: string, opts: { dryRun?: boolean; reason?: string }): Promise<RevertOutcome> {
  const run = await lockedImportRun(tx, runId);
  if (!run) throw new NotFoundError("Import");
  const why = notRevertable(run);
  if (why) throw new RevertRefused(refused(why, []));

  const tables = await capturedTables(tx);
  await revertNetCreated(tx, runId);
  const present = await revertNetTables(tx);
  for (const name of present) if (!tables.has(name)) throw new Error(`ImportChange names a table without capture triggers: ${name}`);
  const touched = present.map((n) => tables.get(n)!);

  // Lock every row the revert reads or writes (in key order, as imports lock: no deadlock with one).
  for (const t of touched) await revertLockedRows(tx, t);
  // Later runs that wrote the same rows. One that is not reverted depends on this one: a provider's
  // files are cumulative, so Tuesday's file states Monday's results again ("unchanged", only the
  // enrollment's dataAsOf is written) — reverting Monday would delete what Tuesday still says. Its
  // revert comes first. A change of an aggregate stamp alone (Provider.resultsAsOf: any enrollment
  // of the provider) is no dependence. One scan of the changes recorded after this run's first.
  await revertLaterCreated(tx, runId, (await firstNetChange(tx)) ?? "0", AGGREGATE);
  const changed: RevertProblem[] = [];
  let changedTotal = 0;
  for (const t of touched) {
    // Columns a later migration added are in the row now but not in what the run left: not a change.
    const written = await revertWrittenColumns(tx, t.name);
    const added = [...t.columns.keys()].filter((c) => !written.has(c) && !t.hidden.includes(c));
    // `version` counts unless a later run that was reverted since explains it (a revert bumps it).
    const rows = await revertChangedRows(tx, t, { added, bookkeeping: IGNORED, bumped: BUMPED, limit: NAMED });
    if (rows.length === 0) continue;
    changedTotal += rows[0]!.total;
    for (const r of rows) {
      const message = r.later
        ? `also written by the later import ${r.later}, which is not reverted: revert that one first`
        : r.gone
          ? "deleted since this run (by a person or another process)"
          : "changed since this run (by a person or another process)";
      changed.push({ table: t.name, row: describe(t.name, r.key, r.after), message });
    }
  }
  if (changedTotal > 0) {
    throw new RevertRefused(
      refused(
        `${changedTotal} ${changedTotal === 1 ? "row" : "rows"} this run wrote ${changedTotal === 1 ? "was" : "were"} written again afterwards; revert the later import first, or import a corrected file instead.`,
        changed.slice(0, NAMED),
        changedTotal,
      ),
    );
  }

  const counts: RevertCounts = Object.fromEntries(touched.map((t) => [t.name, { deleted: 0, restored: 0, keptDeleted: 0 }]));
  // 1. Rows the run updated get their columns back (so they stop referring to rows it created).
  for (const t of touched) {
    const cols = [...t.columns.keys()].filter((c) => !t.key.includes(c) && !t.hidden.includes(c));
    const restore = cols.map((column): Restore => ({ column, how: restoreOf(column) }));
    if (restore.length === 0) continue;
    counts[t.name]!.restored = await revertRestoredRows(tx, t, restore);
  }
  // 2. Rows the run created must not be referred to by rows it did not create.
  const fks = await foreignKeysInto(
    tx,
    touched.map((t) => t.name),
  );
  const referred: RevertProblem[] = [];
  let referredTotal = 0;
  for (const fk of fks) {
    if (NOT_DEPENDENTS.has(`${fk.child}.${fk.childColumn}`)) continue;
    const parent = tables.get(fk.parent)!;
    const child = tables.get(fk.child);
    const rows = await revertReferredRows(tx, fk, parent, child, NAMED);
    if (rows.length === 0) continue;
    referredTotal += rows[0]!.total;
    for (const r of rows)
      referred.push({
        table: fk.parent,
        row: describe(fk.parent, r.key, r.after),
        message: `created by this run; since then ${r.n} of the ${rowsOf(fk.child)} ${r.n === 1 ? "refers" : "refer"} to it`,
      });
  }
  if (referredTotal > 0) {
    throw new RevertRefused(
      refused(
        `${referredTotal} ${referredTotal === 1 ? "row" : "rows"} this run created ${referredTotal === 1 ? "is" : "are"} now referred to by records written later; those would be lost.`,
        referred.slice(0, NAMED),
        referredTotal,
      ),
    );
  }
  // 3. Rows the run created are deleted, children before parents.
  for (const t of deleteOrder(touched, fks)) {
    counts[t.name]!.deleted = await revertDeletedRows(tx, t);
  }
  for (const r of await revertKeptDeleted(tx)) counts[r.table]!.keptDeleted = r.n;
  if (!opts.dryRun) {
    await tx.importRun.update({ where: { id: runId }, data: { revertedAt: new Date(), revertedById: viewer?.id ?? null } });
    await recordAudit(
      viewer,
      {
        action: "import.revert",
        entity: "ImportRun",
        entityId: runId,
        details: { file: run.fileName, kind: run.kind, counts, reason: opts.reason ?? null } as unknown as Prisma.InputJsonValue,
      },
      tx,
    );
  }
  return { ok: true, dryRun: !!opts.dryRun, counts };
}

/** Why a run cannot be reverted at all, or null. */
function notRevertable(run: { status: string; dryRun: boolean; revertedAt: Date | null; changes: number | null }): string | null {
  if (run.revertedAt) return "This run was already reverted.";
  if (run.dryRun) return "A preview wrote nothing: there is nothing to revert.";
  if (run.status !== "succeeded" && run.status !== "partial")
    return `A run that ${run.status === "running" ? "is still running" : `${run.status === "interrupted" ? "was interrupted" : "failed"}`} wrote nothing to revert.`;
  if (!run.changes) return "No changes of this run are kept: it changed nothing, ran before changes were recorded, or is older than the retention days (Settings).";
  return null;
}

/** Tables ordered so that a table referring to another is deleted from first. */
function deleteOrder(tables: Table[], fks: ForeignKey[]): Table[] {
  const names = new Set(tables.map((t) => t.name));
  const out: Table[] = [];
  const seen = new Set<string>();
  const visit = (t: Table) => {
    if (seen.has(t.name)) return;
    seen.add(t.name);
    for (const fk of fks) if (fk.parent === t.name && fk.child !== t.name && names.has(fk.child)) visit(tables.find((x) => x.name === fk.child)!);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/** How the restore puts back a column of a row the run updated (see the head of this file). */
function restoreOf(column: string): Restore["how"] {
  if (column === TOUCHED) return "now";
  // Never back: a form opened on the run's state must stay stale (no A-B-A on the lock).
  if (column === BUMPED) return "bump";
  // A stamp goes back only if it is still the run's (a later import may have moved it).
  if (STAMPS.includes(column)) return "stamp";
  // A column added after the run (a later migration) is not in its row: left as it is.
  return "before";
}

type Row = Record<string, unknown>;

/** How a row is named to an administrator: by what they know it as, else its table and key. */
function describe(table: string, keyJson: unknown, rowJson: unknown): string {
  // JSON objects of ImportChange (key, after): the capture triggers' to_jsonb of the row.
  const key = (keyJson ?? {}) as Row;
  const r = (rowJson ?? {}) as Row;
  const s = (k: string) => (typeof r[k] === "string" || typeof r[k] === "number" ? String(r[k]) : "");
  switch (table) {
    case "Student":
      return `student ${s("sisId")} (${[s("firstName"), s("lastName")].filter(Boolean).join(" ")})`;
    case "School":
      return `school ${s("name")}`;
    case "User":
      return `staff member ${s("email")}`;
    case "Provider":
      return `provider ${s("code")}`;
    case "OnlineCourse":
      return `online course ${s("providerCourseCode")}`;
    case "Enrollment":
      return `enrollment ${s("sourceKey") || s("id")}`;
    default:
      return `${table} ${Object.values(key).join(" / ")}`;
  }
}

function constraintViolation(e: unknown): string | null {
  const text = e instanceof Error ? e.message : String(e);
  if (/23505|unique constraint|Unique constraint/i.test(text))
    return "Putting a row back would repeat a value another record took since (a SIS id, an email, a key); nothing was reverted.";
  if (/23503|foreign key/i.test(text)) return "Putting a row back would refer to a record deleted since; nothing was reverted.";
  return null;
}

/** What a run changed, per table: the rows it inserted, updated and deleted (ImportChange). */
export async function runChanges(runId: string): Promise<{ table: string; inserted: number; updated: number; deleted: number }[]> {
  return importRunChanges(runId);
}

/** Retention: a run's change rows hold student data; they go with its files (Settings, default 30 days). */
export async function purgeImportChanges(retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return purgedImportChanges(cutoff);
}
