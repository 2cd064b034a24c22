// The demo district's sign-ins: one shared password, one login per role and school.
// Used by the seed (to create these users), e2e fixtures, tests and the start script.
// The first counselor of each school carries that school's largest caseload
// (counselor.okafor at Riverside: ~250 students).

export const DEMO_PASSWORD = "credittrack-demo";

export type DemoRole = "DISTRICT_ADMIN" | "SCHOOL_ADMIN" | "COUNSELOR";

export interface DemoLogin {
  role: DemoRole;
  email: string;
  name: string;
  /** School name, or null for district-wide users. */
  school: string | null;
  /** false only for the deactivated counselor kept for sign-in tests. */
  active?: boolean;
}

export const DEMO_SCHOOLS = [
  { name: "Riverside High School", stateCode: "00350505" },
  { name: "Franklin Park Academy", stateCode: "00350512" },
  { name: "Harbor View High School", stateCode: "00350530" },
] as const;

const RIVERSIDE = DEMO_SCHOOLS[0].name;
const FRANKLIN = DEMO_SCHOOLS[1].name;
const HARBOR = DEMO_SCHOOLS[2].name;
const at = (local: string) => `${local}@demo.credittrack.test`;

export const DEMO_LOGINS: DemoLogin[] = [
  { role: "DISTRICT_ADMIN", email: at("district.admin"), name: "Dana Whitfield", school: null },
  { role: "SCHOOL_ADMIN", email: at("admin.riverside"), name: "Marcus Bell", school: RIVERSIDE },
  { role: "SCHOOL_ADMIN", email: at("admin.franklin"), name: "Elena Vasquez", school: FRANKLIN },
  { role: "COUNSELOR", email: at("counselor.okafor"), name: "Grace Okafor", school: RIVERSIDE },
  { role: "COUNSELOR", email: at("counselor.delgado"), name: "Luis Delgado", school: RIVERSIDE },
  { role: "COUNSELOR", email: at("counselor.chen"), name: "Mei Chen", school: RIVERSIDE },
  { role: "COUNSELOR", email: at("counselor.brennan"), name: "Kathleen Brennan", school: FRANKLIN },
  { role: "COUNSELOR", email: at("counselor.jackson"), name: "Terrence Jackson", school: FRANKLIN },
  { role: "COUNSELOR", email: at("counselor.pham"), name: "Linh Pham", school: FRANKLIN },
  { role: "COUNSELOR", email: at("counselor.silva"), name: "Ana Silva", school: HARBOR },
  { role: "COUNSELOR", email: at("counselor.murphy"), name: "Sean Murphy", school: HARBOR },
  { role: "COUNSELOR", email: at("counselor.haddad"), name: "Yasmin Haddad", school: HARBOR },
  { role: "COUNSELOR", email: at("inactive.counselor"), name: "Paul Inactive", school: RIVERSIDE, active: false },
];

/** Prints the demo sign-ins as a table (the start script shows it after seeding). */
export function printDemoLogins(): void {
  const rows = DEMO_LOGINS.map((l) => [l.role.replace("_", " ").toLowerCase(), l.email, l.name, l.school ?? "(district)", l.active === false ? "inactive" : ""]);
  const head = ["role", "email", "name", "school", ""];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(`Demo sign-ins (password: ${DEMO_PASSWORD})`);
  console.log(line(head));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
}
