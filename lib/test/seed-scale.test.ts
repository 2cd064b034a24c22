// The seed's sizes (prisma/seed/scale.ts): the city scale is the district's distributions at five
// times the size (issue 19: 300,000 students in 400 schools, 1,250,000 online enrollments), and
// adding it left the district scale — the bench's and the load test's data — as it was.
import { describe, expect, it } from "vitest";
import { CITY, DISTRICT, SCALE_NAMES, SCALES } from "../../prisma/seed/scale";
import { DEMO_SCHOOLS } from "../../prisma/seed/demo-logins";
import { stageScaleArg } from "../../scripts/bench/stage";

/** Students seeded: ten cohorts (five past, five in school) per school. */
const students = (s: typeof DISTRICT) => s.schools.reduce((n, x) => n + 5 * x.pastCohort + 5 * x.currentCohort, 0);

describe("seed scales", () => {
  it("the city: 300,000 students in 400 schools, 1,250,000 online enrollments, the district's practice", () => {
    expect(CITY.schools).toHaveLength(400);
    expect(students(CITY)).toBe(300_000);
    expect(CITY.onlineTarget).toBe(1_250_000);
    expect(CITY.practice).toBe(DISTRICT.practice);
    expect(CITY.counselorsPerSchool).toBe("auto");
    expect(new Set(CITY.schools.map((s) => s.name)).size).toBe(400);
    expect(new Set(CITY.schools.map((s) => s.stateCode)).size).toBe(400);
    // The demo sign-ins' schools come first, so the printed logins work at every scale.
    expect(CITY.schools.slice(0, 3).map((s) => s.name)).toEqual(DEMO_SCHOOLS.map((s) => s.name));
    // Uneven sizes, weighted 0.6–1.6 as in the district (the first school also takes the rounding).
    const sizes = CITY.schools.slice(1).map((s) => s.currentCohort);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...sizes) / Math.min(...sizes)).toBeLessThanOrEqual(1.6 / 0.6 + 0.1);
  });

  it("the district is unchanged: 60,000 students, 30 schools, the same names and sizes", () => {
    expect(students(DISTRICT)).toBe(60_000);
    expect(DISTRICT.schools).toHaveLength(30);
    expect(DISTRICT.schools[3]).toEqual({
      name: "Dorchester Heights High School",
      stateCode: "00351003",
      currentCohort: DISTRICT.schools[3].pastCohort,
      pastCohort: DISTRICT.schools[3].pastCohort,
    });
    expect(DISTRICT.schools[29].name).toBe("Longwood Sciences High School");
    // The first school holds the rounding remainder: 6,000 per cohort in all.
    expect(DISTRICT.schools.reduce((n, s) => n + s.currentCohort, 0)).toBe(6000);
  });

  it("names every scale once; the bench takes --scale district|city", () => {
    expect(SCALE_NAMES.map((n) => SCALES[n].name)).toEqual(["demo", "district", "city"]);
    expect(stageScaleArg([])).toBe("district");
    expect(stageScaleArg(["--only", "reports", "--scale", "city"])).toBe("city");
    expect(stageScaleArg(["--scale=city"])).toBe("city");
    expect(() => stageScaleArg(["--scale", "town"])).toThrow(/district or city/);
  });
});
