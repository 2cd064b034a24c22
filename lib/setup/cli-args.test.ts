import { describe, expect, it } from "vitest";
import { flagFor, missingSetupFlags, parseSetupArgs } from "./cli-args";
import { setupFieldErrors, setupSchema } from "./schema";

describe("npm run setup arguments", () => {
  it("reads every flag, in both spellings, with repeated requirements", () => {
    const r = parseSetupArgs([
      "--district-name",
      "Lakeside Public Schools",
      "--total-credits=24",
      "--requirement",
      "ENGLISH=4",
      "--requirement=mathematics = 3.5",
      "--requirement",
      "history-social-studies=3",
      "--passing-grade",
      "65",
      "--admin-email",
      "dana@lakeside.example",
      "--admin-name=Dana Whitfield",
      "--admin-password-file",
      "/tmp/pw",
    ]);
    expect(r).toEqual({
      mode: "setup",
      flags: {
        districtName: "Lakeside Public Schools",
        totalCredits: "24",
        passingGrade: "65",
        email: "dana@lakeside.example",
        name: "Dana Whitfield",
        passwordFile: "/tmp/pw",
        requirements: { ENGLISH: "4", MATHEMATICS: "3.5", HISTORY_SOCIAL_STUDIES: "3" },
      },
    });
  });

  it("--token alone; --help anywhere", () => {
    expect(parseSetupArgs(["--token"])).toEqual({ mode: "token" });
    expect(parseSetupArgs(["--district-name", "x", "--help"])).toEqual({ mode: "help" });
    expect(parseSetupArgs([])).toEqual({ mode: "setup", flags: { requirements: {} } });
  });

  it.each([
    [["--admin-password", "secret"], /--admin-password is not accepted.*shell's history/],
    [["--admin-password=secret"], /--admin-password is not accepted/],
    [["--district"], /unknown flag --district/],
    [["Lakeside"], /unexpected argument "Lakeside"/],
    [["--district-name"], /--district-name needs a value/],
    [["--district-name", "--total-credits", "3"], /--district-name needs a value/],
    [["--requirement", "ENGLISH"], /--requirement takes AREA=CREDITS/],
    [["--requirement", "PE=2"], /unknown subject area "PE"/],
    [["--requirement", "ENGLISH=4", "--requirement", "english=3"], /--requirement ENGLISH is given twice/],
    [["--passing-grade", "60", "--passing-grade", "70"], /--passing-grade is given twice/],
    [["--token", "--district-name", "x"], /--token .* takes no other flags/],
    [["--token=yes"], /--token takes no value/],
  ])("refuses %j", (argv, message) => {
    const r = parseSetupArgs(argv);
    expect(r.mode).toBe("error");
    expect(r.mode === "error" && r.message).toMatch(message);
  });

  it("names the missing flags, and each field's flag in validation errors", () => {
    expect(missingSetupFlags({ requirements: {}, districtName: "x", email: "a@b.example" }, false)).toEqual([
      "--total-credits",
      "--passing-grade",
      "--admin-name",
      "--admin-password-file (or ADMIN_PASSWORD)",
    ]);
    const bad = setupSchema.safeParse({
      districtName: "L",
      totalCredits: "x",
      requirements: { ENGLISH: "-1" },
      passingGrade: "60",
      email: "e",
      name: "Dana",
      password: "p",
      confirm: "p",
    });
    expect(bad.success).toBe(false);
    const fields = Object.keys(setupFieldErrors(bad.error!)).map(flagFor);
    expect(fields).toEqual(expect.arrayContaining(["--district-name", "--total-credits", "--requirement ENGLISH=…", "--admin-email", "--admin-password-file (or ADMIN_PASSWORD)"]));
  });
});
