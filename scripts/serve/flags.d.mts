// Types of scripts/serve/flags.mjs for the bench.
export declare const WORKER_FLAGS: string[];
