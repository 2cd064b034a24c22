// Types of scripts/serve/setup-token.mjs for its test.
export declare function startupSetupToken(opts?: { timeoutMs?: number }): Promise<{ token: string; expiresAt: Date } | null>;
export declare function setupTokenLines(token: string, origin: string): string[];
