// Text PostgreSQL cannot store or compare: a NUL character (refused in any text parameter,
// SQLSTATE 22021) and a lone UTF-16 surrogate (no UTF-8 form; jsonb refuses it, 22P02). The
// driver throws these errors raw, so they would answer 500: inputs are checked here first.

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why the text cannot be stored, or null when it can. */
export function unstorableText(s: string): string | null {
  if (s.includes("\u0000")) return "Remove the invisible control character (NUL).";
  if (LONE_SURROGATE.test(s)) return "This text holds a broken character (a lone surrogate); retype it.";
  return null;
}

export function isStorableText(s: string): boolean {
  return unstorableText(s) === null;
}
