// Types of the parts of scripts/lib.mjs that TypeScript scripts import.
export declare function ensureSecret(): string;
