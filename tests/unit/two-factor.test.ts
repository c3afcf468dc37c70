import { describe, expect, it } from "vitest";
import { mustSetUpTwoFactor, normalizeCode, twoFactorRequired } from "~/domain/identity/two-factor";
import { deviceName } from "~/lib/user-agent";

describe("who must use two-factor sign-in", () => {
  it("a platform administrator and the managers of a strict organization, never a demo account", () => {
    expect(twoFactorRequired({ isPlatformAdmin: true, isDemo: false, strictOrganization: false })).toBe(true);
    expect(twoFactorRequired({ isPlatformAdmin: false, isDemo: false, strictOrganization: true })).toBe(true);
    expect(twoFactorRequired({ isPlatformAdmin: false, isDemo: false, strictOrganization: false })).toBe(false);
    expect(twoFactorRequired({ isPlatformAdmin: true, isDemo: true, strictOrganization: true })).toBe(false);
  });
  it("someone required to and not set up reaches only its page and logging out", () => {
    const pending = { twoFactorRequired: true, twoFactorEnabled: false };
    expect(mustSetUpTwoFactor(pending, "/organizations/new")).toBe(true);
    expect(mustSetUpTwoFactor(pending, "/account/security")).toBe(false);
    expect(mustSetUpTwoFactor(pending, "/logout")).toBe(false);
    expect(mustSetUpTwoFactor({ twoFactorRequired: true, twoFactorEnabled: true }, "/")).toBe(false);
  });
  it("reads six digits as a code and ten letters or digits as a recovery code, dashes and spaces ignored", () => {
    expect(normalizeCode(" 123 456 ")).toEqual({ kind: "totp", value: "123456" });
    expect(normalizeCode("ABCDE-23456")).toEqual({ kind: "recovery", value: "abcde23456" });
    expect(normalizeCode("12345")).toBeNull();
  });
});

describe("a session's device", () => {
  it("names the browser and the system", () => {
    expect(
      deviceName(
        "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36",
      ),
    ).toBe("Chrome · Android");
    expect(
      deviceName(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari · iOS");
    expect(deviceName("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe(
      "Firefox · Windows",
    );
    expect(deviceName(null)).toBeNull();
  });
});
