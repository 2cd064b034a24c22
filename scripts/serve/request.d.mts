// Types of scripts/serve/request.mjs for its TypeScript tests.
import type { IncomingMessage } from "node:http";
export declare function trustedProxies(raw?: string): number;
export declare function bareAddress(value: string | undefined): string | undefined;
export declare function overwriteForwarded(req: Pick<IncomingMessage, "headers" | "socket">, trusted: number): void;
export declare function wellFormedUrl(url: string): string;
export declare function parseServeArgs(
  argv: string[],
  env?: Record<string, string | undefined>,
): { dir: string; port: number; hostname: string | undefined; keepAliveTimeout: number | undefined };
