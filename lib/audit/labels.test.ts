import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AUDIT_LABELS, auditLabel, describeDetails } from "./labels";
import { repoRoot, sourceFiles } from "@/lib/test/source-files";

// Every action the app writes has words on the audit page: this reads the source for every action
// code written — `action: "…"` (recordAudit, recordRefusal), the sign-in audit("…") calls, the
// action arguments of auditExport and listCaseload, the codes in INSERT INTO "AuditEvent"
// statements — and the codes built from templates (`<thing>.write.refused` for each NotFoundError
// an action can throw, `<thing>.read.refused` for one a report throws with the id asked for,
// `import.<kind>` for each import kind), and checks each has a label of its own.

const root = repoRoot;
const CODE = /^[a-z][a-z0-9_-]*(?:\.[a-z0-9][a-z0-9_-]*)+$/;

/** Source files (not tests) that can write an action code. */
const walk = (dir: string) => sourceFiles(dir).filter((f) => /\.(ts|tsx|mjs)$/.test(f) && !/\.test\.ts$/.test(f));

const sources = ["app", "lib", "components", "scripts"].flatMap((d) => walk(d)).map((f) => ({ file: f, text: fs.readFileSync(path.join(root, f), "utf8") }));
const literals = (s: string) => [...s.matchAll(/["'`]([^"'`\n$]+)["'`]/g)].map((m) => m[1]).filter((x) => CODE.test(x));

/** [code, file] for every action code written in the source. */
export function writtenActions(): [string, string][] {
  const found: [string, string][] = [];
  for (const { file, text } of sources) {
    const add = (codes: string[]) => codes.forEach((c) => found.push([c, file]));
    // action: "x" and action: cond ? "x" : "y"
    // (a column reference, x.ref("ev.action"), names no code)
    for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) add(literals(m[1].replace(/\.ref\(\s*["'][^"']*["']\s*\)/g, "")));
    // the typed SQL boundary's audit statements: an action code as an SQL literal, sql.lit("student.read")
    if (file.startsWith("lib/sql/")) for (const m of text.matchAll(/sql\.lit\(\s*"([^"]+)"\s*\)/g)) add([m[1]].filter((x) => CODE.test(x)));
    // audit(userId, "signin.failure", …), auditExport(viewer, "export.students", …)
    for (const m of text.matchAll(/\b(?:audit|auditExport)\(\s*[^,()]+,\s*(["'][^"']+["'])/g)) add(literals(m[1]));
    // listCaseload(viewer, params, asOf, { action: "…" }) is covered by action:; raw SQL inserts:
    for (const m of text.matchAll(/INSERT INTO "AuditEvent"[\s\S]{0,600}?(?:`\s*[,)]|$)/g)) {
      add([...m[0].matchAll(/'([^'\n]+)'/g)].map((x) => x[1]).filter((x) => CODE.test(x)));
    }
  }
  // Templates: refusals by the thing not found (lib/safe-action.ts, lib/reports/http.ts), imports by kind.
  for (const { file, text } of sources) {
    const actionCode = /^lib\/(enrollments|students|notes|users)\//.test(file) || file === "lib/access.ts";
    for (const m of text.matchAll(/new NotFoundError\("(\w+)"(,)?/g)) {
      if (actionCode && file !== "lib/access.ts") found.push([`${m[1].toLowerCase()}.write.refused`, file]);
      if (file.startsWith("lib/reports/") && m[2]) found.push([`${m[1].toLowerCase()}.read.refused`, file]);
    }
    for (const m of text.matchAll(/assertLookupId\([^,]+,\s*"(\w+)"\)/g)) if (actionCode) found.push([`${m[1].toLowerCase()}.write.refused`, file]);
  }
  const kinds = fs.readFileSync(path.join(root, "lib/imports/report.ts"), "utf8").match(/export type ImportKind = ([^;]+);/);
  if (sources.some((s) => s.text.includes("action: `import.${report.kind}`")) && kinds) {
    for (const k of kinds[1].matchAll(/"(\w+)"/g)) found.push([`import.${k[1]}`, "lib/imports/record.ts"]);
  }
  return found;
}

describe("audit labels", () => {
  it("finds the action codes the app writes (the reader itself works)", () => {
    const codes = new Set(writtenActions().map(([c]) => c));
    for (const c of [
      "signin.failure",
      "student.read",
      "student.read.refused",
      "result.record",
      "enrollment.fail",
      "enrollment.withdraw",
      "caseload.view",
      "report.early_warning",
      "export.students",
      "import.progress",
      "student.write.refused",
      "enrollment.write.refused",
      "school.read.refused",
    ]) {
      expect(codes, c).toContain(c);
    }
  });

  it("every action code written anywhere in the app has words of its own", () => {
    const missing = writtenActions()
      .filter(([c]) => !(c in AUDIT_LABELS))
      .map(([c, f]) => `${c} (${f})`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it("every label is words, not a code", () => {
    for (const [code, label] of Object.entries(AUDIT_LABELS)) {
      expect(label, code).not.toMatch(CODE);
      expect(label, code).toMatch(/^[a-z]/);
      expect(label, code).not.toContain(code);
    }
    expect(auditLabel("student.read")).toBe("viewed the student record");
    expect(auditLabel("some.future_code")).toBe("some future code");
  });

  it("summarizes an event's filter, count, path and reason", () => {
    expect(describeDetails({ filter: { status: "ENROLLED", flag: ["SPED", "EL"] }, students: 12 })).toBe("filter: status enrolled, flag SPED+EL · 12 students");
    expect(describeDetails({ from: "OPTIONAL", to: "ALL_STAFF" })).toBe("optional → all staff");
    expect(describeDetails({ importRunId: "r1", changes: { name: { from: "James Okafor", to: "James Okafor-Reyes" } } })).toBe("name: James Okafor → James Okafor-Reyes");
    expect(describeDetails({ sessionsEnded: 1 })).toBe("1 session ended");
    expect(describeDetails({ filter: {}, students: 1, ids: ["a"] })).toBe("no filter · 1 student");
    expect(describeDetails({ path: "/audit" })).toBe("page /audit");
    expect(describeDetails(null)).toBe("");
  });
});
