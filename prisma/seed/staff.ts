// Staff of a school (admin, counselors) and the counselors' caseloads. Demo logins keep their
// emails at every scale; district scale adds generated staff where a school needs more.
import type { Rng } from "./prng";
import { DEMO_LOGINS, type DemoRole } from "./demo-logins";
import { staffName } from "./names";
import type { ScaleName } from "./scale";

export interface StaffUser {
  id: string;
  name: string;
  email: string;
  role: DemoRole;
  active: boolean;
}

/** Enrolled students per counselor: the first may be pinned to `first`, the rest uneven (1, .92, .84…). */
export function caseloadQuotas(students: number, counselors: number, first: number | null): number[] {
  const quotas: number[] = [];
  let rest = students;
  if (first !== null) {
    quotas.push(Math.min(first, students));
    rest -= quotas[0];
  }
  const others = counselors - quotas.length;
  const weights = Array.from({ length: others }, (_, i) => 1 - 0.08 * (i % 4));
  const total = weights.reduce((a, b) => a + b, 0);
  let given = 0;
  weights.forEach((w, i) => {
    const q = i === others - 1 ? rest - given : Math.round((rest * w) / total);
    quotas.push(q);
    given += q;
  });
  return quotas;
}

/** How many counselors a school needs: about 200 enrolled students each, at least 3. */
export function counselorCount(enrolled: number, pinned: number | null): number {
  if (pinned !== null) return 1 + Math.max(2, Math.ceil((enrolled - pinned) / 200));
  return Math.max(3, Math.ceil(enrolled / 200));
}

export function schoolStaff(
  rng: Rng,
  school: { name: string; index: number },
  counselors: number,
  scale: ScaleName,
  nextId: () => string,
): { admins: StaffUser[]; counselors: StaffUser[]; inactive: StaffUser[] } {
  const demo = DEMO_LOGINS.filter((l) => l.school === school.name);
  const user = (role: DemoRole, email: string, name: string, active = true): StaffUser => ({ id: nextId(), name, email, role, active });
  const nn = String(school.index + 1).padStart(2, "0");
  const admins = demo.filter((l) => l.role === "SCHOOL_ADMIN").map((l) => user(l.role, l.email, l.name));
  if (admins.length === 0 && scale !== "demo") admins.push(user("SCHOOL_ADMIN", `admin.s${nn}@district.credittrack.test`, staffName(rng)));
  const list = demo.filter((l) => l.role === "COUNSELOR" && l.active !== false).map((l) => user(l.role, l.email, l.name));
  for (let k = list.length + 1; list.length < counselors; k++) list.push(user("COUNSELOR", `counselor.s${nn}.${k}@district.credittrack.test`, staffName(rng)));
  const inactive = demo.filter((l) => l.active === false).map((l) => user(l.role, l.email, l.name, false));
  return { admins, counselors: list.slice(0, counselors), inactive };
}
