import { describe, expect, it } from "vitest";
import { navFor } from "@/components/shell/nav";
import { ACTIONS, POLICY, ROLES, assertCan, can, ForbiddenError, refusalOf } from "./access";
import { readSource, sourceFiles } from "./test/source-files";

// The role policy (lib/access/policy.ts) is one table; these tests walk it, and keep every role
// comparison in lib/access.ts and lib/access/policy.ts so that the table stays the one home.

describe("the policy table", () => {
  it("gives every action at least one role, only known roles, and a reason", () => {
    for (const action of ACTIONS) {
      const rule = POLICY[action];
      expect(rule.roles.length, action).toBeGreaterThan(0);
      for (const role of rule.roles) expect(ROLES, action).toContain(role);
      expect(rule.why.length, action).toBeGreaterThan(10);
    }
  });

  it("can and assertCan agree with the table for every role and action, and refuse with ForbiddenError alone", () => {
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        const allowed = (POLICY[action].roles as readonly string[]).includes(role);
        expect(can({ role }, action), `${role} ${action}`).toBe(allowed);
        if (allowed) expect(() => assertCan({ role }, action)).not.toThrow();
        else {
          expect(() => assertCan({ role }, action), `${role} ${action}`).toThrow(ForbiddenError);
          expect(() => assertCan({ role }, action)).toThrow(refusalOf(action));
        }
      }
    }
  });

  it("keeps the rules the app had before the table (who may do what)", () => {
    const who = (action: (typeof ACTIONS)[number]) => ROLES.filter((role) => can({ role }, action));
    const district = ["DISTRICT_ADMIN"];
    const admins = ["SCHOOL_ADMIN", "DISTRICT_ADMIN"];
    for (const a of ["users.manage", "catalog.manage", "settings.manage", "imports.manage", "readiness.read", "audit.read", "reports.district", "students.allSchools"] as const)
      expect(who(a), a).toEqual(district);
    for (const a of ["overview.read", "reports.read", "reengagement.summary", "credit.review", "caseload.reassign", "staff.read", "students.byCounselor"] as const)
      expect(who(a), a).toEqual(admins);
    for (const a of ["today.read", "caseload.read", "catalog.read", "reengagement.read"] as const) expect(who(a), a).toEqual([...ROLES]);
  });

  it("shows a role the navigation links of exactly the pages whose action it may do", () => {
    expect(navFor("COUNSELOR").map((l) => l.label)).toEqual(["Today", "My caseload", "Re-engagement", "Catalog"]);
    expect(navFor("SCHOOL_ADMIN").map((l) => l.href)).toEqual(["/admin", "/today", "/caseload", "/reengagement", "/catalog", "/reports", "/users"]);
    expect(navFor("DISTRICT_ADMIN").map((l) => l.href)).toEqual([
      "/admin",
      "/today",
      "/caseload",
      "/reengagement",
      "/catalog",
      "/reports",
      "/reports/district",
      "/imports",
      "/audit",
      "/users",
      "/settings",
      "/admin/readiness",
    ]);
  });
});

describe("one home for role rules", () => {
  // A comparison of a role with one of the Role enum's values (`viewer.role === "COUNSELOR"`,
  // `"DISTRICT_ADMIN" !== role`, `case "SCHOOL_ADMIN":` in a switch on a role) outside the access
  // files is a second home for a rule: call can / assertCan or a scope of lib/access.ts instead.
  const ROLE = `["'](?:COUNSELOR|SCHOOL_ADMIN|DISTRICT_ADMIN)["']`;
  const COMPARISON = new RegExp(`\\brole\\s*[!=]==?\\s*${ROLE}|${ROLE}\\s*[!=]==?\\s*[\\w.]*role\\b|\\bcase\\s+${ROLE}\\s*:`);
  // lib/sql/fragments/scope.ts renders the scopes of lib/access.ts as SQL for the typed boundary;
  // lib/access.int.test.ts holds each rendering to its Prisma rule for every kind of person.
  const ALLOWED = new Set(["lib/access.ts", "lib/access/policy.ts", "lib/sql/fragments/scope.ts"]);

  it("finds the comparisons it looks for", () => {
    for (const s of ['viewer.role === "COUNSELOR"', "u.role !== 'DISTRICT_ADMIN'", '"SCHOOL_ADMIN" === viewer.role', 'case "COUNSELOR":']) expect(s).toMatch(COMPARISON);
    expect('{ role: "COUNSELOR", active: true }').not.toMatch(COMPARISON);
  });

  it("has no role comparison in lib/, app/ or components/ outside lib/access.ts (tests and the seed aside)", () => {
    const files = [...sourceFiles("lib"), ...sourceFiles("app"), ...sourceFiles("components")].filter(
      (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith("lib/test/") && !ALLOWED.has(f),
    );
    const found = files.flatMap((f) =>
      readSource(f)
        .split("\n")
        .flatMap((line, i) => (COMPARISON.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
