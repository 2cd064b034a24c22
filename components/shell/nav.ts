import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Action } from "@/lib/access/policy";

export type NavItem = { href: string; label: string };

/**
 * The main navigation: each link names the POLICY action its page requires (lib/access/policy.ts),
 * so a role sees exactly the links of the pages it may open — the page checks the same `can`.
 */
const LINKS: { href: string; label: string | ((role: Role) => string); action: Action }[] = [
  { href: "/admin", label: "Overview", action: "overview.read" },
  { href: "/today", label: "Today", action: "today.read" },
  { href: "/caseload", label: (role) => (can({ role }, "students.byCounselor") ? "Students" : "My caseload"), action: "caseload.read" },
  { href: "/reengagement", label: "Re-engagement", action: "reengagement.read" },
  { href: "/catalog", label: "Catalog", action: "catalog.read" },
  { href: "/reports", label: "Reports", action: "reports.read" },
  { href: "/reports/district", label: "District", action: "reports.district" },
  { href: "/imports", label: "Imports", action: "imports.manage" },
  { href: "/audit", label: "Audit log", action: "audit.read" },
  { href: "/users", label: "Staff", action: "staff.read" },
  { href: "/settings", label: "Settings", action: "settings.manage" },
  { href: "/admin/readiness", label: "Readiness", action: "readiness.read" },
];

/** The links a role's navigation offers, in one order for every role. */
export function navFor(role: Role): NavItem[] {
  return LINKS.filter((l) => can({ role }, l.action)).map((l) => ({ href: l.href, label: typeof l.label === "function" ? l.label(role) : l.label }));
}

export const ROLE_LABEL: Record<Role, string> = {
  COUNSELOR: "Counselor",
  SCHOOL_ADMIN: "School administrator",
  DISTRICT_ADMIN: "District administrator",
};
