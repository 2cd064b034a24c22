// Hostile values for fuzzing inputs (fast-check): wrong types, huge and unicode strings,
// negative/NaN/Infinity numbers, impossible and out-of-range dates, SQL- and HTML-looking text.
import fc from "fast-check";

export const SQLISH = ["' OR 1=1 --", '\'; DROP TABLE "Student"; --', '" OR ""="', "1; SELECT pg_sleep(5)", "%' AND 1=1 AND '%'='", "\\x00\\'"];
export const HTMLISH = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "javascript:alert(1)", "{{constructor.constructor('alert(1)')()}}"];
export const BAD_DATES = [
  "2024-02-30",
  "2023-02-29",
  "2024-13-01",
  "2024-00-10",
  "0000-01-01",
  "99999-01-01",
  "-0001-01-01",
  "2024-1-1",
  "1e10",
  "Infinity",
  "NaN",
  "2024-01-01T00:00:00Z",
  "01/02/2024",
  "",
  " ",
];
export const BAD_NUMBERS: unknown[] = [
  NaN,
  Infinity,
  -Infinity,
  -1,
  -0.5,
  1.5,
  2 ** 31,
  2 ** 40,
  -(2 ** 53),
  Number.MAX_VALUE,
  "NaN",
  "Infinity",
  "-1",
  "1.5",
  "1e309",
  "0x10",
  "2147483648",
  "99999999999",
];

export const hugeString = fc.integer({ min: 5_001, max: 40_000 }).map((n) => "x".repeat(n));
export const unicodeString = fc.string({ unit: "grapheme", maxLength: 60 });
export const controlString = fc.constantFrom("\u0000", "\u0000abc", "a\u0000b", "\ud800", "\u202eevil", "\ufeff", "💥".repeat(3000));

/** Any value at all, hostile-leaning: the stuff a forged request can carry in a field. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...SQLISH, ...HTMLISH, ...BAD_DATES, ...BAD_NUMBERS),
  unicodeString,
  controlString,
  hugeString,
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(null, undefined, {}, [], [1, 2], { $ne: null }, { toString: "x" }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.date({ noInvalidDate: false }),
);

/** An id that exists nowhere (or garbage in an id field). */
export const foreignId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("cm0000000000000000000000", "nonexistent", "../../etc/passwd", "%00", ...SQLISH, ...HTMLISH),
  fc.string({ maxLength: 40 }),
  hugeString,
  anyValue,
);

/** A record with some keys missing and maybe some unknown keys added. */
export function partialRecord(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.tuple(fc.record(fields, { requiredKeys: [] }), fc.dictionary(fc.string({ maxLength: 12 }), anyValue, { maxKeys: 3 })).map(([r, extra]) => ({ ...extra, ...r }));
}
