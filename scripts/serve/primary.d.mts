// Types of scripts/serve/primary.mjs for its TypeScript tests.
export declare function stopGraceMs(raw?: string): number;
export declare function startPrimary(opts: { exec: string; args?: string[]; execArgv?: string[]; workers: number; graceMs?: number; describe?: string }): void;
export declare function listeningOrigin(address: { address?: string; port: number }): string;
