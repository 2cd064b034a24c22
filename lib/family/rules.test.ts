import { describe, expect, it } from "vitest";
import { guardianFlagWords } from "./rules";

const none = { noContact: false, rightsHolder: false, interpreter: false, preferredLanguage: "en" };

describe("guardianFlagWords", () => {
  it.each([
    [none, []],
    [{ ...none, noContact: true }, ["Do not contact"]],
    [{ ...none, rightsHolder: true }, ["Educational rights holder"]],
    [{ ...none, interpreter: true, preferredLanguage: "es" }, ["Needs an interpreter (Spanish)"]],
    [{ ...none, interpreter: true, preferredLanguage: "kea" }, ["Needs an interpreter (Cape Verdean Creole)"]],
    [{ ...none, interpreter: true, preferredLanguage: "other" }, ["Needs an interpreter"]],
    [{ ...none, interpreter: true, preferredLanguage: "tl" }, ["Needs an interpreter (tl)"]],
    [{ noContact: true, rightsHolder: true, interpreter: true, preferredLanguage: "pt" }, ["Do not contact", "Educational rights holder", "Needs an interpreter (Portuguese)"]],
  ])("%o → %o", (g, words) => {
    expect(guardianFlagWords(g)).toEqual(words);
  });
});
