import { z } from "zod";
import { worksAtSchool } from "@/lib/access/policy";

// Inputs of the staff pages (district admins): add a user, change a role or school, deactivate or
// reactivate, move students to another counselor, set a password or issue a set-password link;
// and the public set-password page's form.

const userId = z.string().trim().min(1, "Choose a user").max(64, "Choose a user");

export const setActiveSchema = z.object({
  userId,
  active: z.enum(["true", "false"], { error: "Say whether the account is active" }).transform((v) => v === "true"),
  confirmed: z.literal("yes", { error: "Confirm the change" }),
});
export type SetActiveInput = z.output<typeof setActiveSchema>;

export const ROLES = ["COUNSELOR", "SCHOOL_ADMIN", "DISTRICT_ADMIN"] as const;
const role = z.enum(ROLES, { error: "Choose a role" });
/** A school id from a select: "" (none) becomes null. */
const schoolId = z
  .string()
  .trim()
  .max(64, "Choose a school")
  .optional()
  .transform((v) => (v ? v : null));

/**
 * Counselors and school admins belong to one school; district admins to none (the school decides
 * whose students they reach: lib/access.ts).
 */
function schoolFitsRole(v: { role: (typeof ROLES)[number]; schoolId: string | null }, ctx: z.RefinementCtx) {
  if (worksAtSchool(v.role) && !v.schoolId) ctx.addIssue({ code: "custom", path: ["schoolId"], message: "Choose the school this person works at" });
  if (!worksAtSchool(v.role) && v.schoolId) ctx.addIssue({ code: "custom", path: ["schoolId"], message: "A district administrator has no school: choose “None”" });
}

export const createUserSchema = z
  .object({
    // Stored in lower case: sign-in looks the address up in lower case (lib/auth/schema.ts).
    email: z.string().trim().toLowerCase().max(254, "Use at most 254 characters").email("Enter an email address"),
    name: z.string().trim().min(1, "Enter the person's name").max(120, "Use at most 120 characters"),
    role,
    schoolId,
  })
  .superRefine(schoolFitsRole);
export type CreateUserInput = z.output<typeof createUserSchema>;

export const changeRoleSchema = z.object({ userId, role, schoolId, confirmed: z.literal("yes", { error: "Confirm the change" }) }).superRefine(schoolFitsRole);
export type ChangeRoleInput = z.output<typeof changeRoleSchema>;

/** Password + confirmation; the strength check (lib/account/schema.ts passwordWeakness) needs the email, so it runs in the action. */
const newPassword = {
  password: z.string().min(1, "Enter a password").max(200, "Use at most 200 characters"),
  confirm: z.string().max(200, "Use at most 200 characters"),
};
const samePassword = (v: { password: string; confirm: string }) => v.password === v.confirm;

export const setPasswordSchema = z.object({ userId, ...newPassword }).refine(samePassword, { path: ["confirm"], message: "The two passwords differ" });
export type SetPasswordInput = z.output<typeof setPasswordSchema>;

export const issueLinkSchema = z.object({
  userId,
  /** "yes": also e-mail the link (only when e-mail is configured; lib/mail.ts). */
  send: z
    .enum(["yes", ""], { error: "Say whether to e-mail the link" })
    .optional()
    .transform((v) => v === "yes"),
});
export type IssueLinkInput = z.output<typeof issueLinkSchema>;

export const useLinkSchema = z
  .object({
    token: z
      .string({ error: "This link is incomplete: ask your administrator for a new one" })
      .trim()
      .min(1, "This link is incomplete: ask your administrator for a new one")
      .max(200, "This link is not valid"),
    ...newPassword,
  })
  .refine(samePassword, { path: ["confirm"], message: "The two passwords differ" });
export type UseLinkInput = z.output<typeof useLinkSchema>;

/** "studentId:version" as the reassign form sends each ticked student (Student.version: optimistic concurrency). */
export const studentAtVersion = z
  .string()
  .trim()
  .max(100)
  .regex(/^[^:\s]{1,64}:\d{1,9}$/, "Choose students from the list")
  .transform((v) => {
    const [id, version] = v.split(":");
    return { id, version: Number(version) };
  });

export const reassignSchema = z
  .object({
    fromId: z.string().trim().min(1, "Choose the counselor whose students move").max(64, "Choose a counselor"),
    toId: z.string().trim().min(1, "Choose the counselor who takes the students").max(64, "Choose a counselor"),
    /** all: every student on the caseload now, which must still be the `expected` number the page showed. */
    scope: z.enum(["all", "selected"], { error: "Choose all students or the ones ticked" }),
    expected: z.coerce.number({ error: "Reload the page" }).int().min(0).max(1_000_000).optional(),
    /** all: the fingerprint of the students the page listed (caseload-fingerprint.ts). */
    listed: z
      .string()
      .trim()
      .regex(/^[0-9a-f]{64}$/, "Reload the page")
      .optional(),
    students: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(studentAtVersion).max(5000, "Move at most 5,000 students at once")).default([]),
    confirmed: z.literal("yes", { error: "Confirm the move" }),
  })
  .superRefine((v, ctx) => {
    if (v.scope === "selected" && v.students.length === 0) ctx.addIssue({ code: "custom", path: ["students"], message: "Tick at least one student, or choose all" });
    if (v.scope === "all" && (v.expected === undefined || v.listed === undefined)) ctx.addIssue({ code: "custom", path: ["expected"], message: "Reload the page" });
  });
export type ReassignInput = z.output<typeof reassignSchema>;

/** The plans that followed moved students to their new counselor (lib/users/reassign.ts), in words for the confirmation. */
export const plansMoved = (plans: number): string => (plans > 0 ? ` ${plans.toLocaleString("en-US")} active plan${plans === 1 ? " passes" : "s pass"} with them.` : "");
