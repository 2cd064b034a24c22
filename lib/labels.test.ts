import { describe, expect, it } from "vitest";
import { ProgramType, RaceEthnicity, RiskLevel } from "@/lib/generated/prisma/enums";
import { PROGRAM_FLAGS } from "@/lib/students/schema";
import { PROGRAM_FLAG_LABEL, PROGRAM_TYPE_LABEL, RACE_LABEL, RISK_LEVEL_LABEL, programFlags, programTypeText, riskText } from "./labels";
import { readSource, sourceFiles } from "./test/source-files";

describe("one name per enum value", () => {
  it.each([
    ["RiskLevel", RiskLevel, RISK_LEVEL_LABEL],
    ["RaceEthnicity", RaceEthnicity, RACE_LABEL],
    ["ProgramType", ProgramType, PROGRAM_TYPE_LABEL],
  ] as const)("every %s has a label", (_name, values, labels) => {
    expect(Object.keys(labels).sort()).toEqual(Object.values(values).sort());
  });

  it("names flags and levels as pages, CSV and print show them", () => {
    expect(Object.keys(PROGRAM_FLAG_LABEL)).toEqual([...PROGRAM_FLAGS]);
    expect(programFlags({ specialEducation: true, englishLearner: false, lowIncome: true })).toEqual(["Special education", "Low income"]);
    expect(riskText("HIGH")).toBe("High risk");
    expect(programTypeText("CREDIT_RECOVERY")).toBe("Credit recovery");
    expect(programTypeText("NEW_KIND")).toBe("NEW_KIND");
  });

  // Issue 17: risk, race and program labels had two to four homes. A second map of the same enum
  // values to words anywhere in the source fails here.
  it("no other file maps these enum values to words", () => {
    const code = ["app", "components", "lib", "scripts"]
      .flatMap((d) => sourceFiles(d))
      .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.(test|spec)\.tsx?$/.test(f) && f !== "lib/labels.ts");
    const copies =
      /HISPANIC_LATINO["']?\s*[:,]\s*["']Hispanic|ADVANCED_PLACEMENT["']?\s*:\s*["']Advanced|MODERATE["']?\s*:\s*["']Moderate|["']High risk["']|LOW_INCOME["']?\s*:\s*["']Low income|&& ["'](SPED|Special education)/;
    expect(code.filter((f) => copies.test(readSource(f)))).toEqual([]);
  });
});
