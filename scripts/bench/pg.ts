// A throwaway PostgreSQL 15 cluster owned by the postgres user (root may not run it), as in .ci/run.
import { execFileSync, execSync } from "node:child_process";
import fs from "node:fs";

const PGBIN = "/usr/lib/postgresql/15/bin";

function freePort(): number {
  // Synchronous probe of a fixed range: first port that no one answers on.
  for (let p = 55500; p < 55600; p++) {
    try {
      execSync(`bash -c '</dev/tcp/127.0.0.1/${p}'`, { stdio: "ignore" });
    } catch {
      return p;
    }
  }
  throw new Error("no free port for PostgreSQL");
}

export function startThrowawayCluster(): { url: string; stop: () => void } {
  const dir = fs.mkdtempSync("/tmp/ct-bench-pg.");
  execFileSync("chown", ["postgres", dir]);
  const port = freePort();
  const su = (cmd: string) => execFileSync("su", ["postgres", "-c", cmd], { stdio: "ignore" });
  su(`${PGBIN}/initdb -D ${dir} -U postgres --auth=trust -E UTF8`);
  su(`${PGBIN}/pg_ctl -D ${dir} -o '-p ${port} -k /tmp -c shared_buffers=1GB -c max_connections=300' -l ${dir}/log -w start`);
  su(`${PGBIN}/createdb -h /tmp -p ${port} credittrack`);
  console.log(`Throwaway PostgreSQL 15 on port ${port} (${dir})`);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/credittrack`,
    stop: () => {
      try {
        su(`${PGBIN}/pg_ctl -D ${dir} -m fast stop`);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
