// Types of the parts of scripts/lib.mjs that TypeScript scripts import.
export declare const SERVER_NODE_OPTIONS: string;
export declare function serverEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
