// What every import returns and records in ImportRun: counts per entity, row errors, warnings.

export type RowError = {
  file: string;
  /** 1-based line in the file (the header is line 1); 0 for a problem with the whole set. */
  line: number;
  column: string | null;
  value: string | null;
  message: string;
};

export type EntityCounts = { created: number; updated: number; deleted: number; unchanged: number; skipped: number };
export type Counts = Record<string, EntityCounts>;

export type ImportKind = "oneroster" | "students" | "progress" | "gradebook" | "catalog" | "activity";

export type ImportOptions = {
  dryRun?: boolean;
  /** Write the valid rows and report the rest (default: any invalid row → nothing is written). */
  partial?: boolean;
  /** Provider progress: create the enrollment when the student has none in that course. */
  createEnrollments?: boolean;
  /** Compare every row even when this exact file was imported last and nothing changed since. */
  full?: boolean;
  /** A saved column mapping to read the file with (by name; the latest version). */
  mapping?: string;
  /** A mapping definition not saved yet (the mapping page's preview): the run is a dry run. */
  mappingDefinition?: unknown;
  /** Who started the run when no user did: "landing" = the landing folder's job (ImportRun.source). */
  source?: "landing";
  /** "Today" for cohort inference (tests pin it). */
  asOf?: Date;
  onProgress?: (p: Progress) => void;
};

/** "queued": an upload waiting for a job runner to take it (lib/imports/queue.ts). */
export type Progress = { phase: "queued" | "read" | "validate" | "write" | "done"; file?: string; done: number; total: number };

export type ImportReport = {
  kind: ImportKind;
  status: "succeeded" | "failed" | "dry-run" | "partial";
  dryRun: boolean;
  partial: boolean;
  rows: number;
  counts: Counts;
  errors: RowError[];
  /** Every error found (`errors` keeps the first MAX_REPORTED). */
  errorTotal: number;
  warnings: RowError[];
  /** Set when the file was recognised as already imported (checksum + database fingerprint). */
  shortcut?: string;
};

/** At most this many errors are kept in the report (a broken file can have 60,000). */
export const MAX_REPORTED = 1000;

export function emptyCounts(...entities: string[]): Counts {
  return Object.fromEntries(entities.map((e) => [e, { created: 0, updated: 0, deleted: 0, unchanged: 0, skipped: 0 }]));
}

export class ErrorList {
  readonly items: RowError[] = [];
  total = 0;
  add(e: RowError): void {
    this.total++;
    if (this.items.length < MAX_REPORTED) this.items.push(e);
  }
}

/** Stops an import: the set cannot be read at all (missing file, missing columns, unreadable CSV). */
export class ImportFileError extends Error {
  constructor(public errors: RowError[]) {
    super(errors.map((e) => `${e.file}:${e.line} ${e.message}`).join("; "));
    this.name = "ImportFileError";
  }
}
