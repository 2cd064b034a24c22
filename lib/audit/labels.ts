// What the audit page and its CSV say for each action code the app writes: words, not codes
// ("viewed the student record", not `student.read`). One table for every action; the test beside
// it (labels.test.ts) reads the source for every action string written and fails on one missing here.
// Each label follows the user's name: "Ana Okafor viewed the student record".

export const AUDIT_LABELS: Record<string, string> = {
  // Sign-in (lib/auth/credentials.ts)
  "signin.success": "signed in",
  "signin.failure": "failed to sign in (wrong email or password)",
  "signin.locked": "was refused sign-in (too many failed attempts)",
  "session.signout": "signed out",
  // Reads of one student
  "student.read": "viewed the student record",
  "student.read.refused": "was refused a student record (not in their scope, or no such student)",
  // Lists and exports of students
  "caseload.view": "listed students (caseload)",
  "today.view": "listed students to see today (Today list)",
  "reengagement.view": "listed students who left without a diploma (Re-engagement list)",
  "report.drill": "listed the students behind a report figure",
  "report.early_warning": "viewed a school's early-warning counts",
  "report.export": "downloaded report figures (suppressed counts, no student list)",
  "export.students": "exported students (CSV)",
  "export.enrollments": "exported enrollments and results (CSV)",
  "export.caseload": "exported the caseload view or selected students (CSV)",
  "audit.export": "exported the audit log (CSV)",
  // Writes
  "today.dismiss": "set a student's Today entry aside (dismissed or snoozed)",
  "today.restore": "put a student's Today entry back",
  "student.status": "changed the student's enrollment status",
  "enrollment.create": "enrolled the student in an online course",
  "enrollment.complete": "completed an online course and awarded credit",
  "enrollment.guardrail_override": "overrode the district's rigor guardrails to complete an online course (reason and guardrails kept)",
  "enrollment.fail": "ended an online course as failed",
  "enrollment.withdraw": "withdrew the student from an online course",
  "enrollment.credit_reverse": "reversed an online course's credit awarded below the passing grade (transcript row removed, course marked failed)",
  "credit_review.view": "listed completions with credit below the passing grade (credit review)",
  "result.record": "recorded assessment results",
  "note.create": "added a note",
  "note.edit": "edited a note",
  // Family (lib/family/) and restricted notes (lib/notes/share.ts, lib/students/record.ts)
  "guardian.create": "added a guardian to the student record",
  "guardian.edit": "changed a guardian's details or flags",
  "guardian.delete": "deleted a guardian from the student record",
  "contact.create": "logged a contact (a family contact, or an outreach attempt to a student who left)",
  "note.restricted-read": "read restricted notes on the student record",
  "note.share": "shared a restricted note with another staff member",
  "note.unshare": "stopped sharing a restricted note with a staff member",
  // Intervention plans (lib/plans/)
  "plan.create": "started an intervention plan",
  "plan.edit": "changed an intervention plan",
  "plan.check-in": "recorded a check-in on an intervention plan",
  "plan.close": "closed an intervention plan (met, not met or discontinued)",
  "plan.read": "viewed a printable intervention plan",
  "user.deactivate": "deactivated a user",
  "user.reactivate": "reactivated a user",
  "user.create": "created a user (roster import)",
  "user.update": "changed a user's name, email or school (roster import)",
  "user.password.change": "changed a password",
  "user.password.failure": "entered a wrong password while signed in (changing it, or turning on two-factor sign-in)",
  "user.sessions.revoke": "signed a user out everywhere",
  "user.2fa.setup": "started setting up two-factor sign-in",
  "user.2fa.enable": "turned on two-factor sign-in",
  "user.2fa.disable": "turned off two-factor sign-in",
  "user.2fa.recovery-codes": "made new two-factor recovery codes",
  "user.2fa.failure": "entered a wrong two-factor code",
  "user.2fa.reset": "reset a user's two-factor sign-in",
  // The Users page (lib/users/)
  "user.add": "added a user",
  "user.role": "changed a user's role or school",
  "user.password.set": "set a user's password",
  "user.password.link": "issued a one-time set-password link",
  "user.password.link-mailed": "e-mailed a one-time set-password link",
  "user.password.link-used": "set their password through a one-time link",
  "caseload.reassign": "moved students to another counselor's caseload",
  "signin.2fa.failure": "failed the two-factor step of signing in",
  "signin.code-required": "entered the right password and was asked for a two-factor code",
  "settings.2fa-policy": "changed the district's two-factor sign-in rule",
  "settings.district": "changed the district's name, diploma credits, graduation requirements or passing grade",
  "settings.landing": "changed the landing folder, its interval, how long its files are kept, or when imports count as overdue",
  "settings.provider-overdue": "changed after how many days a provider's results count as overdue (its own, or the district's)",
  "settings.rigor": "changed the district's rigor guardrails for a program type (minimum days or active time, proctoring, attempts, concurrent courses, priority or mode)",
  "settings.proficient-levels": "changed which state test levels count as proficient (the program quality report)",
  "district.setup": "set up the district (first run: settings, graduation requirements, first district administrator)",
  "setup.token": "was issued a one-time setup token (first run; by the command line or the server's start)",
  "import.oneroster": "imported a OneRoster roster",
  "import.students": "imported the district's student extract",
  "import.progress": "imported provider progress",
  "import.catalog": "imported the catalog of providers and online courses",
  "import.gradebook": "imported a OneRoster gradebook (provider results)",
  "import.activity": "imported activity and time on task",
  "import.mapping.save": "saved a column mapping for provider files",
  "import.revert": "reverted an import run (its creations and updates)",
  // The Catalog page (lib/catalog/)
  "catalog.provider.create": "added an online-course provider",
  "catalog.provider.update": "changed an online-course provider's code or name",
  "catalog.course.create": "added an online course to the catalog",
  "catalog.course.update": "changed an online course (a change to its assessments or weights is a new version)",
  "catalog.course.retire": "retired an online course (no new enrollments)",
  "catalog.course.reactivate": "reactivated an online course",
  "catalog.course.delete": "deleted an online course that had no enrollments",
  "catalog.contract.create": "entered what the district pays a provider for a school year (contract cost)",
  "catalog.contract.update": "changed what the district pays a provider for a school year (contract cost or note)",
  "catalog.contract.delete": "removed a provider's contract cost for a school year",
  "enrollment.version": "moved an active enrollment to the course's current version",
  // Refusals (lib/safe-action.ts for actions and JSON writes, lib/reports/http.ts for reports,
  // lib/audit/refuse.ts for pages)
  "access.refused": "was refused a page or action their role may not use",
  "school.read.refused": "was refused a school's report (not in their scope, or no such school)",
  "student.write.refused": "was refused a change to a student (not in their scope, or no such student)",
  "enrollment.write.refused": "was refused a change to an enrollment (not in their scope, or no such enrollment)",
  "note.write.refused": "was refused a change to a note (not in their scope, or no such note)",
  "guardian.write.refused": "was refused a change to a guardian (not in their scope, or no such guardian)",
  "plan.write.refused": "was refused a change to an intervention plan (not in their scope, or no such plan)",
  "dismissal.write.refused": "was refused putting back a Today entry (not theirs, or no such entry)",
  "plan.read.refused": "was refused a printable intervention plan (not in their scope, or no such plan)",
  "user.write.refused": "was refused a change to a user (no such user)",
  "course.write.refused": "was refused a change to an online course (no such course)",
  "provider.write.refused": "was refused a change to a provider (no such provider)",
};

