import { describe, expect, it } from "vitest";
import { planBudget, poolSize } from "./budget.mjs";

// Hand-computed cases of lib/sql/budget.mjs:
//   hosts × workers × (pool + jobs) ≤ max_connections − reserved − headroom.
describe("the connection budget", () => {
  it("keeps the default pool when it fits (2 workers, PostgreSQL's defaults)", () => {
    // limit 100 − 3 − 10 = 87; 2 × (10 + 2) = 24.
    const b = planBudget({ maxConnections: 100, reserved: 3, workers: 2, jobs: true }, {});
    expect(b).toMatchObject({ pool: 10, total: 24, limit: 87 });
    expect(b.line).toBe("1 host × 2 workers × (10 pooled + 2 jobs) = 24 connections of 87 (max_connections 100 − 3 reserved − 10 headroom)");
  });

  it("chooses a smaller pool on 8 cores against max_connections 100 (the issue's 160 > 100 case)", () => {
    // floor(87 / 8) − 2 = 8; 8 × (8 + 2) = 80 ≤ 87.
    expect(planBudget({ maxConnections: 100, reserved: 3, workers: 8, jobs: true }, {})).toMatchObject({ pool: 8, total: 80 });
  });

  it("counts every host", () => {
    // 3 hosts × 8 workers = 24 processes; floor(87 / 24) = 3, less 2 jobs = 1 < 2: refused.
    expect(() => planBudget({ maxConnections: 100, reserved: 3, workers: 8, jobs: true }, { APP_HOSTS: "3" })).toThrow(
      /3 hosts × 8 workers × \(1 pooled \+ 2 jobs\) = 72 connections of 87.*Lower WEB_CONCURRENCY or APP_HOSTS/,
    );
    // Without jobs in the web tier: floor(87 / 24) = 3 each.
    expect(planBudget({ maxConnections: 100, reserved: 3, workers: 8, jobs: false }, { APP_HOSTS: "3" })).toMatchObject({ pool: 3, total: 72 });
  });

  it("refuses a DATABASE_POOL that does not fit, naming what to change", () => {
    // 8 × (20 + 2) = 176 > 197 − 10? limit 200 − 3 − 10 = 187: fits; with 9 workers 198 does not.
    expect(planBudget({ maxConnections: 200, reserved: 3, workers: 8, jobs: true }, { DATABASE_POOL: "20" }).total).toBe(176);
    expect(() => planBudget({ maxConnections: 200, reserved: 3, workers: 9, jobs: true }, { DATABASE_POOL: "20" })).toThrow(/198 connections of 187.*Lower DATABASE_POOL/);
  });

  it("honours the headroom and rejects nonsense settings", () => {
    expect(planBudget({ maxConnections: 100, reserved: 3, workers: 2, jobs: false }, { DATABASE_HEADROOM: "0" }).limit).toBe(97);
    expect(() => poolSize({ DATABASE_POOL: "ten" })).toThrow('DATABASE_POOL must be a whole number ≥ 1, not "ten"');
    expect(poolSize({})).toBe(10);
  });

  it("behind a pooler in transaction mode counts only the direct connections", () => {
    // 3 hosts × 8 workers = 24 processes: 24 × 2 jobs = 48 ≤ 87, where the pools would not fit (above);
    // the pools (10 each) connect to the pooler.
    const b = planBudget({ maxConnections: 100, reserved: 3, workers: 8, jobs: true }, { APP_HOSTS: "3", DATABASE_POOLER: "transaction" });
    expect(b).toMatchObject({ pool: 10, total: 48, limit: 87 });
    expect(b.line).toBe(
      "3 hosts × 8 workers × (10 pooled through the pooler, not counted + 2 jobs direct) = 48 connections of 87 (max_connections 100 − 3 reserved − 10 headroom)",
    );
    // The web tier without jobs holds no direct connection at all.
    expect(planBudget({ maxConnections: 100, reserved: 3, workers: 8, jobs: false }, { APP_HOSTS: "3", DATABASE_POOLER: "transaction" }).total).toBe(0);
  });
});
