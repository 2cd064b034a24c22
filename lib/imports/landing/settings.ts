import "server-only";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { db } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { type Viewer, assertCan } from "@/lib/access";

// The landing folder's settings (issue #15; README "Landing folder"): on DistrictSettings, changed
// on the Settings page by district administrators. The server's environment may override the
// interval (IMPORT_LANDING_INTERVAL_SECONDS, down to seconds: tests), the wait between the two
// looks at a file's size (IMPORT_LANDING_SETTLE_MS) and confine the folder (IMPORT_LANDING_ROOT).

export const LANDING_DEFAULTS = { intervalMinutes: 15, retentionDays: 30, staleAfterDays: 3 };
/** Between the two looks at a file's size and time: a file still being written changes meanwhile. */
export const DEFAULT_SETTLE_MS = 5000;

export type LandingConfig = { folder: string | null; intervalSeconds: number; retentionDays: number; staleAfterDays: number; settleMs: number };

export type LandingSettings = { landingFolder: string | null; landingIntervalMinutes: number; landingRetentionDays: number; staleAfterDays: number };

export async function getLandingSettings(): Promise<LandingSettings> {
  const row = await db().districtSettings.findUnique({
    where: { id: 1 },
    select: { landingFolder: true, landingIntervalMinutes: true, landingRetentionDays: true, staleAfterDays: true },
  });
  return (
    row ?? {
      landingFolder: null,
      landingIntervalMinutes: LANDING_DEFAULTS.intervalMinutes,
      landingRetentionDays: LANDING_DEFAULTS.retentionDays,
      staleAfterDays: LANDING_DEFAULTS.staleAfterDays,
    }
  );
}

export async function landingConfig(): Promise<LandingConfig> {
  const s = await getLandingSettings();
  return {
    folder: s.landingFolder,
    intervalSeconds: envNumber("IMPORT_LANDING_INTERVAL_SECONDS") ?? s.landingIntervalMinutes * 60,
    retentionDays: s.landingRetentionDays,
    staleAfterDays: s.staleAfterDays,
    settleMs: envNumber("IMPORT_LANDING_SETTLE_MS") ?? DEFAULT_SETTLE_MS,
  };
}

function envNumber(name: string): number | null {
  const raw = process.env[name]?.trim();
  if (!raw) return null;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number of 0 or more (it is "${raw}").`);
  return n;
}

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${label} as a whole number` })
    .int(`Enter ${label} as a whole number`)
    .min(min, `${label[0]!.toUpperCase()}${label.slice(1)} must be at least ${min}`)
    .max(max, `${label[0]!.toUpperCase()}${label.slice(1)} must be at most ${max}`);

export const landingSettingsSchema = z.object({
  landingFolder: z
    .string()
    .trim()
    .max(1000, "The path is too long")
    .transform((v) => (v === "" ? null : v))
    .refine((v) => v === null || path.isAbsolute(v), "Enter an absolute path on the server, e.g. /mnt/credittrack-landing (or leave it empty to turn the landing folder off)"),
  landingIntervalMinutes: whole("the interval", 1, 1440),
  landingRetentionDays: whole("the days to keep files", 1, 365),
  staleAfterDays: whole("the days before a warning", 1, 60),
});
export type LandingSettingsInput = z.output<typeof landingSettingsSchema>;

export class LandingFolderError extends Error {}

/**
 * Why the server cannot use `folder` as a landing folder, or null. It must exist, be a folder the
 * server can read and write (it moves files into processed/ and failed/), and lie inside
 * IMPORT_LANDING_ROOT when that is set: the folder's files are moved, so an administrator must not
 * be able to point it at the server's own files.
 */
export async function landingFolderProblem(folder: string): Promise<string | null> {
  const root = process.env.IMPORT_LANDING_ROOT?.trim();
  const resolved = path.resolve(folder);
  if (root) {
    const r = path.resolve(root);
    if (resolved !== r && !resolved.startsWith(r + path.sep)) return `The landing folder must be inside ${r} (the server's IMPORT_LANDING_ROOT).`;
    // The same on the real paths: a symbolic link inside the root must not lead out of it.
    const [realFolder, realRoot] = await Promise.all([fs.promises.realpath(resolved).catch(() => null), fs.promises.realpath(r).catch(() => r)]);
    if (realFolder && realFolder !== realRoot && !realFolder.startsWith(realRoot + path.sep))
      return `The landing folder must be inside ${r} (the server's IMPORT_LANDING_ROOT); ${resolved} leads to ${realFolder}.`;
  }
  if (resolved === path.parse(resolved).root) return "The landing folder cannot be the root of the file system.";
  try {
    const stat = await fs.promises.stat(resolved);
    if (!stat.isDirectory()) return `${resolved} is not a folder.`;
    await fs.promises.access(resolved, fs.constants.R_OK | fs.constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return `The server cannot see ${resolved}: create it (or mount the shared storage there) first.`;
    if (code === "EACCES" || code === "EPERM") return `The server may not read and write ${resolved}: give the user it runs as read and write access.`;
    return `The server cannot use ${resolved} (${code ?? "error"}).`;
  }
  return null;
}

/** Saves the landing folder's settings (district admins), audited with the old and new values. */
export async function saveLandingSettings(viewer: Viewer, input: LandingSettingsInput): Promise<LandingSettings> {
  assertCan(viewer, "settings.manage");
  const to: LandingSettings = { ...input, landingFolder: input.landingFolder === null ? null : path.resolve(input.landingFolder) };
  if (to.landingFolder !== null) {
    const problem = await landingFolderProblem(to.landingFolder);
    if (problem) throw new LandingFolderError(problem);
  }
  return db().$transaction(async (tx) => {
    const before = await tx.districtSettings.findUnique({
      where: { id: 1 },
      select: { landingFolder: true, landingIntervalMinutes: true, landingRetentionDays: true, staleAfterDays: true },
    });
    await tx.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...to }, update: to });
    if (JSON.stringify(before) !== JSON.stringify(to))
      await recordAudit(viewer, { action: "settings.landing", entity: "DistrictSettings", entityId: "1", details: { from: before, to } }, tx);
    return to;
  });
}
