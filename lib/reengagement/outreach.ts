import "server-only";
import { type Viewer } from "@/lib/access";
import { addContact } from "@/lib/family/contacts";
import { districtDay } from "@/lib/calendar";
import type { OutreachInput } from "./schema";

// An outreach attempt to a student who left (the Re-engagement list) is a family contact with
// outreach = true (issue 16: "outreach attempts are logged like family contacts"): one write path,
// lib/family/contacts.ts addContact, with its "student has left" rule, idempotency and audit event
// ("contact.create", details {outreach: true}). The student page's contact log lists it, marked.

export { NOT_LEFT } from "@/lib/family/rules";
export { KEY_REUSED } from "@/lib/family/contacts";

/** Logs an outreach attempt, once per `clientKey`; `now` fixes the district's day (tests). */
export function logOutreach(viewer: Viewer, input: OutreachInput, now: Date = new Date()): Promise<{ id: string; studentId: string }> {
  return addContact(viewer, input, districtDay(now), { outreach: true });
}
