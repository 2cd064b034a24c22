import { SUBJECT_AREAS, type SubjectAreaName } from "./schema";

// `npm run setup` arguments (pure: no I/O, unit-tested in cli-args.test.ts). Every flag takes
// `--flag value` or `--flag=value`. The password never comes as a flag value: a command line lands
// in shell history and in `ps` — it comes from a file (--admin-password-file), ADMIN_PASSWORD, or
// the prompt.

export const SETUP_USAGE = `usage:
  npm run setup                         asks for everything (in a terminal)
  npm run setup -- --district-name "Lakeside Public Schools" --total-credits 24 \\
      --requirement ENGLISH=4 --requirement MATHEMATICS=4 … --passing-grade 65 \\
      --admin-email dana@lakeside.org --admin-name "Dana Whitfield" --admin-password-file ./pw.txt
  npm run setup -- --token              prints a one-time link to set up in the browser instead

flags:
  --district-name NAME        the district's name
  --total-credits N           credits a diploma requires (e.g. 24 or 22.5)
  --requirement AREA=N        credits required in one subject area; repeat for each area
                              (areas: ${SUBJECT_AREAS.join(", ")}; an area not given requires 0)
  --passing-grade PERCENT     the district's passing final grade for online courses (1-100)
  --admin-email EMAIL         the first district administrator's email (their sign-in)
  --admin-name NAME           their name
  --admin-password-file PATH  a file whose first line is their password (or set ADMIN_PASSWORD)
  --token                     print a one-time setup token and the /setup link, nothing else
Any value not given is asked for when run in a terminal; otherwise it is an error.
Refused once a district administrator exists.`;

/** The raw (unvalidated) values, keyed as lib/setup/schema.ts names them. */
export type SetupFlags = {
  districtName?: string;
  totalCredits?: string;
  requirements: Partial<Record<SubjectAreaName, string>>;
  passingGrade?: string;
  email?: string;
  name?: string;
  passwordFile?: string;
};

export type ParsedSetupArgs = { mode: "help" } | { mode: "token" } | { mode: "setup"; flags: SetupFlags } | { mode: "error"; message: string };

const VALUED = {
  "--district-name": "districtName",
  "--total-credits": "totalCredits",
  "--passing-grade": "passingGrade",
  "--admin-email": "email",
  "--admin-name": "name",
  "--admin-password-file": "passwordFile",
} as const;

/** Which flag (or variable) supplies each field of setupSchema: for error messages. */
export function flagFor(field: string): string {
  if (field.startsWith("requirements.")) return `--requirement ${field.slice("requirements.".length)}=…`;
  const entry = Object.entries(VALUED).find(([, f]) => f === field);
  if (entry) return entry[0];
  if (field === "password" || field === "confirm") return "--admin-password-file (or ADMIN_PASSWORD)";
  return field;
}

export function parseSetupArgs(argv: string[]): ParsedSetupArgs {
  const flags: SetupFlags = { requirements: {} };
  let token = false;
  let valued = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (name === "--help" || name === "-h") return { mode: "help" };
    if (name === "--token") {
      if (eq > 0) return { mode: "error", message: "--token takes no value" };
      token = true;
      continue;
    }
    if (name === "--admin-password") {
      return {
        mode: "error",
        message:
          "--admin-password is not accepted: a password on the command line lands in the shell's history. Use --admin-password-file PATH, the ADMIN_PASSWORD variable, or the prompt.",
      };
    }
    if (name !== "--requirement" && !(name in VALUED)) {
      return {
        mode: "error",
        message: arg.startsWith("-")
          ? `unknown flag ${name} (npm run setup -- --help lists them)`
          : `unexpected argument "${arg}": values follow their flag, e.g. --district-name "${arg}"`,
      };
    }
    let value: string | undefined;
    if (eq > 0) value = arg.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith("--") && value.length > 2)) return { mode: "error", message: `${name} needs a value` };
      i++;
    }
    valued++;
    if (name === "--requirement") {
      const m = /^\s*([A-Za-z_ -]+?)\s*=\s*(.*)$/.exec(value);
      const area = m?.[1].toUpperCase().replace(/[ -]/g, "_");
      if (!m || !area) return { mode: "error", message: `--requirement takes AREA=CREDITS, e.g. --requirement ENGLISH=4 (not "${value}")` };
      if (!(SUBJECT_AREAS as readonly string[]).includes(area))
        return { mode: "error", message: `--requirement: unknown subject area "${m[1]}" (one of ${SUBJECT_AREAS.join(", ")})` };
      if (flags.requirements[area as SubjectAreaName] !== undefined) return { mode: "error", message: `--requirement ${area} is given twice` };
      flags.requirements[area as SubjectAreaName] = m[2];
      continue;
    }
    const field = VALUED[name as keyof typeof VALUED];
    if (flags[field] !== undefined) return { mode: "error", message: `${name} is given twice` };
    flags[field] = value;
  }
  if (token) return valued > 0 ? { mode: "error", message: "--token prints a setup link and takes no other flags" } : { mode: "token" };
  return { mode: "setup", flags };
}

/** The values still missing (to ask for, or to name in the error when there is no terminal). */
export function missingSetupFlags(flags: SetupFlags, hasPassword: boolean): string[] {
  const missing = (["districtName", "totalCredits", "passingGrade", "email", "name"] as const).filter((k) => flags[k] === undefined).map(flagFor);
  if (!hasPassword) missing.push(flagFor("password"));
  return missing;
}
