// `npm run db:migrate`: `prisma migrate deploy` through scripts/lib.mjs's migrateDeploy, so it is
// bounded in time and retried once like every other command that migrates (demo, setup, e2e server).
import { exitIfEmbeddedInUse, migrateDeploy } from "./lib.mjs";

exitIfEmbeddedInUse();
try {
  await migrateDeploy();
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
