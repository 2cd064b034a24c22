// Backup and restore round trip (README "Backup and restore"), in whichever mode the tests run:
// pg_dump/pg_restore on a PostgreSQL server, a copy of the stopped data folder for PGlite.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it } from "vitest";
import { serverUrl } from "@/lib/dbconfig";
import { migrationSql } from "@/lib/test/db";
import { tempDir } from "@/lib/test/temp-dir";

const script = path.resolve(import.meta.dirname, "../../scripts/backup.mjs");
const SAMPLE = `
  INSERT INTO "School"(id, name, "stateCode", "updatedAt") VALUES ('s1', 'Backup High', '99999999', now());
  INSERT INTO "Student"(id, "sisId", "firstName", "lastName", "birthDate", "schoolId", "gradeLevel", "cohortYear", "raceEthnicity", gender, "updatedAt")
  VALUES ('st1', 'B-1', 'Ada', 'Ó''Brien – “quoted”', '2009-01-02', 's1', 11, 2027, 'ASIAN', 'FEMALE', now());`;
const FINGERPRINT = `SELECT (SELECT count(*) FROM "School")::int AS schools, (SELECT string_agg("lastName" || "birthDate"::text, ',') FROM "Student") AS students`;

describe("backup and restore", () => {
  async function serverRoundTrip() {
    const base = serverUrl()!;
    const names = [0, 1].map(() => `ct_backup_${randomBytes(4).toString("hex")}`);
    const urls = names.map((n) => Object.assign(new URL(base), { pathname: `/${n}` }).toString());
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      for (const n of names) await admin.query(`CREATE DATABASE ${n}`);
      const src = new pg.Client({ connectionString: urls[0] });
      await src.connect();
      await src.query(migrationSql());
      await src.query(SAMPLE);
      const before = (await src.query(FINGERPRINT)).rows[0];
      await src.end();

      const file = path.join(os.tmpdir(), `${names[0]}.dump`);
      execFileSync("node", [script, "backup", file], { env: { ...process.env, DATABASE_URL: urls[0] }, stdio: "pipe" });
      execFileSync("node", [script, "restore", file], { env: { ...process.env, DATABASE_URL: urls[1] }, stdio: "pipe" });
      fs.rmSync(file, { force: true });

      const dst = new pg.Client({ connectionString: urls[1] });
      await dst.connect();
      expect((await dst.query(FINGERPRINT)).rows[0]).toEqual(before);
      expect(before.schools).toBe(1);
      await dst.end();
    } finally {
      for (const n of names) await admin.query(`DROP DATABASE IF EXISTS ${n} WITH (FORCE)`);
      await admin.end();
    }
  }

  async function embeddedRoundTrip() {
    const tmp = tempDir("ct-backup-");
    const live = path.join(tmp, "live");
    const db1 = new PGlite(live);
    await db1.exec(migrationSql());
    await db1.exec(SAMPLE);
    const before = (await db1.query(FINGERPRINT)).rows[0];
    await db1.close();

    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: live };
    delete env.DATABASE_URL;
    execFileSync("node", [script, "backup", path.join(tmp, "copy")], { env, stdio: "pipe" });
    fs.rmSync(live, { recursive: true, force: true });
    execFileSync("node", [script, "restore", path.join(tmp, "copy")], { env, stdio: "pipe" });

    const db2 = new PGlite(live);
    expect((await db2.query(FINGERPRINT)).rows[0]).toEqual(before);
    await db2.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const mode = serverUrl() ? "pg_dump → pg_restore into an empty database" : "a copy of the stopped PGlite folder";
  it(`${mode} restores the same data`, () => (serverUrl() ? serverRoundTrip() : embeddedRoundTrip()));
});
