import "server-only";
import { createHash } from "node:crypto";
import { hasReplica, onReplica, perDatabase } from "@/lib/db";
import { reportSourceVersions } from "@/lib/sql/queries/report-source-versions";
import { reportSchoolVersions } from "@/lib/sql/queries/report-school-versions";
import { reportVersions as readVersions } from "@/lib/sql/queries/report-versions";
import { withPieces } from "./pieces";

// The report aggregates (sql.ts), reused while their sources are unchanged (DEFINITIONS.md
// "Freshness and speed"). Each source table has a version (ReportSource), set to a never-used value
// (the writing transaction's id) by a trigger in the transaction of every write that can change a figure (migration
// 20261201130000_report_sources; the program quality report's further inputs — results, time on task,
// transcript, state tests, sequence, rigor policy — are the source "quality", migration
// 20261204000000_quality_report_source, kept per school since 20261206000000_quality_school_sources). A read takes the versions first, then the data: whatever the
// data statement sees was committed with those versions or later, so rows kept under a version are
// never older than a write the version includes. A later write changes the version, and the next
// read computes afresh: the figures are exact after every write, on every host (the versions live in
// PostgreSQL; each process keeps its own rows).
// The rows are frozen: shared by every request that reads them (figures.ts memoizes its
// disclosure decisions per rows object, so an unchanged figure is not decided again).
// With a streaming replica (DATABASE_READ_URL) an aggregate not kept is computed there when the
// replica's versions of its sources equal the ones this request read on the server: the replica
// has then replayed every write that can change it, so its figures are the server's, exactly — a
// user's own write (newer versions) is read on the server until the replica has it. A replica that
// lags or does not answer costs nothing but the server's time.

/** What the figures read (ReportSource.name). */
export type Source = "students" | "statusEvents" | "rolls" | "enrollments" | "quality";

/** Kept at most (least recently used go first): a district view, each school's 5-year views, the API's years. */
const MAX_ENTRIES = 256;
const MAX_ROWS = 500_000;

type Entry = { rows: Promise<readonly unknown[]>; count: number };
type State = { entries: Map<string, Entry>; rows: number };
const state = () => perDatabase<State>("reportCache", () => ({ entries: new Map(), rows: 0 }));

/** REPORT_CACHE=off computes every figure from the records on every read (for comparison and debugging). */
const enabled = () => process.env.REPORT_CACHE !== "off";

/** The sources' versions as one request read them (reportVersions). */
export type Versions = Promise<Map<string, string>>;

/**
 * The sources' versions, read in one statement: once per request (its aggregates share the read,
 * which began before any of them), never shared across requests — a read already in flight could
 * predate a write this request's user has just seen committed. The same statement reads the versions
 * of the view's `schools` (null: the district) for cachedSchoolRows: one round trip, and one
 * snapshot for both.
 */
export function reportVersions(schools: string[] | null): Versions {
  const rows = readVersions(schools);
  const v: Versions = rows.then((rs) => new Map(rs.flatMap((r) => (r.schoolId === null && r.name !== null && r.version !== null ? [[r.name, r.version]] : []))));
  const schoolsRead = rows.then((rs) => bySchool(rs.filter((r): r is typeof r & { schoolId: string } => r.schoolId !== null)));
  // (A failed read fails the request through `v`; a view that reads no school's rows never asks.)
  schoolsRead.catch(() => {});
  schoolReads.set(v, new Map([[scopeKey(schools), schoolsRead]]));
  return v;
}
async function versions(): Promise<Map<string, string>> {
  const rows = await reportSourceVersions();
  return new Map(rows.map((r) => [r.name, r.version]));
}

let warnedAt = 0;

/** Where each aggregate not kept was computed (tests, the bench). */
export const computedOn = { replica: 0, server: 0 };

const NOT_CURRENT = Symbol("replica not current");

/**
 * Runs `run` on the replica when, on the same connection, the replica's versions of `sources` equal
 * the ones the request read on the server (it has replayed every write they include); else, or when
 * the replica fails (does not answer, cancels the statement for a recovery conflict, restarts), on
 * the server.
 */
