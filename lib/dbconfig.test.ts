import { afterEach, describe, expect, it } from "vitest";
import { directUrl, pgSessionOptions, PLANNER_OPTIONS, poolerMode, readReplicaUrl } from "./dbconfig";

// Where each connection goes (README "Several hosts and a pooler").
const saved = { ...process.env };
afterEach(() => {
  for (const k of ["DATABASE_URL", "DATABASE_DIRECT_URL", "DATABASE_POOLER", "DATABASE_READ_URL", "PG_SESSION_OPTIONS"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});
const set = (env: Record<string, string | undefined>) => {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
};

describe("database connections", () => {
  it("a direct server: the planner settings as options, one URL for everything", () => {
    set({ DATABASE_URL: "postgresql://app@db/ct", DATABASE_DIRECT_URL: undefined, DATABASE_POOLER: undefined, PG_SESSION_OPTIONS: undefined });
    expect(poolerMode()).toBeNull();
    expect(pgSessionOptions()).toBe(PLANNER_OPTIONS);
    expect(directUrl()).toBe("postgresql://app@db/ct");
  });

  it("behind a pooler: no options, and what needs a session goes direct", () => {
    set({ DATABASE_URL: "postgresql://app@bouncer:6432/ct", DATABASE_DIRECT_URL: "postgresql://app@db/ct", DATABASE_POOLER: "transaction", PG_SESSION_OPTIONS: undefined });
    expect(poolerMode()).toBe("transaction");
    expect(pgSessionOptions()).toBe("");
    expect(directUrl()).toBe("postgresql://app@db/ct");
  });

  it("refuses a pooler without a direct URL, and a pooler mode it does not know", () => {
    set({ DATABASE_URL: "postgresql://app@bouncer:6432/ct", DATABASE_DIRECT_URL: undefined, DATABASE_POOLER: "transaction" });
    expect(() => poolerMode()).toThrow(/DATABASE_POOLER=transaction needs DATABASE_DIRECT_URL/);
    set({ DATABASE_POOLER: "session" });
    expect(() => poolerMode()).toThrow(/DATABASE_POOLER must be "transaction"/);
  });

  it("a replica only beside a server, and only a postgres:// URL", () => {
    set({ DATABASE_URL: undefined, DATABASE_READ_URL: "postgresql://app@replica/ct" });
    expect(readReplicaUrl()).toBeNull();
    set({ DATABASE_URL: "postgresql://app@db/ct" });
    expect(readReplicaUrl()).toBe("postgresql://app@replica/ct");
    set({ DATABASE_READ_URL: "replica:5432" });
    expect(() => readReplicaUrl()).toThrow(/DATABASE_READ_URL must be a postgres:\/\/ URL/);
  });
});
