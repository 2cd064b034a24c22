import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { Viewer } from "@/lib/access";
import { listGuardians } from "@/lib/family/guardians";
import { listContacts } from "@/lib/family/contacts";
import { guardianFlagWords } from "@/lib/family/rules";
import { CONTACT_METHOD_LABELS, CONTACT_OUTCOME_LABELS, RELATIONSHIP_LABELS, languageLabel } from "@/lib/family/schema";
import { districtDay, formatDay, isoDay } from "@/lib/calendar";
import { Disclosure } from "@/components/ui/disclosure";
import { DeleteGuardianForm, GuardianForm } from "./family-guardian-form";
import { ContactForm } from "./family-contact-form";

/**
 * The student's guardians and family contact log (issue 16). Each guardian's flags come first, in
 * words, before the phone number: a counselor reads "Do not contact" before dialling. The contact
 * log lists outreach attempts made while the student was away (the Re-engagement list), marked.
 */
export async function FamilySection({ viewer, studentId }: { viewer: Viewer; studentId: string }) {
  const [guardians, contacts] = await Promise.all([listGuardians(viewer, studentId), listContacts(viewer, studentId)]);
  const h2 = "mt-8 text-xl font-bold";
  return (
    <>
      <h2 className={h2} id="family">
        Family
      </h2>
      <p className="no-print mt-1 text-sm">
        <Link href={`/students/${studentId}/letter`} className="text-blue-800 underline">
          Family progress letter
        </Link>
      </p>
      {guardians.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">No guardian on record.</p>
      ) : (
        <ul className="mt-2 grid gap-3 md:grid-cols-2" aria-label="Guardians">
          {guardians.map((g) => {
            const flags = guardianFlagWords(g);
            return (
              <li key={g.id} className={`rounded border p-3 ${g.noContact ? "border-red-400 bg-red-50" : "border-slate-200 bg-white"}`}>
                {flags.length > 0 && (
                  <ul className="mb-1 flex flex-wrap gap-1" aria-label={`Before contacting ${g.name}`}>
                    {flags.map((w) => (
                      <li key={w} className={`rounded px-2 py-0.5 text-sm font-semibold ${w === "Do not contact" ? "bg-red-800 text-white" : "bg-amber-100 text-amber-900"}`}>
                        {w}
                      </li>
                    ))}
                  </ul>
                )}
                <p className="font-semibold break-words">
                  {g.name} <span className="font-normal text-slate-700">· {RELATIONSHIP_LABELS[g.relationship]}</span>
                </p>
                <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm">
                  <dt className="text-slate-700">Phone</dt>
                  {/* A do-not-contact guardian's number is text, not a link to dial. */}
                  <dd className="break-words">
                    {!g.phone ? (
                      "—"
                    ) : g.noContact ? (
                      g.phone
                    ) : (
                      <a href={`tel:${g.phone}`} className="text-blue-800 underline">
                        {g.phone}
                      </a>
                    )}
                  </dd>
                  <dt className="text-slate-700">Email</dt>
                  <dd className="break-all">{g.email ?? "—"}</dd>
                  <dt className="text-slate-700">Language</dt>
                  <dd>{languageLabel(g.preferredLanguage)}</dd>
                </dl>
                <div className="no-print mt-2 flex flex-wrap items-start gap-3">
                  <Disclosure className="text-sm" summary={`Edit ${g.name}`}>
                    <GuardianForm guardian={g} />
                  </Disclosure>
                  <DeleteGuardianForm guardian={g} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <Disclosure className="no-print mt-3 rounded border border-slate-200 bg-white p-3" summary="Add a guardian">
        <GuardianForm studentId={studentId} />
      </Disclosure>

      <h3 className="mt-6 text-lg font-semibold" id="family-contacts">
        Family contacts
      </h3>
      <div className="no-print mt-2 rounded border border-slate-200 bg-white p-3">
        <ContactForm
          studentId={studentId}
          today={isoDay(districtDay())}
          guardians={guardians.map((g) => ({ id: g.id, label: [`${g.name} (${RELATIONSHIP_LABELS[g.relationship]})`, ...guardianFlagWords(g)].join(" · ") }))}
        />
      </div>
      {contacts.length === 0 ? (
        <p className="mt-3 text-sm text-slate-600">No family contact or outreach logged yet.</p>
      ) : (
        <ol className="mt-3 space-y-3" aria-label="Family contacts, newest first">
          {contacts.map((c) => (
            <li key={c.id} className="rounded border border-slate-200 bg-white p-3">
              <p className="text-xs text-slate-700">
                {/* An outreach attempt from the Re-engagement list, while the student was away (issue 16). */}
                {c.outreach && (
                  <Badge tone="violet" className="mr-1 font-semibold">
                    Outreach
                  </Badge>
                )}
                <time dateTime={isoDay(c.occurredOn)}>{formatDay(c.occurredOn)}</time> · {c.withWhom} · {c.method ? CONTACT_METHOD_LABELS[c.method] : "method not recorded"}
                {c.outcome && ` · ${CONTACT_OUTCOME_LABELS[c.outcome]}`} · {c.author.name}
                {c.noteId && " · from a family-contact note"}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm">{c.summary}</p>
              {c.nextStep && (
                <p className="mt-1 break-words text-sm">
                  <span className="font-semibold">Next step:</span> {c.nextStep}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
