import { describe, expect, it } from "vitest";
import { demoSignInAllowed, demoStartupWarning } from "~/domain/demo/demo";
import { contentSecurityPolicy, isCrossSiteRequest, isLoopbackClient, securityHeaders } from "~/lib/security.server";
import { safeRedirectPath } from "~/lib/http.server";

const base = { host: "charaka.example:3000", protocol: "http", origin: undefined, secFetchSite: undefined };

describe("cross-site request refusal (CSRF)", () => {
  it("never blocks GET or HEAD", () => {
    expect(isCrossSiteRequest({ ...base, method: "GET", secFetchSite: "cross-site" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: "HEAD", origin: "https://evil.example" })).toBe(false);
  });

  it("refuses a POST that the browser marks cross-site or same-site (another subdomain)", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", secFetchSite: "same-site" })).toBe(true);
  });

  it("accepts a POST the browser marks same-origin", () => {
    expect(
      isCrossSiteRequest({
        ...base,
        method: "POST",
        secFetchSite: "same-origin",
        origin: "http://charaka.example:3000",
      }),
    ).toBe(false);
  });

  it("falls back to the Origin header: another host, another scheme or an opaque origin are refused", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "http://charaka.example:3000" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "http://evil.example" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://charaka.example:3000" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "DELETE", origin: "null" })).toBe(true);
  });

  it("lets through requests with neither header (not from a browser page)", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST" })).toBe(false);
  });
});

describe("security headers", () => {
  it("carry a CSP with the request's nonce, no inline scripts otherwise, and no framing", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    const headers = securityHeaders("abc123");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBeTruthy();
  });
});

describe("redirects after login", () => {
  it("only follow paths on this site", () => {
    expect(safeRedirectPath("/agreements?q=eau")).toBe("/agreements?q=eau");
    expect(safeRedirectPath("//evil.example")).toBe("/");
    expect(safeRedirectPath("/\\evil.example")).toBe("/");
    expect(safeRedirectPath("https://evil.example")).toBe("/");
    expect(safeRedirectPath(undefined)).toBe("/");
  });
});

describe("a browser on the server's own machine (the demo safeguard)", () => {
  const local = { socketAddress: "127.0.0.1", host: "localhost:3000", forwardedHeaders: false };
  it("is a loopback connection asking for a loopback host, not forwarded", () => {
    expect(isLoopbackClient(local)).toBe(true);
    expect(isLoopbackClient({ ...local, socketAddress: "::ffff:127.0.0.1", host: "127.0.0.1:3000" })).toBe(true);
    expect(isLoopbackClient({ ...local, socketAddress: "::1", host: "[::1]:3000" })).toBe(true);
  });
  it("is never a remote address, a forwarded request or a public host name", () => {
    expect(isLoopbackClient({ ...local, socketAddress: "192.168.1.20" })).toBe(false);
    expect(isLoopbackClient({ ...local, forwardedHeaders: true })).toBe(false);
    expect(isLoopbackClient({ ...local, host: "charaka.example.org" })).toBe(false);
    expect(isLoopbackClient({ ...local, host: undefined })).toBe(false);
  });
  it("demo accounts sign in from there only, unless CHARAKA_DEMO=public", () => {
    expect(demoSignInAllowed("local", true)).toBe(true);
    expect(demoSignInAllowed("local", false)).toBe(false);
    expect(demoSignInAllowed("public", false)).toBe(true);
    expect(demoStartupWarning("local", false)).toBeNull();
    expect(demoStartupWarning("local", true)).toContain("npm run demo:remove");
  });
});

describe("redirect targets are resolved against the app's origin", () => {
  it("refuses every form that a browser reads as another site, keeps same-origin paths", () => {
    for (const evil of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "//evil.example",
      " //evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
    ])
      expect(safeRedirectPath(evil), JSON.stringify(evil)).not.toMatch(/evil\.example|javascript/);
    expect(safeRedirectPath("/\t/evil.example")).toBe("/");
    expect(safeRedirectPath("/agreements/abc?tab=history#x")).toBe("/agreements/abc?tab=history#x");
  });
});
