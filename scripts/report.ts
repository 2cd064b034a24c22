// `npm run report -- graduation --cohort 2024 [--school CODE] [--json]`
// `npm run report -- dropout|program|completers --year 2024-25 [--school CODE] [--json]`
// Prints the report figures from the database named by DATABASE_URL (or the embedded one), through
// the same scoped queries as the screens and the API, with the same suppression. The command line
// has the database's own credentials, so it reads as a district administrator.
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { closeDb } from "@/lib/db";
import { NotFoundError, type Viewer } from "@/lib/access";
import { getCompleters, getDropout, getGraduation, getProgram } from "@/lib/reports/queries";
import { cohortYear, schoolYear } from "@/lib/reports/schema";
import type { EquityRow } from "@/lib/reports/equity";
import type { Figure } from "@/lib/reports/figures";
import type { Coded } from "@/lib/reports/disclosure";
import { programTypeText } from "@/lib/labels";
import { yearLabel } from "@/lib/calendar";
import { notFinalText } from "@/lib/reports/periods";
import { FATES, FATE_LABEL } from "@/lib/reports/completers";
import { fateShown } from "@/lib/reports/completer-grades";

const CLI_VIEWER: Viewer = { id: "cli", name: "Command line", email: "cli@localhost", role: "DISTRICT_ADMIN", schoolId: null };

const USAGE = `Usage:
  npm run report -- graduation --cohort 2024 [--school CODE] [--json]
  npm run report -- dropout --year 2024-25 [--school CODE] [--json]
  npm run report -- program --year 2024-25 [--school CODE] [--json]
  npm run report -- completers --year 2024-25 [--school CODE] [--json]`;

const COMMANDS = ["graduation", "dropout", "program", "completers"] as const;
const args = z.object({
  command: z.enum(COMMANDS),
  cohort: cohortYear.optional(),
  year: schoolYear.optional(),
  school: z.string().min(1).optional(),
  json: z.boolean().default(false),
});
const VALUE: Record<string, string> = {
  cohort: "the class, like 2024",
  year: "a school year, like 2024-25",
  school: "a school's state code or id",
};

/** Bad arguments: the message says what is wrong; the command prints it with the usage and exits 1. */
export class UsageError extends Error {
  constructor(what: string) {
    super(`${what}\n${USAGE}`);
    this.name = "UsageError";
  }
}

export function parseArgs(argv: string[]): z.output<typeof args> {
  const [command, ...rest] = argv;
  if (!command || command.startsWith("--")) throw new UsageError(`Name a report: graduation, dropout, program or completers.`);
  if (!(COMMANDS as readonly string[]).includes(command)) throw new UsageError(`There is no report "${command}": use graduation, dropout, program or completers.`);
  const raw: Record<string, unknown> = { command };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const name = a.slice(2);
    if (a === "--json") raw.json = true;
    else if (a.startsWith("--") && name in VALUE) {
      const v = rest[i + 1];
      if (v === undefined || v.startsWith("--") || v.trim() === "") throw new UsageError(`${a} needs a value: ${VALUE[name]}.`);
      raw[name] = v;
      i++;
    } else throw new UsageError(`Unknown argument "${a}".`);
  }
  const p = args.safeParse(raw);
  if (!p.success) throw new UsageError(p.error.issues.map((i) => (i.path.length ? `--${i.path.join(".")}: ${i.message}` : i.message)).join("\n"));
  const wants = p.data.command === "graduation" ? "cohort" : "year";
  const other = wants === "cohort" ? "year" : "cohort";
  if (p.data[other] != null) throw new UsageError(`${p.data.command} takes --${wants}, not --${other}.`);
  if (p.data[wants] == null) throw new UsageError(`${p.data.command} needs --${wants} (${VALUE[wants]}).`);
  return p.data;
}

const pct = (v: number | null, coded?: Coded | null) => (coded ? `${coded.op} ${coded.bound.toFixed(1)}%` : v == null ? "—" : `${v.toFixed(1)}%`);
const count = (v: number | null) => v ?? "—";
const pts = (v: number | null) => (v == null ? "—" : `${v > 0 ? "+" : ""}${v.toFixed(1)}`);
/**
 * A figure's line; its note (figures.ts: no October 1 roll) replaces the counts when there is no rate,
 * else follows them; a figure whose window is open ends with "[not final — closes <date>]" (periods.ts).
 */
