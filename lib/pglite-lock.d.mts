// Types of lib/pglite-lock.mjs.
export declare class DatabaseInUseError extends Error {
  readonly dir: string;
  readonly pid: number | null;
  constructor(dir: string, pid: number | null);
}
export declare function lockFileOf(dir: string): string;
export declare function lockEmbedded(dir: string, opts?: { waitMs?: number }): () => void;
