import "server-only";
import type { GuardianRelationship } from "@/lib/generated/prisma/enums";
import { newId } from "@/lib/imports/bulk";
import type { Counts, ErrorList } from "@/lib/imports/report";
import { isGuardianUser, type RosterSet, type UserRec } from "@/lib/imports/oneroster/read";

// OneRoster 1.2 agents → Guardian rows (issue 16). A users.csv row whose role is parent, guardian
// or relative (1.2 roles.csv; 1.1 users.csv role) is a student's guardian when either side names
// the other in agentSourcedIds: OneRoster 1.2 gives every user an `agents` list — "the user's
// agents": for a student, their parents or guardians; for a parent, the students they are agent
// for (the REST binding's /users/{id}/agents and /users/{id}/agentFor read the same relation from
// each end) — and SIS exports fill one side or both. Neither side is required.
//
// The rule for what an import changes (lib/imports/FORMATS.md §1, "Guardians"):
// - a guardian is keyed by (student, users.csv sourcedId): created once, then its name, phone and
//   email follow the file; relationship is set from the role when created (parent → Parent,
//   guardian → Guardian, relative → Relative) and then left to CreditTrack, where a counselor may
//   say Mother or Grandparent; preferred language and the do-not-contact, rights-holder and
//   interpreter flags are CreditTrack's only: an import never touches them;
// - a guardian no longer linked in the file, or `tobedeleted`, is left as it is (a counselor's
//   record of a family is not deleted by a roster): remove it on the student page if need be;
// - a guardian of a student the set does not store (outside grades 9–12, refused) is skipped.

export type ExistingGuardian = { id: string; studentId: string; sourcedId: string; name: string; phone: string | null; email: string | null };
export type GuardianRow = { id: string; studentId: string; sourcedId: string; name: string; relationship: GuardianRelationship; phone: string | null; email: string | null };
export type GuardianPlan = { create: GuardianRow[]; update: GuardianRow[] };

const RELATIONSHIP: Record<string, GuardianRelationship> = { parent: "PARENT", guardian: "GUARDIAN", relative: "RELATIVE" };
const relationshipOf = (u: UserRec): GuardianRelationship => RELATIONSHIP[["guardian", "parent", "relative"].find((r) => u.roles.includes(r)) ?? "guardian"];

/**
 * `students`: users.csv sourcedId → Student.id of every student the import stores or already holds.
 * Counts go to counts.guardians; unlinked guardian rows are one warning; an agent id that leads
 * nowhere is a warning on its own line.
 */
export function planGuardians(set: RosterSet, students: Map<string, string>, existing: ExistingGuardian[], counts: Counts, warnings: ErrorList): GuardianPlan {
  const plan: GuardianPlan = { create: [], update: [] };
  const c = counts.guardians;
  const guardians = new Map<string, UserRec>();
  for (const [sid, u] of set.users) if (isGuardianUser(u)) guardians.set(sid, u);
  // Both ends of the relation: a guardian's agents that are students, a student's agents that are guardians.
  const links = new Map<string, Set<string>>(); // guardian sourcedId → student sourcedIds
  const link = (g: string, s: string) => {
    if (!links.has(g)) links.set(g, new Set());
    links.get(g)!.add(s);
  };
  for (const [gid, g] of guardians) for (const s of g.agents) if (!guardians.has(s)) link(gid, s);
  for (const [sid, u] of set.users) if (u.isStudent) for (const a of u.agents) if (guardians.has(a)) link(a, sid);
  // A link that leads nowhere is said where it is written, with its value (the unlinked-guardian
  // warning below names only the guardian's line): on a stored student's row, an id that names no
  // user in the file or one who is not a guardian; on a guardian's row, an id that names no user.
  const unknown = (line: number, a: string, who: string) =>
    warnings.add({ file: "users.csv", line, column: "agentSourcedIds", value: a, message: `agentSourcedIds ${a} ${who}: no guardian is linked through it` });
  // An id naming a guardian CreditTrack already holds for that student is a link that stands: a
  // delta users.csv carries the student's changed row, not the unchanged guardian's.
  const held = new Set(existing.map((g) => `${g.studentId}|${g.sourcedId}`));
  for (const [sid, u] of set.users) {
    if (!u.isStudent || !students.has(sid)) continue;
    for (const a of u.agents) {
      const other = set.users.get(a);
      if (!other && held.has(`${students.get(sid)}|${a}`)) continue;
      if (!other) unknown(u.line, a, "names no user in users.csv");
      else if (!guardians.has(a))
        unknown(u.line, a, `names ${other.isStudent ? "a student" : other.isCounselor ? "a counselor" : "a user"} who is not a parent, guardian or relative`);
    }
  }
  // (A student held from an earlier import is known by sourcedId: a delta set need not carry their row.)
  for (const [, g] of guardians) for (const a of g.agents) if (!set.users.has(a) && !students.has(a)) unknown(g.line, a, "names no user in users.csv");

  const byKey = new Map(existing.map((g) => [`${g.studentId}|${g.sourcedId}`, g]));
  let unlinked = 0;
  let firstUnlinked = 0;
  for (const [gid, g] of guardians) {
    if (g.status === "tobedeleted") {
      c.skipped++;
      continue;
    }
    const to = [...(links.get(gid) ?? [])].map((s) => students.get(s)).filter((id): id is string => Boolean(id));
    if (to.length === 0 || g.issues.length > 0) {
      if (unlinked++ === 0) firstUnlinked = g.line;
      c.skipped++;
      continue;
    }
    const name = [g.givenName, g.familyName].filter(Boolean).join(" ");
    for (const studentId of to) {
      const cur = byKey.get(`${studentId}|${gid}`);
      const row: GuardianRow = { id: cur?.id ?? newId(), studentId, sourcedId: gid, name, relationship: relationshipOf(g), phone: g.phone || null, email: g.email || null };
      if (!cur) plan.create.push(row);
      else if (cur.name === row.name && cur.phone === row.phone && cur.email === row.email) c.unchanged++;
      else plan.update.push(row);
    }
  }
  c.created = plan.create.length;
  c.updated = plan.update.length;
  if (unlinked) {
    warnings.add({
      file: "users.csv",
      line: firstUnlinked,
      column: "agentSourcedIds",
      value: null,
      // A row with a problem (a blank name) is skipped too: its problem is its own counted warning (./read.ts).
      message: `${unlinked} guardian, parent or relative ${unlinked === 1 ? "row was" : "rows were"} skipped: not linked by agentSourcedIds to a student this roster stores, or with a problem of its own (first at line ${firstUnlinked})`,
    });
  }
  return plan;
}