async function compute<T>(sources: Source[], v: Versions, run: () => Promise<T>, current?: () => Promise<boolean>): Promise<T> {
  if (!hasReplica()) return run();
  const server = await v;
  try {
    const out = await onReplica(async () => {
      const there = new Map((await reportSourceVersions()).map((x) => [x.name, x.version]));
      if (!sources.every((s) => there.get(s) === server.get(s))) return NOT_CURRENT;
      // Per-school rows: the replica must also hold the school versions they are kept under.
      if (current && !(await current())) return NOT_CURRENT;
      return { rows: await run() };
    });
    if (out !== NOT_CURRENT) {
      computedOn.replica++;
      return out.rows;
    }
  } catch (e) {
    if (Date.now() - warnedAt > 60_000) {
      warnedAt = Date.now();
      console.warn(`Reports: the replica (DATABASE_READ_URL) failed; computing on the server: ${e instanceof Error ? e.message : e}`);
    }
  }
  computedOn.server++;
  return run();
}

/**
 * Rows as kept: each frozen, and the lists it holds (a quality row's days and seconds), which what
 * is made of the rows is kept by (rows-from-parts.ts, program-parts.ts percentilesKept).
 */
const freeze = <T>(rows: T[]): readonly T[] => {
  for (const r of rows) {
    for (const v of Object.values(r as object)) if (Array.isArray(v)) Object.freeze(v);
    Object.freeze(r);
  }
  return Object.freeze(rows);
};

function forget(s: State, key: string): void {
  const e = s.entries.get(key);
  if (!e) return;
  s.entries.delete(key);
  s.rows -= e.count;
}

/** A built aggregate of lib/sql/queries/ (a Kysely query: its rows typed by the builder). */
export type Aggregate<T> = { execute(): Promise<T[]> };

/**
 * The rows of the aggregate `query` builds, which reads only `sources`: computed once per version
 * of those sources. `name` and `args` say which aggregate: `query` must be a function of `args`
 * alone (lib/sql/queries/: each cube is), for it is built only when the rows are not kept —
 * building and compiling a cube to key it cost ~1.4 ms of a kept district summary's ~4 (profiled).
 * `versionsRead`: the request's read (reportVersions), made before this call; else one of its own.
 */
export async function cachedRows<T, A extends unknown[]>(
  sources: Source[],
  name: string,
  query: (...args: A) => Aggregate<T>,
  args: A,
  versionsRead?: Versions,
): Promise<readonly T[]> {
  const read = versionsRead ?? versions();
  if (!enabled()) return freeze(await compute(sources, read, () => query(...args).execute()));
  const v = await read;
  const key = createHash("sha1")
    .update(sources.map((s) => `${s}=${v.get(s) ?? "none"}`).join(","))
    .update("\0")
    .update(name)
    .update("\0")
    .update(JSON.stringify(args))
    .digest("base64");
  const s = state();
  const hit = s.entries.get(key);
  if (hit) {
    s.entries.delete(key); // most recently used last
    s.entries.set(key, hit);
    return hit.rows as Promise<readonly T[]>;
  }
  const entry: Entry = {
    rows: compute(sources, read, () => query(...args).execute()).then(freeze),
    count: 0,
  };
  s.entries.set(key, entry);
  entry.rows.then(
    (rows) => {
      if (s.entries.get(key) !== entry) return;
      entry.count = rows.length;
      s.rows += rows.length;
      for (const k of s.entries.keys()) {
        if (s.entries.size <= 1 || (s.entries.size <= MAX_ENTRIES && s.rows <= MAX_ROWS)) break;
        if (k !== key) forget(s, k);
      }
    },
    () => {
      if (s.entries.get(key) === entry) forget(s, key);
    },
  );
  while (s.entries.size > MAX_ENTRIES) forget(s, s.entries.keys().next().value!);
  return entry.rows as Promise<readonly T[]>;
}

// Per-school aggregates (migration 20261205000000_report_school_sources). The summary's cubes
// give one row per school (and year and group), and a school's rows read only the records of
// students tied to that school and the district-wide catalog. Each school's rows are kept under
// that school's versions of the sources (ReportSchoolSource) and the version "wide" (what no school
// owns: a course's program or provider, a TRUNCATE). After a write, the schools it touched are
// computed afresh in one statement and the rest are reused: the district's figures after one
// school's write cost that school's statement, not the district's. The rows handed out are the
// same frozen array while no school's piece changed, so the decisions memoized on them hold.
// school-pieces.int.test.ts's differential test compares them with the cubes' statements after
// random writes.

