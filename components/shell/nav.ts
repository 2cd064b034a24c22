import type { Role } from "@/lib/generated/prisma/enums";
import { can, type Action } from "@/lib/access/policy";

export type NavItem = { href: string; label: string };

/**
 * The main navigation: each link names the POLICY action its page requires (lib/access/policy.ts),
 * so a role sees exactly the links of the pages it may open — the page checks the same `can`.
 */
const LINKS: { href: string; label: string | ((role: Role) => string); requires: Action }[] = [
  { href: "/admin", label: "Overview", requires: "overview.read" },
  { href: "/today", label: "Today", requires: "today.read" },
  { href: "/caseload", label: (role) => (can({ role }, "students.byCounselor") ? "Students" : "My caseload"), requires: "caseload.read" },
  { href: "/reengagement", label: "Re-engagement", requires: "reengagement.read" },
  { href: "/catalog", label: "Catalog", requires: "catalog.read" },
  { href: "/reports", label: "Reports", requires: "reports.read" },
  { href: "/reports/district", label: "District", requires: "reports.district" },
  { href: "/imports", label: "Imports", requires: "imports.manage" },
  { href: "/audit", label: "Audit log", requires: "audit.read" },
  { href: "/users", label: "Staff", requires: "staff.read" },
  { href: "/settings", label: "Settings", requires: "settings.manage" },
  { href: "/admin/readiness", label: "Readiness", requires: "readiness.read" },
];

/** The links a role's navigation offers, in one order for every role. */
export function navFor(role: Role): NavItem[] {
  return LINKS.filter((l) => can({ role }, l.requires)).map((l) => ({ href: l.href, label: typeof l.label === "function" ? l.label(role) : l.label }));
}

export const ROLE_LABEL: Record<Role, string> = {
  COUNSELOR: "Counselor",
  SCHOOL_ADMIN: "School administrator",
  DISTRICT_ADMIN: "District administrator",
};
