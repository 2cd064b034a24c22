import { describe, expect, it } from "vitest";
import { wideScreenLikely } from "./screen-width";

const h = (o: Record<string, string>) => new Headers(o);
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const ANDROID_PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36";
const ANDROID_TABLET = "Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
const DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";

describe("wideScreenLikely", () => {
  it("follows Chromium's mobile client hint first", () => {
    expect(wideScreenLikely(h({ "sec-ch-ua-mobile": "?1", "user-agent": DESKTOP }))).toBe(false);
    expect(wideScreenLikely(h({ "sec-ch-ua-mobile": "?0", "user-agent": ANDROID_PHONE }))).toBe(true);
  });

  it("without the hint, reads phones from the User-Agent and takes tablets and desktops as wide", () => {
    expect(wideScreenLikely(h({ "user-agent": IPHONE }))).toBe(false);
    expect(wideScreenLikely(h({ "user-agent": ANDROID_PHONE }))).toBe(false);
    expect(wideScreenLikely(h({ "user-agent": ANDROID_TABLET }))).toBe(true);
    expect(wideScreenLikely(h({ "user-agent": DESKTOP }))).toBe(true);
  });

  it("takes a request that says nothing (a script, curl) as wide", () => {
    expect(wideScreenLikely(h({}))).toBe(true);
  });
});