/**
 * Aggregates kept per school at most (each: one (name, args) with every school's rows), and their
 * rows. A district administrator's three district views (the summary with its trend, the equity
 * page, the quality view) hold ~660,000 rows at the city scale (300,000 students, 400 schools; ~6%
 * of them at the district scale): at 500,000 each view pushed the others' out, and going from one
 * to the next recomputed it every time, 3–6.6 s with no write (now 5–55 ms). Kept, the three
 * views with their figures took one process's heap from ~380 MB (the summary alone) to ~660 MB;
 * the bound leaves half as much again for other years and schools' views. (Each worker of the
 * production server keeps its own: serve.mjs.)
 */
const MAX_GROUPS = 64;
const MAX_SCHOOL_ROWS = 1_000_000;

/** `count`: its rows once computed (0 before). */
type Piece = { key: string; rows: Promise<readonly unknown[]>; count: number };
/** `wholes`: per scope (the schools' ids), the rows handed out, with the pieces' keys they join. */
type Group = { pieces: Map<string, Piece>; wholes: Map<string, { key: string; rows: Promise<readonly unknown[]> }>; rows: number };
/** Scopes whose joined rows a group keeps (the district and the schools last asked). */
const MAX_WHOLES = 16;
type SchoolState = { groups: Map<string, Group>; rows: number };
const schoolState = () => perDatabase<SchoolState>("reportSchoolCache", () => ({ groups: new Map(), rows: 0 }));

function dropGroup(st: SchoolState, key: string): void {
  const g = st.groups.get(key);
  if (!g) return;
  st.groups.delete(key);
  st.rows -= g.rows;
}

/** Each school's versions as one request read them, per scope: read once per request and scope. */
const schoolReads = new WeakMap<Versions, Map<string, Promise<Map<string, Map<string, string>>>>>();

async function readSchoolVersions(schools: string[] | null): Promise<Map<string, Map<string, string>>> {
  return bySchool(await reportSchoolVersions(schools));
}
/** Each school's versions, by source (a school never written: none), in the rows' order. */
function bySchool(rows: readonly { schoolId: string; name: string | null; version: string | null }[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    let m = out.get(r.schoolId);
    if (!m) out.set(r.schoolId, (m = new Map()));
    if (r.name !== null && r.version !== null) m.set(r.name, r.version);
  }
  return out;
}
const scopeKey = (schools: string[] | null) => (schools === null ? "*" : JSON.stringify([...schools].sort()));

function schoolVersions(schools: string[] | null, v: Versions | undefined): Promise<Map<string, Map<string, string>>> {
  if (!v) return readSchoolVersions(schools);
  let byScope = schoolReads.get(v);
  if (!byScope) schoolReads.set(v, (byScope = new Map()));
  const scope = scopeKey(schools);
  let read = byScope.get(scope);
  if (!read) byScope.set(scope, (read = readSchoolVersions(schools)));
  return read;
}

/**
 * The rows of the per-school aggregate `query` (`query(...args, schools)`: one row per school and
 * more, the school in `row.schoolId`) for `schools` (null: the district), each school's rows
 * computed once per version of that school's `sources`, the catalog ("wide") and the district-wide
 * versions of `globals` (what no school owns, read by every school's rows). Schools whose
 * rows are not kept are computed together, in one statement; when none is kept, as the district.
 * `versionsRead`: the request's read (reportVersions), made before this call.
 */
