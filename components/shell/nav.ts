import type { Role } from "@/lib/generated/prisma/enums";

export type NavItem = { href: string; label: string };

// What each role's navigation offers. Pages still check access themselves.
export function navFor(role: Role): NavItem[] {
  switch (role) {
    case "COUNSELOR":
      return [
        { href: "/today", label: "Today" },
        { href: "/caseload", label: "My caseload" },
        { href: "/reengagement", label: "Re-engagement" },
        { href: "/catalog", label: "Catalog" },
      ];
    case "SCHOOL_ADMIN":
      return [
        { href: "/admin", label: "Overview" },
        { href: "/today", label: "Today" },
        { href: "/catalog", label: "Catalog" },
        { href: "/caseload", label: "Students" },
        { href: "/reengagement", label: "Re-engagement" },
        { href: "/reports", label: "Reports" },
        { href: "/users", label: "Staff" },
      ];
    case "DISTRICT_ADMIN":
      return [
        { href: "/admin", label: "Overview" },
        { href: "/caseload", label: "Students" },
        { href: "/reengagement", label: "Re-engagement" },
        { href: "/reports", label: "Reports" },
        { href: "/reports/district", label: "District" },
        { href: "/imports", label: "Imports" },
        { href: "/catalog", label: "Catalog" },
        { href: "/audit", label: "Audit log" },
        { href: "/users", label: "Staff" },
        { href: "/settings", label: "Settings" },
        { href: "/admin/readiness", label: "Readiness" },
      ];
  }
}

export const ROLE_LABEL: Record<Role, string> = {
  COUNSELOR: "Counselor",
  SCHOOL_ADMIN: "School administrator",
  DISTRICT_ADMIN: "District administrator",
};
