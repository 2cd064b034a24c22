// `npm run setup`: set up a new district from an empty database (issue #12 "First run"): the
// district's settings, graduation requirements and the first district administrator — asked for in
// a terminal, or given as flags (`-- --help`). `npm run setup -- --token` prints a one-time link to
// do the same in the browser (/setup). Both refuse once a district administrator exists.
// Applies pending migrations first. Exit codes: 0 done, 1 refused or failed, 2 bad arguments.
import fs from "node:fs";
import readline from "node:readline/promises";
import { Writable } from "node:stream";
import { closeDb } from "@/lib/db";
import { DomainError } from "@/lib/safe-action";
import { districtTimeZone } from "@/lib/calendar";
import { SUBJECT_LABELS } from "@/lib/students/graduation";
import { flagFor, missingSetupFlags, parseSetupArgs, SETUP_USAGE, type SetupFlags } from "@/lib/setup/cli-args";
import { SETUP_DEFAULTS, SUBJECT_AREAS, setupFieldErrors, setupSchema, type SetupInput } from "@/lib/setup/schema";
import { ALREADY_SET_UP, setUpDistrict } from "@/lib/setup/setup";
import { districtIsSetUp, issueSetupTokenNow } from "@/lib/setup/token";
// Which migrations are applied: scripts/lib.mjs reads Prisma's own _prisma_migrations table (not in
// the app's schema or the typed boundary's types: migration bookkeeping, on the boundary's allow-list).
import { migrateDeploy, pendingMigrations } from "./lib.mjs";

const origin = () => (process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : `http://localhost:${process.env.PORT ?? "3000"}`);

class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

// ---- the database: migrations first -------------------------------------------------------------

async function ensureMigrated(): Promise<void> {
  const pending = await pendingMigrations();
  if (pending.length === 0) return;
  console.log(`Applying ${pending.length} database migration${pending.length === 1 ? "" : "s"}…`);
  await closeDb(); // `prisma migrate deploy` runs in its own process, bounded in time (scripts/lib.mjs)
  await migrateDeploy({ quiet: true }).catch((e: Error) => {
    throw new Exit(1, e.message);
  });
  const still = await pendingMigrations();
  if (still.length) throw new Exit(1, `The database migrations did not apply (${still.join(", ")}). Run \`npm run db:migrate\` to see why.`);
  console.log("Migrations applied.");
}

// ---- prompts ------------------------------------------------------------------------------------

type Prompter = { ask(q: string, def?: string): Promise<string>; secret(q: string): Promise<string>; close(): void };

/** Questions in the terminal; a secret is not echoed (the output is muted while it is typed). */
function prompter(): Prompter {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stdout.write(chunk, encoding);
      done();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  rl.on("SIGINT", () => {
    process.stdout.write("\nStopped; nothing was written.\n");
    process.exit(130);
  });
  return {
    async ask(q, def) {
      const a = (await rl.question(def !== undefined ? `${q} [${def}]: ` : `${q}: `)).trim();
      return a === "" && def !== undefined ? def : a;
    },
    async secret(q) {
      process.stdout.write(`${q}: `);
      muted = true;
      try {
        return await rl.question("");
      } finally {
        muted = false;
        process.stdout.write("\n");
      }
    },
    close: () => rl.close(),
  };
}

const QUESTIONS: Record<string, string> = {
  districtName: "District name",
  totalCredits: "Credits a diploma requires",
  passingGrade: "Passing final grade for online courses (percent)",
  email: "First district administrator's email (their sign-in)",
  name: "Their name",
};

function readPasswordFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").split(/\r?\n/)[0] ?? "";
  } catch (e) {
    throw new Exit(2, `--admin-password-file: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

/** Flags, then the environment, then (in a terminal) questions: the raw values setupSchema reads. */
async function collect(flags: SetupFlags, ask: Prompter | null): Promise<SetupInput> {
  const password = flags.passwordFile !== undefined ? readPasswordFile(flags.passwordFile) : process.env.ADMIN_PASSWORD;
  const raw: Record<string, unknown> & { requirements: Record<string, string> } = {
    districtName: flags.districtName,
    totalCredits: flags.totalCredits,
    passingGrade: flags.passingGrade,
    email: flags.email,
    name: flags.name,
    password,
    confirm: password,
    requirements: { ...flags.requirements },
  };
  const askRequirements = ask !== null && Object.keys(flags.requirements).length === 0;
  if (!ask) {
    const missing = missingSetupFlags(flags, password !== undefined);
    if (missing.length) throw new Exit(2, `missing ${missing.join(", ")} (or run it in a terminal to be asked; npm run setup -- --help)`);
  } else {
    if (raw.districtName === undefined) raw.districtName = await ask.ask(QUESTIONS.districtName);
    if (raw.totalCredits === undefined) raw.totalCredits = await ask.ask(QUESTIONS.totalCredits, String(SETUP_DEFAULTS.totalCredits));
    if (askRequirements) {
      console.log("Credits required in each subject area (0 = no requirement of its own):");
      for (const a of SUBJECT_AREAS) raw.requirements[a] = await ask.ask(`  ${SUBJECT_LABELS[a]}`, String(SETUP_DEFAULTS.requirements[a]));
    }
    if (raw.passingGrade === undefined) raw.passingGrade = await ask.ask(QUESTIONS.passingGrade, String(SETUP_DEFAULTS.passingGrade));
    if (raw.email === undefined) raw.email = await ask.ask(QUESTIONS.email);
    if (raw.name === undefined) raw.name = await ask.ask(QUESTIONS.name);
    if (password === undefined) {
      raw.password = await ask.secret("Their password (12+ characters; not shown)");
      raw.confirm = await ask.secret("The password again");
    }
  }
  for (const a of SUBJECT_AREAS) raw.requirements[a] ??= "0";

  for (;;) {
    const parsed = setupSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const errors = setupFieldErrors(parsed.error);
    if (!ask)
      throw new Exit(
        2,
        Object.entries(errors)
          .map(([field, m]) => `${flagFor(field)}: ${m[0]}`)
          .join("\n"),
      );
    // In a terminal: say what is wrong and ask again for just those values.
    for (const [field, m] of Object.entries(errors)) {
      console.log(`  ${m[0]}`);
      if (field === "password" || field === "confirm") {
        raw.password = await ask.secret("Their password (12+ characters; not shown)");
        raw.confirm = await ask.secret("The password again");
      } else if (field.startsWith("requirements.")) {
        const a = field.slice("requirements.".length) as (typeof SUBJECT_AREAS)[number];
        raw.requirements[a] = await ask.ask(`  ${SUBJECT_LABELS[a]}`);
      } else {
        raw[field] = await ask.ask(QUESTIONS[field] ?? field);
      }
    }
  }
}

function summary(input: SetupInput): string {
  const areas = SUBJECT_AREAS.filter((a) => input.requirements[a] > 0).map((a) => `${SUBJECT_LABELS[a]} ${input.requirements[a]}`);
  return [
    `Set up ${input.districtName}: ${input.totalCredits} credits for a diploma (${areas.join(", ") || "no subject-area requirements"}), passing grade ${input.passingGrade}%.`,
    `District administrator: ${input.name} <${input.email}>. Sign in at ${origin()}/signin`,
    `  (administrators set up two-factor sign-in at their first sign-in unless the district's rule on Settings says otherwise).`,
    `Time zone: ${districtTimeZone()} — dates follow it; to change it set DISTRICT_TIME_ZONE (an IANA name such as America/Chicago) in the server's environment and restart.`,
    `Next: the district administrator's Readiness page (${origin()}/admin/readiness) lists what to load.`,
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const args = parseSetupArgs(argv);
  if (args.mode === "help") {
    console.log(SETUP_USAGE);
    return 0;
  }
  if (args.mode === "error") throw new Exit(2, args.message);
  const ask = args.mode === "setup" && process.stdin.isTTY && process.stdout.isTTY ? prompter() : null;
  try {
    return await run(args, ask);
  } finally {
    ask?.close();
  }
}

async function run(args: Exclude<ReturnType<typeof parseSetupArgs>, { mode: "help" | "error" }>, ask: Prompter | null): Promise<number> {
  // Bad or missing flags are reported before the database is touched.
  if (args.mode === "setup" && !ask) {
    const missing = missingSetupFlags(args.flags, args.flags.passwordFile !== undefined || process.env.ADMIN_PASSWORD !== undefined);
    if (missing.length) throw new Exit(2, `missing ${missing.join(", ")} (or run it in a terminal to be asked; npm run setup -- --help)`);
  }
  await ensureMigrated();
  if (await districtIsSetUp()) throw new Exit(1, ALREADY_SET_UP);
  if (args.mode === "token") {
    const issued = await issueSetupTokenNow("cli");
    if (!issued) throw new Exit(1, ALREADY_SET_UP);
    console.log(`Setup token: ${issued.token}`);
    console.log(`Open ${origin()}/setup?token=${issued.token} to set up the district.`);
    console.log(`It works once, until ${issued.expiresAt.toISOString().replace("T", " ").slice(0, 16)} UTC; a new token (this command, or a server restart) replaces it.`);
    return 0;
  }
  const input = await collect(args.flags, ask);
  try {
    await setUpDistrict(input, { via: "cli" });
  } catch (e) {
    if (e instanceof DomainError) throw new Exit(1, e.field ? `${flagFor(e.field)}: ${e.message}` : e.message);
    throw e;
  }
  console.log(summary(input));
  return 0;
}

let code: number;
try {
  code = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof Exit) {
    console.error(e.code === 2 ? `setup: ${e.message}` : e.message);
    code = e.code;
  } else {
    console.error("setup failed:", e instanceof Error ? e.message : e);
    code = 1;
  }
}
await closeDb().catch(() => undefined);
process.exit(code);