/** Words for an action code; a code without a label (none should exist) is shown spelled out. */
export function auditLabel(action: string): string {
  return AUDIT_LABELS[action] ?? action.replace(/[._]/g, " ");
}

type Details = Record<string, unknown> | null | undefined;

/**
 * An enum value as words ("ALL_STAFF" → "all staff", "ENROLLED" → "enrolled"); short codes that
 * are words in their own right ("SPED", "EL", "HIGH") and other values stay as they are.
 */
function words(v: unknown): string {
  const s = String(v);
  return /^[A-Z][A-Z0-9_]+$/.test(s) && (s.includes("_") || s.length >= 6) ? s.toLowerCase().replaceAll("_", " ") : s;
}

/** One line about an event's details for the page and the CSV: its filter, how many students, the path or reason. */
export function describeDetails(details: unknown): string {
  if (!details || typeof details !== "object" || Array.isArray(details)) return "";
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  const filter = d.filter as Details;
  if (filter && typeof filter === "object") {
    const f = Object.entries(filter).map(([k, v]) => `${k} ${Array.isArray(v) ? v.map(words).join("+") : words(v)}`);
    parts.push(f.length ? `filter: ${f.join(", ")}` : "no filter");
  }
  if (typeof d.students === "number") parts.push(`${d.students.toLocaleString("en-US")} student${d.students === 1 ? "" : "s"}`);
  if (typeof d.events === "number") parts.push(`${d.events.toLocaleString("en-US")} event${d.events === 1 ? "" : "s"}`);
  // A setting changed (from → to), and the fields a roster import changed on an account.
  if (typeof d.from === "string" && typeof d.to === "string") parts.push(`${words(d.from)} → ${words(d.to)}`);
  const changes = d.changes as Record<string, { from?: unknown; to?: unknown }> | undefined;
  if (changes && typeof changes === "object" && !Array.isArray(changes)) {
    for (const [k, c] of Object.entries(changes)) parts.push(`${k}: ${c?.from ?? "—"} → ${c?.to ?? "—"}`);
  }
  if (typeof d.sessionsEnded === "number") parts.push(`${d.sessionsEnded} session${d.sessionsEnded === 1 ? "" : "s"} ended`);
  if (typeof d.path === "string") parts.push(`page ${d.path}`);
  if (typeof d.reason === "string") parts.push(d.reason);
  return parts.join(" · ");
}