const open = (f: { final: boolean; closesOn: string }) => (f.final ? "" : `  [${notFinalText(f.closesOn)}]`);
const fig = (f: Figure) =>
  f.rate == null && !f.coded && f.note
    ? `—  (${f.note})${open(f)}`
    : `${pct(f.rate, f.coded)}  (${f.numerator ?? "—"} of ${f.denominator ?? "—"})${open(f)}${f.note ? `\n${f.note}` : ""}`;

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows].map((r) => r.map(String));
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  return cells.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ")).join("\n");
}

const groups = (rows: EquityRow[]) =>
  table(
    ["group", "rate", "students", "gap to all", "gap to highest"],
    rows.map((r) => [r.label, pct(r.value, r.coded), count(r.n), r.key === "all" ? "" : pts(r.gapToAll), r.key === "all" ? "" : pts(r.gapToHighest)]),
  );

/** Runs one report command and returns what it prints; bad arguments throw a UsageError. */
export async function runReport(argv: string[], viewer: Viewer = CLI_VIEWER): Promise<string> {
  const a = parseArgs(argv);
  try {
    return await report(a, viewer);
  } catch (e) {
    if (e instanceof NotFoundError && e.what === "School") throw new UsageError(`No school has the state code or id "${a.school}".`);
    throw e;
  }
}

async function report(a: z.output<typeof args>, viewer: Viewer): Promise<string> {
  const where = (s: { name: string } | null) => s?.name ?? "District";
  switch (a.command) {
    case "graduation": {
      const g = await getGraduation(viewer, { cohort: a.cohort!, school: a.school });
      if (a.json) return JSON.stringify(g, null, 2);
      if (g.students === 0)
        return `No students in the class of ${g.cohort}${g.school ? ` at ${g.school.name}` : ""}: no student has this cohort year (the year they first entered 9th grade, plus 4).`;
      return [
        `Class of ${g.cohort} — ${where(g.school)}`,
        `4-year adjusted cohort graduation rate: ${fig(g.fourYear.figure)}`,
        groups(g.fourYear.groups),
        "",
        `5-year (extended) adjusted cohort graduation rate: ${fig(g.fiveYear.figure)}`,
        groups(g.fiveYear.groups),
      ].join("\n");
    }
    case "dropout": {
      const d = await getDropout(viewer, { year: a.year!, school: a.school });
      if (a.json) return JSON.stringify(d, null, 2);
      return [`Annual dropout rate ${yearLabel(d.year)} — ${where(d.school)}: ${fig(d.figure)}`, groups(d.groups)].join("\n");
    }
    case "completers": {
      const c = await getCompleters(viewer, { year: a.year!, school: a.school });
      if (a.json) return JSON.stringify(c, null, 2);
      return [
        `Credit-recovery completers ${yearLabel(c.year)} — ${where(c.school)}: ${c.completers ?? "hidden"}`,
        `Graduated by the end of the year: ${fig(c.byYearEnd)}`,
        `Graduated by now: ${fig(c.byNow)}`,
        groups(c.groups),
        "",
        "By grade at completion, and what became of them (as of today)",
        table(
          ["grade at completion", "completers", ...FATES.map((f) => FATE_LABEL[f].toLowerCase())],
          c.byGrade.map((r): (string | number)[] => [r.group, r.completers ?? "—", ...FATES.map((f) => fateShown(r, f) ?? "—")]),
        ),
      ].join("\n");
    }
    case "program": {
      const p = await getProgram(viewer, { year: a.year!, school: a.school });
      if (a.json) return JSON.stringify(p, null, 2);
      return [
        `Online program results ${yearLabel(p.year)} — ${where(p.school)}${open(p)}`,
        table(
          ["program", "provider", "students", "started", "passed", "failed", "withdrawn", "active", "enrollments ended", "completion", "median days", "credits recovered"],
          p.rows.map((r) => [
            r.programType ? programTypeText(r.programType) : "All programs",
            r.providerName ?? "",
            count(r.students),
            count(r.started),
            count(r.passed),
            count(r.failed),
            count(r.withdrawn),
            count(r.active),
            count(r.ended),
            pct(r.completionRate, r.coded),
            count(r.medianDaysToComplete),
            count(r.creditsRecovered),
          ]),
        ),
        "",
        "Completion rate by group",
        groups(p.groups),
      ].join("\n");
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  if (argv.includes("--help") || argv.includes("-h")) console.log(USAGE);
  else {
    try {
      console.log(await runReport(argv));
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    } finally {
      await closeDb();
    }
  }
}
