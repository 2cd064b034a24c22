import "server-only";
import { db, isUniqueViolation } from "@/lib/db";
import { recordAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/credentials";
import { passwordWeakness } from "@/lib/account/schema";
import { DomainError } from "@/lib/safe-action";
import { hashSetupToken } from "./issue-token.mjs";
import { districtIsSetUp, setupTokenState } from "./token";
import { SUBJECT_AREAS, type SetupInput } from "./schema";

// First run (issue #12): the district's settings, its graduation requirements and the first district
// administrator, written together — by `npm run setup` and by the /setup page alike.

export const ALREADY_SET_UP = "This district is already set up: a district administrator exists. Sign in, or ask a district administrator for an account.";
export const TOKEN_REFUSED = "This setup link has expired or was already used. Run `npm run setup -- --token`, or restart the server, for a new one.";

export type SetupOutcome = { adminId: string; email: string; districtName: string };

/**
 * Sets the district up, once. In one transaction: DistrictSettings (name, diploma credits, passing
 * grade), GraduationRequirement per subject area (areas with 0 credits get no row), the first
 * DISTRICT_ADMIN with a password, the setup token consumed, and an audit event naming the new
 * administrator. Refused, with nothing written, once any district administrator exists, for a weak
 * password (the account page's rule, NIST SP 800-63B §5.1.1.2), an email already in use, and — on
 * the page (`token` given) — a token that is not the current one or has expired.
 *
 * Two setups at once create one administrator: the settings row is written first, so its row lock
 * makes the second transaction wait for the first to commit, after which it sees the administrator
 * (or the consumed token) and is refused.
 */
export async function setUpDistrict(input: SetupInput, opts: { via: "cli" | "page"; token?: string; now?: Date }): Promise<SetupOutcome> {
  const now = opts.now ?? new Date();
  const weak = passwordWeakness(input.password, input.email);
  if (weak) throw new DomainError(weak, "password");
  if (opts.via === "page" && !opts.token) throw new DomainError(TOKEN_REFUSED);
  // The cheap refusals come before the password hash (bcrypt, ~70 ms of a worker's thread): the page
  // is open to anyone signed out, and must not let them spend the server's time once set up or
  // without the current token. The checks in the transaction below still decide races.
  if (await districtIsSetUp()) throw new DomainError(ALREADY_SET_UP);
  if (opts.token !== undefined && (await setupTokenState(opts.token, now)) !== "valid") throw new DomainError(TOKEN_REFUSED);
  const passwordHash = await hashPassword(input.password);
  const settings = { name: input.districtName, totalCreditsRequired: input.totalCredits, passingGrade: input.passingGrade };
  const requirements = SUBJECT_AREAS.filter((a) => input.requirements[a] > 0).map((subjectArea) => ({ subjectArea, credits: input.requirements[subjectArea] }));
  try {
    return await db().$transaction(async (tx) => {
      await tx.districtSettings.upsert({ where: { id: 1 }, create: { id: 1, ...settings }, update: settings });
      if (await districtIsSetUp(tx)) throw new DomainError(ALREADY_SET_UP);
      if (opts.token !== undefined) {
        const used = await tx.setupToken.deleteMany({ where: { id: 1, tokenHash: hashSetupToken(opts.token), expiresAt: { gt: now } } });
        if (used.count !== 1) throw new DomainError(TOKEN_REFUSED);
      } else {
        // Set up from the command line: a token printed earlier opens nothing any more.
        await tx.setupToken.deleteMany({});
      }
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) {
        throw new DomainError("A user with this email already exists (from a roster import?): use another address for the administrator", "email");
      }
      await tx.graduationRequirement.deleteMany({});
      if (requirements.length) await tx.graduationRequirement.createMany({ data: requirements });
      const admin = await tx.user.create({
        data: { email: input.email, name: input.name, role: "DISTRICT_ADMIN", schoolId: null, passwordHash },
        select: { id: true, name: true, email: true },
      });
      await recordAudit(
        { id: admin.id, name: admin.name, email: admin.email, role: "DISTRICT_ADMIN", schoolId: null },
        {
          action: "district.setup",
          entity: "User",
          entityId: admin.id,
          details: {
            via: opts.via,
            district: input.districtName,
            totalCredits: input.totalCredits,
            passingGrade: input.passingGrade,
            requirements: Object.fromEntries(requirements.map((r) => [r.subjectArea, r.credits])),
          },
        },
        tx,
      );
      return { adminId: admin.id, email: admin.email, districtName: input.districtName };
    });
  } catch (e) {
    // A setup that lost a race on a unique index (the settings row, the email) reads as what it is.
    if (isUniqueViolation(e) && (await districtIsSetUp())) throw new DomainError(ALREADY_SET_UP);
    throw e;
  }
}
