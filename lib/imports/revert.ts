import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
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

type Table = { name: string; key: string[]; hidden: string[]; columns: Map<string, string> };
type ForeignKey = { child: string; childColumn: string; parent: string; parentColumn: string };

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
  const [run] = await tx.$queryRaw<{ id: string; kind: string; fileName: string; status: string; dryRun: boolean; revertedAt: Date | null; changes: bigint }[]>`
    SELECT r."id", r."kind", r."fileName", r."status", r."dryRun", r."revertedAt",
           (SELECT count(*) FROM "ImportChange" c WHERE c."runId" = r."id") AS "changes"
    FROM "ImportRun" r WHERE r."id" = ${runId} FOR UPDATE`;
  if (!run) throw new NotFoundError("Import");
  const why = notRevertable(run);
  if (why) throw new RevertRefused(refused(why, []));

  const tables = await capturedTables(tx);
  await tx.$executeRawUnsafe(
    `
    CREATE TEMP TABLE revert_net ON COMMIT DROP AS
    SELECT "table", "key",
           (array_agg("op" ORDER BY "id"))[1] AS first_op, (array_agg("op" ORDER BY "id" DESC))[1] AS last_op,
           (array_agg("before" ORDER BY "id"))[1] AS before, (array_agg("after" ORDER BY "id" DESC))[1] AS after,
           max("id") AS last_id
    FROM "ImportChange" WHERE "runId" = $1 GROUP BY "table", "key"`,
    runId,
  );
  await tx.$executeRawUnsafe(`CREATE INDEX ON revert_net ("table", first_op, last_op)`);
  const present = (await tx.$queryRawUnsafe<{ table: string }[]>(`SELECT DISTINCT "table" FROM revert_net`)).map((r) => r.table);
  for (const name of present) if (!tables.has(name)) throw new Error(`ImportChange names a table without capture triggers: ${name}`);
  const touched = present.map((n) => tables.get(n)!);

  // Lock every row the revert reads or writes (in key order, as imports lock: no deadlock with one).
  for (const t of touched) {
    await tx.$queryRawUnsafe(
      `SELECT count(*) FROM (SELECT 1 FROM ${q(t.name)} t JOIN revert_net n ON ${onKey(t)} WHERE n."table" = $1 ORDER BY ${t.key.map((k) => `t.${q(k)}`).join(", ")} FOR UPDATE OF t) s`,
      t.name,
    );
  }
  // Later runs that wrote the same rows. One that is not reverted depends on this one: a provider's
  // files are cumulative, so Tuesday's file states Monday's results again ("unchanged", only the
  // enrollment's dataAsOf is written) — reverting Monday would delete what Tuesday still says. Its
  // revert comes first. A change of an aggregate stamp alone (Provider.resultsAsOf: any enrollment
  // of the provider) is no dependence. One scan of the changes recorded after this run's first.
  const [{ first }] = await tx.$queryRawUnsafe<{ first: bigint | null }[]>(`SELECT min(last_id) AS first FROM revert_net`);
  await tx.$executeRawUnsafe(
    `
    CREATE TEMP TABLE revert_later ON COMMIT DROP AS
    SELECT n."table", n."key",
           (array_agg(c."runId" ORDER BY c."id") FILTER (WHERE r."revertedAt" IS NULL))[1] AS live_run,
           bool_or(r."revertedAt" IS NOT NULL) AS reverted_later
    FROM "ImportChange" c
    JOIN revert_net n ON n."table" = c."table" AND n."key" = c."key" AND c."id" > n.last_id
    JOIN "ImportRun" r ON r."id" = c."runId"
    WHERE c."id" > $1 AND c."runId" <> $2
      AND NOT (c."op" = 'UPDATE' AND (c."before" - ${lits(AGGREGATE)}::text[]) = (c."after" - ${lits(AGGREGATE)}::text[]))
    GROUP BY n."table", n."key"`,
    first ?? 0n,
    runId,
  );
  const changed: RevertProblem[] = [];
  let changedTotal = 0;
  for (const t of touched) {
    // Columns a later migration added are in the row now but not in what the run left: not a change.
    const written = new Set(
      (await tx.$queryRawUnsafe<{ k: string }[]>(`SELECT DISTINCT jsonb_object_keys(after) AS k FROM revert_net WHERE "table" = $1 AND after IS NOT NULL`, t.name)).map((r) => r.k),
    );
    const added = [...t.columns.keys()].filter((c) => !written.has(c) && !t.hidden.includes(c));
    // `version` counts unless a later run that was reverted since explains it (a revert bumps it).
    const rows = await tx.$queryRawUnsafe<{ key: Record<string, unknown>; after: Record<string, unknown>; gone: boolean; total: bigint; later: string | null }[]>(
      `
      SELECT n."key", n."after", t.${q(t.key[0]!)} IS NULL AS gone, count(*) OVER () AS total,
             (SELECT r."fileName" || ' (' || to_char(r."startedAt", 'YYYY-MM-DD HH24:MI') || ')' FROM "ImportRun" r WHERE r."id" = l.live_run) AS later
      FROM revert_net n LEFT JOIN ${q(t.name)} t ON ${onKey(t)}
      LEFT JOIN revert_later l ON l."table" = n."table" AND l."key" = n."key"
      WHERE n."table" = $1 AND n.last_op <> 'DELETE'
        AND (l.live_run IS NOT NULL OR t.${q(t.key[0]!)} IS NULL
             OR (${comparable(t, "to_jsonb(t)")} - ${lits(added)}::text[] - 'version') IS DISTINCT FROM (${comparable(t, "n.after")} - 'version')
             OR (NOT coalesce(l.reverted_later, false) AND to_jsonb(t) -> 'version' IS DISTINCT FROM n.after -> 'version'))
      ORDER BY n.last_id LIMIT ${NAMED}`,
      t.name,
    );
    if (rows.length === 0) continue;
    changedTotal += Number(rows[0]!.total);
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
    const sets = cols.map((c) => {
      if (c === TOUCHED) return `${q(c)} = now()`;
      // Never back: a form opened on the run's state must stay stale (no A-B-A on the lock).
      if (c === BUMPED) return `${q(c)} = t.${q(c)} + 1`;
      // A stamp goes back only if it is still the run's (a later import may have moved it).
      if (STAMPS.includes(c)) return `${q(c)} = CASE WHEN to_jsonb(t.${q(c)}) IS NOT DISTINCT FROM n.after -> ${lit(c)} THEN r.${q(c)} ELSE t.${q(c)} END`;
      // A column added after the run (a later migration) is not in its row: left as it is.
      return `${q(c)} = CASE WHEN n.before ? ${lit(c)} THEN r.${q(c)} ELSE t.${q(c)} END`;
    });
    if (sets.length === 0) continue;
    counts[t.name]!.restored = await tx.$executeRawUnsafe(
      `
      UPDATE ${q(t.name)} t SET ${sets.join(", ")}
      FROM revert_net n CROSS JOIN LATERAL jsonb_populate_record(NULL::${q(t.name)}, n.before) r
      WHERE n."table" = $1 AND n.first_op <> 'INSERT' AND n.last_op <> 'DELETE' AND ${onKey(t)}`,
      t.name,
    );
  }
  // 2. Rows the run created must not be referred to by rows it did not create.
  const fks = await foreignKeys(
    tx,
    touched.map((t) => t.name),
  );
  const referred: RevertProblem[] = [];
  let referredTotal = 0;
  for (const fk of fks) {
    if (NOT_DEPENDENTS.has(`${fk.child}.${fk.childColumn}`)) continue;
    const parent = tables.get(fk.parent)!;
    const child = tables.get(fk.child);
    // $2 only when used: PostgreSQL cannot type a parameter no clause reads.
    const createdChild = child
      ? `AND NOT EXISTS (SELECT 1 FROM revert_net m WHERE m."table" = $2 AND m.first_op = 'INSERT' AND m.last_op <> 'DELETE' AND m."key" = ${keyObject(child, "c")})`
      : "";
    const rows = await tx.$queryRawUnsafe<{ key: Record<string, unknown>; after: Record<string, unknown>; n: bigint; total: bigint }[]>(
      `
      SELECT n."key", n."after", count(*) AS n, count(*) OVER () AS total
      FROM revert_net n JOIN ${q(fk.child)} c ON c.${q(fk.childColumn)} = (n."after" ->> ${lit(fk.parentColumn)})::${parent.columns.get(fk.parentColumn)}
      WHERE n."table" = $1 AND n.first_op = 'INSERT' AND n.last_op <> 'DELETE' ${createdChild}
      GROUP BY n."key", n."after", n.last_id ORDER BY n.last_id LIMIT ${NAMED}`,
      ...(child ? [fk.parent, fk.child] : [fk.parent]),
    );
    if (rows.length === 0) continue;
    referredTotal += Number(rows[0]!.total);
    for (const r of rows)
      referred.push({
        table: fk.parent,
        row: describe(fk.parent, r.key, r.after),
        message: `created by this run; since then ${r.n} of the ${rowsOf(fk.child)} ${Number(r.n) === 1 ? "refers" : "refer"} to it`,
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
    counts[t.name]!.deleted = await tx.$executeRawUnsafe(
      `
      DELETE FROM ${q(t.name)} t USING revert_net n WHERE n."table" = $1 AND n.first_op = 'INSERT' AND n.last_op <> 'DELETE' AND ${onKey(t)}`,
      t.name,
    );
  }
  for (const r of await tx.$queryRawUnsafe<{ table: string; n: bigint }[]>(
    `SELECT "table", count(*) AS n FROM revert_net WHERE first_op <> 'INSERT' AND last_op = 'DELETE' GROUP BY "table"`,
  )) {
    counts[r.table]!.keptDeleted = Number(r.n);
  }
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
function notRevertable(run: { status: string; dryRun: boolean; revertedAt: Date | null; changes: bigint }): string | null {
  if (run.revertedAt) return "This run was already reverted.";
  if (run.dryRun) return "A preview wrote nothing: there is nothing to revert.";
  if (run.status !== "succeeded" && run.status !== "partial")
    return `A run that ${run.status === "running" ? "is still running" : `${run.status === "interrupted" ? "was interrupted" : "failed"}`} wrote nothing to revert.`;
  if (Number(run.changes) === 0) return "No changes of this run are kept: it changed nothing, ran before changes were recorded, or is older than the retention days (Settings).";
  return null;
}

/** The tables with capture triggers, their primary keys, hidden columns and column types, from the catalog. */
async function capturedTables(tx: Tx): Promise<Map<string, Table>> {
  const rows = await tx.$queryRaw<{ table: string; args: string; columns: { name: string; type: string }[] }[]>`
    SELECT c.relname::text AS "table", encode(t.tgargs, 'escape') AS args,
           (SELECT json_agg(json_build_object('name', a.attname, 'type', format_type(a.atttypid, a.atttypmod)) ORDER BY a.attnum)
            FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace s ON s.oid = c.relnamespace
    WHERE t.tgname LIKE 'import\\_change\\_%\\_ins' AND s.nspname = current_schema()`;
  const out = new Map<string, Table>();
  for (const r of rows) {
    const [pk, ...hidden] = r.args.split("\\000").filter(Boolean);
    out.set(r.table, { name: r.table, key: pk!.split(","), hidden, columns: new Map(r.columns.map((c) => [c.name, c.type])) });
  }
  return out;
}

/** Single-column foreign keys into the given tables (from any table: notes, audit links …). */
async function foreignKeys(tx: Tx, parents: string[]): Promise<ForeignKey[]> {
  return tx.$queryRaw<ForeignKey[]>`
    SELECT ch.relname::text AS child, ca.attname::text AS "childColumn", pa.relname::text AS parent, pc.attname::text AS "parentColumn"
    FROM pg_constraint k
    JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid JOIN pg_namespace s ON s.oid = pa.relnamespace
    JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = k.conkey[1]
    JOIN pg_attribute pc ON pc.attrelid = k.confrelid AND pc.attnum = k.confkey[1]
    WHERE k.contype = 'f' AND cardinality(k.conkey) = 1 AND s.nspname = current_schema() AND pa.relname = ANY(${parents}::text[])
    ORDER BY ch.relname, ca.attname`;
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

// Identifiers come from the catalog (capturedTables, foreignKeys), never from a request; quoted anyway.
const q = (ident: string) => `"${ident.replaceAll('"', '""')}"`;
const lit = (text: string) => `'${text.replaceAll("'", "''")}'`;
const lits = (texts: string[]) => `ARRAY[${texts.map(lit).join(", ")}]`;
const onKey = (t: Table) => t.key.map((k) => `t.${q(k)} = (n."key" ->> '${k.replaceAll("'", "''")}')::${t.columns.get(k)}`).join(" AND ");
const keyObject = (t: Table, alias: string) => `jsonb_build_object(${t.key.map((k) => `'${k.replaceAll("'", "''")}', ${alias}.${q(k)}`).join(", ")})`;
/** A row as JSON without hidden and bookkeeping columns. */
const comparable = (t: Table, json: string) => `(${json} - ${lits([...t.hidden, ...IGNORED])}::text[])`;

/** How a row is named to an administrator: by what they know it as, else its table and key. */
function describe(table: string, key: Record<string, unknown>, row: Record<string, unknown> | null): string {
  const r = row ?? {};
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
  const rows = await db().$queryRaw<{ table: string; inserted: bigint; updated: bigint; deleted: bigint }[]>`
    SELECT "table",
           count(*) FILTER (WHERE first_op = 'INSERT' AND last_op <> 'DELETE') AS inserted,
           count(*) FILTER (WHERE first_op <> 'INSERT' AND last_op <> 'DELETE') AS updated,
           count(*) FILTER (WHERE first_op <> 'INSERT' AND last_op = 'DELETE') AS deleted
    FROM (SELECT "table", "key", (array_agg("op" ORDER BY "id"))[1] AS first_op, (array_agg("op" ORDER BY "id" DESC))[1] AS last_op
          FROM "ImportChange" WHERE "runId" = ${runId} GROUP BY "table", "key") s
    GROUP BY "table" ORDER BY "table"`;
  return rows.map((r) => ({ table: r.table, inserted: Number(r.inserted), updated: Number(r.updated), deleted: Number(r.deleted) }));
}

/** Retention: a run's change rows hold student data; they go with its files (Settings, default 30 days). */
export async function purgeImportChanges(retentionDays: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
  return db().$executeRaw`DELETE FROM "ImportChange" c USING "ImportRun" r WHERE r."id" = c."runId" AND r."startedAt" < ${cutoff}`;
}
