// CLI: npm run mapping -- list | export <name> [file.json] | import <file.json> --as <admin email>
// Column mappings (lib/imports/mapping/) as JSON: keep them in version control, move them to another
// CreditTrack. `import` saves the JSON as the next version of its name. Exit 1 on a refused
// mapping, 2 on a usage error.
import fs from "node:fs";
import { closeDb, db } from "@/lib/db";
import type { Viewer } from "@/lib/access";
import { exportMapping, listMappings, saveMapping } from "@/lib/imports/mapping/store";
import { DomainError } from "@/lib/safe-action";

const USAGE = "usage: npm run mapping -- list | export <name> [file.json] | import <file.json>   [--as <district admin email>]";

async function main(argv: string[]): Promise<number> {
  const asIdx = argv.indexOf("--as");
  const asEmail = asIdx >= 0 ? argv[asIdx + 1] : undefined;
  const [cmd, arg, out] = argv.filter((a, i) => !a.startsWith("--") && argv[i - 1] !== "--as");
  // The command line runs on the server as its operator: it acts as a district administrator
  // (named with --as, else the first one, whose email the audit log shows).
  const u = asEmail
    ? await db().user.findUnique({ where: { email: asEmail.toLowerCase() } })
    : await db().user.findFirst({ where: { role: "DISTRICT_ADMIN", active: true }, orderBy: { createdAt: "asc" } });
  if (!u || u.role !== "DISTRICT_ADMIN") {
    console.error(asEmail ? `--as: no district administrator has the email ${asEmail}` : "No district administrator exists yet: run npm run setup first.");
    return 2;
  }
  const viewer: Viewer = { id: u.id, name: u.name, email: u.email, role: u.role, schoolId: u.schoolId };
  if (cmd === "list" && !arg) {
    const all = await listMappings(viewer);
    if (!all.length) console.log("No column mappings saved.");
    for (const m of all) console.log(`${m.name}  version ${m.version} (${m.versions} saved)  ${m.kind}  by ${m.createdBy ?? "?"} on ${m.createdAt.toISOString().slice(0, 10)}`);
    return 0;
  }
  if (cmd === "export" && arg) {
    const m = (await listMappings(viewer)).find((x) => x.name.toLowerCase() === arg.toLowerCase());
    if (!m) {
      console.error(`No saved column mapping is named "${arg}".`);
      return 1;
    }
    const json = JSON.stringify(await exportMapping(viewer, m.id), null, 2) + "\n";
    if (out) fs.writeFileSync(out, json);
    else process.stdout.write(json);
    return 0;
  }
  if (cmd === "import" && arg) {
    let input: unknown;
    try {
      input = JSON.parse(fs.readFileSync(arg, "utf8"));
    } catch (e) {
      console.error(`${arg}: not readable JSON (${(e as Error).message})`);
      return 1;
    }
    try {
      const saved = await saveMapping(viewer, input);
      console.log(`Saved "${saved.name}" as version ${saved.version}.`);
      return 0;
    } catch (e) {
      if (e instanceof DomainError) {
        console.error(`${arg}: ${e.message}`);
        return 1;
      }
      throw e;
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2))
  .then(async (code) => {
    await closeDb();
    process.exit(code);
  })
  .catch(async (e) => {
    console.error(e);
    await closeDb();
    process.exit(1);
  });
