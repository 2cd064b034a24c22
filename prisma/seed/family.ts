// Demo guardians and family contacts (issue 16). Most enrolled students get one or two guardians
// (the student's family name most of the time), with the district's common home languages
// (Spanish, Portuguese, Haitian Creole, Cape Verdean Creole, Vietnamese, Chinese) and a few flags;
// at-risk students on a caseload get a few contacts over the last 60 days. The seed's own
// FAMILY_CONTACT notes are linked into the contact log as the migration links existing ones
// (migration 20261201210000_counselor_week). Deterministic through `rng`; bulk INSERTs (./bulk.ts).
import { settleAll, TableWriter, type Sql } from "./bulk";
import { idMaker, type Rng } from "./prng";
import { districtTimeZone, isoDay } from "@/lib/calendar";
import { dateOf, type Day } from "./calendar";
import type { Learner } from "./enrollments";
import { staffName } from "./names";

type Race = string;
type Lang = "en" | "es" | "pt" | "ht" | "kea" | "vi" | "zh";

/** Home language by the student's reported race/ethnicity: a rough shape of a New England district. */
function homeLanguage(rng: Rng, race: Race): Lang {
  switch (race) {
    case "HISPANIC_LATINO":
      return rng.weighted({ es: 0.55, en: 0.45 });
    case "BLACK_AFRICAN_AMERICAN":
      return rng.weighted({ en: 0.72, ht: 0.18, kea: 0.06, pt: 0.04 });
    case "WHITE":
      return rng.weighted({ en: 0.88, pt: 0.12 });
    case "ASIAN":
      return rng.weighted({ en: 0.6, vi: 0.22, zh: 0.18 });
    default:
      return "en";
  }
}

const METHODS = { PHONE: 0.55, EMAIL: 0.15, TEXT: 0.15, MEETING: 0.1, HOME_VISIT: 0.03, LETTER: 0.02 } as const;
const SUMMARIES = [
  "Talked about the online course's pace; the family will check progress with the student each week.",
  "Explained which credits are still missing for graduation and the recovery options.",
  "Attendance: the student missed several days; asked the family to call the school on absences.",
  "Shared the student's recent progress and the next assessment's date.",
];
const NEXT_STEPS = ["Call back next week.", "Send the progress letter home.", "Meet with the student on Friday.", ""];

const ascii = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

export async function writeFamily(rng: Rng, learners: Learner[], asOf: Day, sql: Sql): Promise<void> {
  const enrolled = learners.filter((l) => l.status === "ENROLLED");
  const { rows } = await sql.query(`SELECT id, "lastName", "raceEthnicity"::text AS race FROM "Student" WHERE status = 'ENROLLED'`);
  const facts = new Map(rows.map((r) => [r.id as string, { lastName: r.lastName as string, race: r.race as string }]));
  const guardianId = idMaker("gd");
  const contactId = idMaker("ct");
  const G = new TableWriter(sql, "Guardian", [
    ["id", "text"],
    ["studentId", "text"],
    ["name", "text"],
    ["relationship", "GuardianRelationship"],
    ["phone", "text"],
    ["email", "text"],
    ["preferredLanguage", "text"],
    ["noContact", "boolean"],
    ["rightsHolder", "boolean"],
    ["interpreter", "boolean"],
    ["updatedAt", "sql", "CURRENT_TIMESTAMP"],
  ]);
  const C = new TableWriter(
    sql,
    "Contact",
    [
      ["id", "text"],
      ["studentId", "text"],
      ["guardianId", "text"],
      ["withWhom", "text"],
      ["method", "ContactMethod"],
      ["outcome", "ContactOutcome"],
      ["occurredOn", "date"],
      ["summary", "text"],
      ["nextStep", "text"],
      ["authorId", "text"],
      ["createdAt", "timestamp"],
    ],
    undefined,
    [G],
  );
  let phone = 0;
  for (const l of enrolled) {
    const f = facts.get(l.id);
    if (!f || !rng.chance(0.9)) continue;
    const lang = homeLanguage(rng, f.race);
    const count = rng.chance(0.45) ? 2 : 1;
    const made: { id: string; name: string; noContact: boolean }[] = [];
    for (let i = 0; i < count; i++) {
      const first = staffName(rng).split(" ")[0];
      const last = rng.chance(0.75) ? f.lastName : staffName(rng).split(" ").slice(1).join(" ");
      const name = `${first} ${last}`;
      const relationship =
        i === 0
          ? rng.weighted({ MOTHER: 0.55, FATHER: 0.2, GUARDIAN: 0.12, GRANDPARENT: 0.08, FOSTER_PARENT: 0.05 })
          : rng.weighted({ FATHER: 0.5, MOTHER: 0.2, GRANDPARENT: 0.15, RELATIVE: 0.15 });
      // A second guardian is now and then one the school must not contact (a court order).
      const noContact = i === 1 && rng.chance(0.06);
      const rightsHolder = i === 0 ? rng.chance(0.9) : !noContact && rng.chance(0.5);
      const guardianLang = i === 0 || rng.chance(0.8) ? lang : "en";
      const interpreter = guardianLang !== "en" && rng.chance(0.6);
      // 555-0100 … 555-0199 are the numbers reserved for fiction (North American Numbering Plan).
      const tel = `617-555-01${String(phone++ % 100).padStart(2, "0")}`;
      const email = rng.chance(0.7) ? `${ascii(first)}.${ascii(last)}@example.org` : null;
      const id = guardianId();
      await G.add(id, l.id, name, relationship, rng.chance(0.95) ? tel : null, email, guardianLang, noContact, rightsHolder, interpreter);
      made.push({ id, name, noContact });
    }
    // At-risk students on a caseload: a few contacts in the last 60 days, with guardians who may be contacted.
    const reachable = made.filter((g) => !g.noContact);
    if (l.tier > 0 && l.counselorId && reachable.length > 0 && rng.chance(0.45)) {
      const n = rng.int(1, 3);
      for (let k = 0; k < n; k++) {
        const g = rng.pick(reachable);
        const method = rng.weighted(METHODS);
        const outcome =
          method === "LETTER" || method === "EMAIL"
            ? "SENT"
            : method === "MEETING" || method === "HOME_VISIT"
              ? "REACHED"
              : rng.weighted({ REACHED: 0.45, LEFT_MESSAGE: 0.3, NO_ANSWER: 0.2, WRONG_NUMBER: 0.05 });
        const day = asOf - rng.int(0, 60);
        const at = `${isoDay(dateOf(day))} ${String(rng.int(12, 21)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00`;
        await C.add(contactId(), l.id, g.id, g.name, method, outcome, isoDay(dateOf(day)), rng.pick(SUMMARIES), rng.pick(NEXT_STEPS), l.counselorId, at);
      }
    }
  }
  await settleAll({ G, C });
  // The seed's FAMILY_CONTACT notes, linked into the log as the migration links existing ones, on
  // the note's day in the district's zone (lib/calendar.ts; the migration wrote Boston's, the default).
  await sql.query(
    `
    INSERT INTO "Contact" ("id", "studentId", "withWhom", "outreach", "occurredOn", "summary", "nextStep", "authorId", "noteId", "createdAt")
    SELECT 'n_' || n."id", n."studentId", 'Family', false, (n."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE $1)::date,
           n."body", '', n."authorId", n."id", n."createdAt"
    FROM "Note" n WHERE n."kind" = 'FAMILY_CONTACT'`,
    [districtTimeZone()],
  );
}