export async function cachedSchoolRows<T extends { schoolId: string | null }, A extends unknown[]>(
  sources: Source[],
  name: string,
  query: (...args: [...A, string[] | null]) => Aggregate<T>,
  args: A,
  schools: string[] | null,
  versionsRead?: Versions,
  globals: Source[] = [],
): Promise<readonly T[]> {
  const read = versionsRead ?? versions();
  if (!enabled()) return freeze(await compute(sources, read, () => query(...args, schools).execute()));
  const [v, bySchool] = await Promise.all([read, schoolVersions(schools, versionsRead)]);
  const groupKey = `${name}\0${JSON.stringify(args)}`;
  const st = schoolState();
  let group = st.groups.get(groupKey);
  if (group)
    st.groups.delete(groupKey); // most recently used last
  else group = { pieces: new Map(), wholes: new Map(), rows: 0 };
  st.groups.set(groupKey, group);
  while (st.groups.size > MAX_GROUPS) dropGroup(st, st.groups.keys().next().value!);

  const ids = [...bySchool.keys()];
  const keyIn = (global: Map<string, string>, schoolVersions: Map<string, string>) =>
    `${["wide", ...globals].map((g) => `${g}=${global.get(g) ?? "none"}`).join(",")};${sources.map((s) => `${s}=${schoolVersions.get(s) ?? "none"}`).join(",")}`;
  const keys = ids.map((id) => keyIn(v, bySchool.get(id)!));
  const keyOf = new Map(ids.map((id, i) => [id, keys[i]]));
  const missing = ids.filter((id) => group.pieces.get(id)?.key !== keyOf.get(id));
  if (missing.length > 0) {
    // Every school of the district missing: the district's statement (its plan reads every row
    // once); else only those schools (their indexes).
    const whole = schools === null && missing.length === ids.length;
    // Rows computed on the replica must be of the school versions the request read exactly (the
    // replica has replayed every write they include, and none after), or they would be kept under
    // a newer key.
    const replicaCurrent = async () => {
      const [global, schoolsThere] = await Promise.all([versions(), readSchoolVersions(missing)]);
      return missing.every((id) => keyIn(global, schoolsThere.get(id) ?? new Map()) === keyOf.get(id));
    };
    const batch = compute(sources, read, () => query(...args, whole ? null : missing).execute(), replicaCurrent).then((rows) => {
      const split = new Map<string, T[]>(missing.map((id) => [id, []]));
      for (const r of rows) if (r.schoolId !== null) split.get(r.schoolId)?.push(r);
      return split;
    });
    for (const id of missing) {
      const piece: Piece = { key: keyOf.get(id)!, rows: batch.then((split) => freeze(split.get(id)!)), count: 0 };
      const old = group.pieces.get(id);
      if (old) {
        group.rows -= old.count;
        st.rows -= old.count;
      }
      group.pieces.set(id, piece);
      piece.rows.then(
        (rows) => {
          if (group.pieces.get(id) !== piece || st.groups.get(groupKey) !== group) return;
          piece.count = rows.length;
          group.rows += rows.length;
          st.rows += rows.length;
          // Over the bound: the least recently used aggregates go first, never this one.
          for (const k of [...st.groups.keys()]) {
            if (st.rows <= MAX_SCHOOL_ROWS) break;
            if (k !== groupKey) dropGroup(st, k);
          }
        },
        () => {
          if (group.pieces.get(id) === piece) group.pieces.delete(id);
        },
      );
    }
  }
  // The same rows object while every piece is the same (figures.ts memoizes on it).
  const scope = schools === null ? "*" : ids.join(",");
  const wholeKey = createHash("sha1").update(keys.join(";")).digest("base64");
  const kept = group.wholes.get(scope);
  if (kept?.key === wholeKey) return kept.rows as Promise<readonly T[]>;
  const pieces = ids.map((id) => group.pieces.get(id)!.rows);
  const whole = { key: wholeKey, rows: Promise.all(pieces).then((parts) => withPieces(Object.freeze(joined(parts)), parts)) };
  group.wholes.delete(scope);
  group.wholes.set(scope, whole);
  while (group.wholes.size > MAX_WHOLES) group.wholes.delete(group.wholes.keys().next().value!);
  whole.rows.catch(() => {
    if (group.wholes.get(scope) === whole) group.wholes.delete(scope);
  });
  return whole.rows as Promise<readonly T[]>;
}

/**
 * The pieces' rows one after another. (Array.prototype.flat is generic and ~10× slower: 48 ms for the
 * city's 500,000 rows of a cube in 400 pieces, put together again after every write, where a
 * sized array filled in a loop takes 5.)
 */
function joined<T>(parts: readonly (readonly T[])[]): T[] {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Array<T>(n);
  let k = 0;
  for (const p of parts) for (let i = 0; i < p.length; i++) out[k++] = p[i];
  return out;
}

/** Forgets every kept figure (tests compare the kept path with a fresh one). */
export function clearReportCache(): void {
  const s = state();
  s.entries.clear();
  s.rows = 0;
  const st = schoolState();
  st.groups.clear();
  st.rows = 0;
}
