// Enrollment.sourceKey: the provider's own key for an online enrollment, the `enrollment_id` of the
// provider progress format (lib/imports/FORMATS.md §3). Stored as "provider:<provider code>:<id>" so
// two providers' ids never collide. Every writer (the seed, the progress import) builds it here and
// every reader (the import's matching, the enrollments export) takes it apart here (issue 15: the
// seed wrote the bare id, so the export of a seeded district did not import back).
// A counselor's enrollment on the student page has no provider key (null) until a progress file
// names one.
// Pure: no I/O, imported by the seed as well as the app.

const PREFIX = "provider:";

/** The stored key of a provider's enrollment id: "provider:APEX:APX-7781". */
export function providerEnrollmentKey(providerCode: string, enrollmentId: string): string {
  return `${PREFIX}${providerCode}:${enrollmentId}`;
}

/**
 * The provider's enrollment id a stored key carries (what the export writes in `enrollment_id`):
 * "provider:APEX:APX-7781" → "APX-7781". A legacy key (the bare id, as the demo seed wrote it before
 * migration 20261201151000_enrollment_source_keys) is that id itself. Null → "".
 */
export function providerEnrollmentId(sourceKey: string | null): string {
  if (sourceKey === null) return "";
  if (!sourceKey.startsWith(PREFIX)) return sourceKey;
  const rest = sourceKey.slice(PREFIX.length);
  const colon = rest.indexOf(":");
  return colon < 0 ? rest : rest.slice(colon + 1);
}

/**
 * Whether a stored key is the key of `enrollmentId` at `providerCode`: the canonical form, or the
 * legacy bare id (a row the migration could not rewrite because its canonical key was taken).
 */
export function isProviderEnrollmentKey(sourceKey: string | null, providerCode: string, enrollmentId: string): boolean {
  return sourceKey === providerEnrollmentKey(providerCode, enrollmentId) || (sourceKey === enrollmentId && !sourceKey.startsWith(PREFIX));
}
