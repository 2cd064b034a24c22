import { describe, expect, it } from "vitest";
import { generate, stringToBytes } from "otplib";
import { checkTotp, hashRecoveryCode, isRecoveryCode, isTotpCode, newRecoveryCodes, newTotpSecret, normalizeCode, timeStep, totpUri } from "./totp";

// RFC 6238 Appendix B: the SHA-1 seed "12345678901234567890" at the listed times, 8 digits.
const RFC_SEED = stringToBytes("12345678901234567890");
const RFC_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

const at = (unixSeconds: number) => new Date(unixSeconds * 1000);
const codeAt = (secret: string, unixSeconds: number) => generate({ secret, epoch: unixSeconds });

describe("TOTP codes (RFC 6238)", () => {
  it.each(RFC_VECTORS)("the library gives the RFC's SHA-1 code at %i s", async (t, code) => {
    expect(await generate({ secret: RFC_SEED, epoch: t, digits: 8 })).toBe(code);
  });

  it("the time step is floor(seconds / 30): 59 s is step 1, 1111111109 s step 37037036", () => {
    expect(timeStep(at(59))).toBe(1);
    expect(timeStep(at(1111111109))).toBe(37037036);
  });

  it("accepts the current code and the one before and after (window 1), not two steps off", async () => {
    const secret = newTotpSecret();
    const now = 1_700_000_015; // 15 s into step 56666667
    const step = Math.floor(now / 30);
    expect(await checkTotp(secret, await codeAt(secret, now), at(now))).toEqual({ ok: true, step });
    expect(await checkTotp(secret, await codeAt(secret, now - 30), at(now))).toEqual({ ok: true, step: step - 1 });
    expect(await checkTotp(secret, await codeAt(secret, now + 30), at(now))).toEqual({ ok: true, step: step + 1 });
    expect(await checkTotp(secret, await codeAt(secret, now - 60), at(now))).toEqual({ ok: false, reason: "invalid" });
    expect(await checkTotp(secret, await codeAt(secret, now + 60), at(now))).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses a code whose step was already used, and an older one, but takes a later one", async () => {
    const secret = newTotpSecret();
    const now = 1_700_000_015;
    const step = Math.floor(now / 30);
    const code = await codeAt(secret, now);
    expect(await checkTotp(secret, code, at(now), step)).toEqual({ ok: false, reason: "reused" });
    expect(await checkTotp(secret, await codeAt(secret, now - 30), at(now), step)).toEqual({ ok: false, reason: "reused" });
    expect(await checkTotp(secret, await codeAt(secret, now + 30), at(now), step)).toEqual({ ok: true, step: step + 1 });
    // 30 s later the same code is still inside the window, and still refused.
    expect(await checkTotp(secret, code, at(now + 30), step)).toEqual({ ok: false, reason: "reused" });
  });

  it("refuses malformed codes without asking the library, and another secret's code", async () => {
    const secret = newTotpSecret();
    for (const bad of ["", "12345", "1234567", "12345a", " 123456"]) expect(await checkTotp(secret, bad, new Date())).toEqual({ ok: false, reason: "invalid" });
    const other = newTotpSecret();
    const now = 1_700_000_015;
    const code = await codeAt(other, now);
    // One code in a million collides by chance; this pair is fixed per run, so check it is not one.
    if (code !== (await codeAt(secret, now)) && code !== (await codeAt(secret, now - 30)) && code !== (await codeAt(secret, now + 30))) {
      expect(await checkTotp(secret, code, at(now))).toEqual({ ok: false, reason: "invalid" });
    }
  });

  it("secrets are 160-bit base32 and the URI names the issuer and the account", () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(s);
    const uri = totpUri(s, "a.b@demo.test");
    expect(uri.startsWith("otpauth://totp/CreditTrack:a.b%40demo.test?")).toBe(true);
    expect(uri).toContain(`secret=${s}`);
    expect(uri).toContain("issuer=CreditTrack");
  });
});

describe("recovery codes", () => {
  it("ten distinct codes shaped xxxxx-xxxxx from the unambiguous alphabet", () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) {
      expect(c).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
      expect(isRecoveryCode(c)).toBe(true);
      expect(isTotpCode(c)).toBe(false);
    }
  });

  it("hashes what the user meant: case, spaces and dashes do not matter", () => {
    expect(hashRecoveryCode("abcde-fghjk")).toBe(hashRecoveryCode(" ABCDE FGHJK "));
    expect(hashRecoveryCode("abcde-fghjk")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode("abcde-fghjk")).not.toBe(hashRecoveryCode("abcde-fghjm"));
    expect(normalizeCode("123 456")).toBe("123456");
    expect(isTotpCode("123 456")).toBe(true);
    expect(isRecoveryCode("abcde-fghj1")).toBe(false);
  });
});
