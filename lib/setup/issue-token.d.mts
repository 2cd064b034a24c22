// Types of lib/setup/issue-token.mjs.
export declare const SETUP_TOKEN_TTL_MS: number;
export declare function hashSetupToken(token: string): string;
export declare function issueSetupToken(
  query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  opts?: { via?: string; now?: Date },
): Promise<{ token: string; expiresAt: Date } | null>;
