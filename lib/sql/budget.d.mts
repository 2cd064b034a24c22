export declare const DEFAULT_POOL: number;
export declare const JOB_CONNECTIONS: number;
export declare const DEFAULT_HEADROOM: number;
export declare const POOL_IDLE_MS: number;
export declare const KEEPALIVE_MS: number;
export declare function poolSize(env?: Record<string, string | undefined>): number;
export type Budget = { pool: number; total: number; limit: number; line: string };
export declare function planBudget(limits: { maxConnections: number; reserved: number; workers: number; jobs: boolean }, env?: Record<string, string | undefined>): Budget;
export declare function checkConnectionBudget(url: string, opts: { workers: number; jobs: boolean; options?: string }, env?: Record<string, string | undefined>): Promise<Budget>;
