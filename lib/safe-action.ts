import "server-only";
import { z } from "zod";
import { unstorableText } from "@/lib/storable";
import { ForbiddenError, NotFoundError, type Viewer } from "@/lib/access";
import { recordRefusal } from "@/lib/audit";

// One authenticated action wrapper: session → zod → fn(viewer, input) → result for the form.
// Only *expected* errors become messages; anything else is logged and shown as a generic message
// (never raw e.message or database text).

export type FieldErrors = Record<string, string[] | undefined>;
export type ActionResult<T = undefined> = { ok: true; data: T; message?: string } | { ok: false; message: string; fieldErrors?: FieldErrors };

/** A refusal the user can act on, optionally pinned to a form field. */
export class DomainError extends Error {
  constructor(
    message: string,
    public field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Optimistic-concurrency conflict: the record changed since the form was loaded. */
export class ConflictError extends Error {
  constructor(message = "This record was changed by someone else — reload to see the latest version.") {
    super(message);
    this.name = "ConflictError";
  }
}

export const GENERIC_ERROR = "Something went wrong and nothing was saved. Try again, or tell your administrator.";
export const SIGNED_OUT = "Your session has ended. Sign in again.";

/** FormData → plain object (repeated keys become arrays; empty strings are kept for zod to judge). */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v !== "string") continue;
    if (k.startsWith("$ACTION")) continue;
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

export async function runValidated<S extends z.ZodType, R>(
  viewer: Viewer | null,
  schema: S,
  fn: (viewer: Viewer, input: z.output<S>) => Promise<R>,
  raw: unknown,
): Promise<ActionResult<R>> {
  if (!viewer) return { ok: false, message: SIGNED_OUT };
  const parsed = schema.safeParse(raw instanceof FormData ? formToObject(raw) : raw);
  if (!parsed.success) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  }
  // PostgreSQL cannot store a NUL character, nor a lone UTF-16 surrogate inside JSON (the audit
  // details): refuse either by field rather than fail in the write.
  const unstorable = fieldsWithUnstorableText(parsed.data);
  if (unstorable.length > 0) {
    return { ok: false, message: "Check the highlighted fields.", fieldErrors: Object.fromEntries(unstorable.map(([k, why]) => [k, [why]])) };
  }
  try {
    return { ok: true, data: await fn(viewer, parsed.data) };
  } catch (e) {
    await auditRefusal(viewer, e, parsed.data);
    return toResult(e);
  }
}

/**
 * Every action and JSON write passes here, so every refusal of one is recorded here: an id out of
 * scope or nonexistent as `<thing>.write.refused` with the id asked for (the error's, else the
 * input's `<thing>Id`), a role or permission refused as `access.refused` with the reason.
 * A failure to record is logged; the caller is refused either way.
 */
async function auditRefusal(viewer: Viewer, e: unknown, input: unknown): Promise<void> {
  if (!(e instanceof NotFoundError) && !(e instanceof ForbiddenError)) return;
  try {
    if (e instanceof ForbiddenError) return await recordRefusal(viewer, { action: "access.refused", reason: e.message });
    const key = `${e.what.charAt(0).toLowerCase()}${e.what.slice(1)}Id`;
    const asked = e.id ?? (input && typeof input === "object" ? (input as Record<string, unknown>)[key] : undefined);
    await recordRefusal(viewer, { action: `${e.what.toLowerCase()}.write.refused`, entity: e.what, id: typeof asked === "string" ? asked : null });
  } catch (failure) {
    console.error("Could not record a refused attempt", failure);
  }
}

/**
 * Top-level keys whose value holds text PostgreSQL cannot store (a NUL character, or a lone
 * surrogate that JSON cannot carry), anywhere in strings, arrays or nested objects, with why.
 */
export function fieldsWithUnstorableText(input: unknown): [string, string][] {
  if (!input || typeof input !== "object" || Array.isArray(input)) return [];
  const find = (v: unknown, depth: number): string | null => {
    if (typeof v === "string") return unstorableText(v);
    if (depth >= 5 || !v || typeof v !== "object") return null;
    for (const x of Object.values(v)) {
      const why = find(x, depth + 1);
      if (why) return why;
    }
    return null;
  };
  return Object.entries(input).flatMap(([k, v]) => {
    const why = find(v, 0);
    return why ? [[k, why] as [string, string]] : [];
  });
}

export function toResult(e: unknown): { ok: false; message: string; fieldErrors?: FieldErrors } {
  if (e instanceof DomainError) {
    return e.field ? { ok: false, message: e.message, fieldErrors: { [e.field]: [e.message] } } : { ok: false, message: e.message };
  }
  if (e instanceof ConflictError || e instanceof ForbiddenError) return { ok: false, message: e.message };
  if (e instanceof NotFoundError) return { ok: false, message: e.message };
  // Next's redirect()/notFound() signals must pass through.
  if (e && typeof e === "object" && "digest" in e && typeof (e as { digest: unknown }).digest === "string" && (e as { digest: string }).digest.startsWith("NEXT_")) throw e;
  console.error("Unexpected error in action", e);
  return { ok: false, message: GENERIC_ERROR };
}

/** For server actions: `export async function x(input: unknown) { return withViewer(schema, fn, input) }`. */
export async function withViewer<S extends z.ZodType, R>(schema: S, fn: (viewer: Viewer, input: z.output<S>) => Promise<R>, raw: unknown): Promise<ActionResult<R>> {
  // Loaded here, not at the top, so scripts can use runValidated and the errors without Next.
  const { currentViewer } = await import("@/lib/auth");
  const viewer = await currentViewer();
  // The district's two-factor policy: a covered user who has not enrolled may do nothing else
  // first (the enrolment page's own actions do not come through here).
  const { twoFactorDue, ENROL_FIRST } = await import("@/lib/auth/two-factor-gate");
  if (viewer && (await twoFactorDue(viewer))) return { ok: false, message: ENROL_FIRST };
  return runValidated(viewer, schema, fn, raw);
}
