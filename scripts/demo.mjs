// `npm run demo`: migrate, seed the demo district when the database is empty, build, and serve.
// Embedded PGlite in .data/pglite unless DATABASE_URL names a PostgreSQL server.
import { ensureSecret, exitIfEmbeddedInUse, migrateDeploy, npx, run } from "./lib.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const port = process.env.PORT ?? "3000";
ensureSecret();
process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

console.log(`Database: ${process.env.DATABASE_URL ? "PostgreSQL server (DATABASE_URL)" : "embedded PGlite in .data/pglite"}`);
exitIfEmbeddedInUse();
await migrateDeploy().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
await run("npm", ["run", "--silent", "seed", "--", "--if-empty"]);
if (!process.argv.includes("--no-build")) await npx(["next", "build"]);
await npx(["tsx", "-e", 'import("./prisma/seed/demo-logins.ts").then((m) => m.printDemoLogins())']);
console.log(`\nCreditTrack is running at http://localhost:${port}  (Ctrl-C to stop)\n`);
await run("node", ["scripts/serve.mjs", "-p", port]);
