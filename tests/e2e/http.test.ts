/** Rules checked on the wire against the running server: headers, CSRF, cookies, throttling, errors. */
import { describe, expect, inject, it } from "vitest";
import { formClient } from "../support/form-client";

const baseURL = inject("baseURL");
const { post, sessionCookie } = formClient(baseURL, "172.31");
const PASSWORD = "charaka-demo-2026";

describe("security headers", () => {
  it("are on every response: pages, redirects, static files, health check and errors", async () => {
    const paths = ["/login", "/", "/favicon.ico", "/healthz", "/no-such-page"];
    const nonces = new Set<string>();
    for (const path of paths) {
      const res = await fetch(`${baseURL}${path}`, { redirect: "manual" });
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("referrer-policy"), path).toBeTruthy();
      nonces.add(csp.match(/nonce-([^']+)/)![1]!);
    }
    expect(nonces.size).toBe(paths.length);
  });

  it("the page's scripts carry the response's nonce", async () => {
    const res = await fetch(`${baseURL}/login`);
    const nonce = res.headers.get("content-security-policy")!.match(/nonce-([^']+)/)![1]!;
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });
});

describe("the browser's scripts", () => {
  it("of a signed-in page hold no server-only library (PDF drawing, the demo seed, zod's other languages) and weigh under 1 MB", async () => {
    const cookie = await sessionCookie("president@sofara.example");
    const html = await (await fetch(`${baseURL}/`, { headers: { cookie } })).text();
    // Every script the page names: its modulepreload links and the inline module's imports.
    const urls = [...html.matchAll(/"(\/build\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(3);
    let bytes = 0;
    for (const url of new Set(urls)) {
      const code = await (await fetch(`${baseURL}${url}`)).text();
      bytes += Buffer.byteLength(code);
      // pdf-lib's own name is in its error messages; zod's Polish messages stand for its ~40 languages.
      expect(code, url).not.toMatch(/pdf-lib|PDFDocument|Nieprawidłow/);
    }
    // 1.77 MB when a route imported the demo seed and `import { z }` pulled in every zod language; 0.92 MB
    // now, of which 0.32 MB are the three languages' messages.
    expect(bytes).toBeLessThan(1_000_000);
  });
});

describe("cross-site requests (CSRF)", () => {
  it("a POST from another site's page is refused with 403, whatever the route", async () => {
    const cookie = await sessionCookie("president@sofara.example");
    const foreign: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
    ];
    for (const headers of foreign) {
      const res = await post("/logout", {}, { ...headers, Cookie: cookie });
      expect(res.status).toBe(403);
    }
    // The session survived every refused logout.
    const dashboard = await fetch(`${baseURL}/`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(dashboard.status).toBe(200);
  });

  it("a same-origin POST goes through", async () => {
    const res = await post(
      "/login",
      { email: "president@sofara.example", password: PASSWORD },
      { Origin: baseURL, "Sec-Fetch-Site": "same-origin" },
    );
    expect(res.status).toBe(302);
  });
});

describe("session cookie", () => {
  it("over plain HTTP: HttpOnly, SameSite=Lax, not Secure, so a local-network install works", async () => {
    const res = await post("/login", { email: "membre@sofara.example", password: PASSWORD });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^charaka_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it("behind a trusted HTTPS proxy: Secure with the __Host- prefix", async () => {
    const res = await post(
      "/login",
      { email: "membre@sofara.example", password: PASSWORD },
      { "X-Forwarded-Proto": "https" },
    );
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-charaka_session=/);
    expect(cookie).toMatch(/;\s*Secure/i);
  });
});

// These tests lock accounts and IPs on the shared e2e server: they use an account (the AMS
// treasurer) and IPs that no other e2e test logs in with.
describe("login throttling", () => {
  it("after 10 failures for one account, even the right password is refused with a clear message", async () => {
    for (let i = 0; i < 10; i++) {
      const res = await post("/login", { email: "tresorier@ams.example", password: `wrong-${i}` });
      expect(res.status).toBe(400);
    }
    const res = await post("/login", { email: "tresorier@ams.example", password: PASSWORD });
    expect(res.status).toBe(429);
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    expect(html).toContain("Trop de tentatives échouées");
    expect(html).toContain("15 minutes");
  });

  it("after 10 failures from one IP, that IP is refused for every account; other IPs are not", async () => {
    const ip = "198.18.0.77";
    for (let i = 0; i < 10; i++) {
      await post("/login", { email: `nobody${i}@example.org`, password: "wrong" }, { "X-Forwarded-For": ip });
    }
    const refused = await post(
      "/login",
      { email: "president@insaf.example", password: PASSWORD },
      { "X-Forwarded-For": ip },
    );
    expect(refused.status).toBe(429);
    const elsewhere = await post("/login", { email: "president@insaf.example", password: PASSWORD });
    expect(elsewhere.status).toBe(302);
  });

  it("gives the same answer for an unknown email as for a wrong password", async () => {
    const unknown = await (await post("/login", { email: "ghost@example.org", password: "whatever-it-is" })).text();
    const wrong = await (
      await post("/login", { email: "partenariats@insaf.example", password: "whatever-it-is" })
    ).text();
    const message = (html: string) => html.match(/<p>([^<]*incorrect[^<]*)<\/p>/)?.[1];
    expect(message(unknown)).toBeTruthy();
    expect(message(unknown)).toBe(message(wrong));
  });
});

describe("health and errors", () => {
  it("GET /healthz answers {status: ok}", async () => {
    const res = await fetch(`${baseURL}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("an unknown URL gets a friendly 404 page, never a stack trace", async () => {
    const res = await fetch(`${baseURL}/agreements/does-not-exist/anything`, { headers: { "Accept-Language": "ar" } });
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain("الصفحة غير موجودة");
    expect(html).not.toMatch(/at \S+ \(.*:\d+:\d+\)/);
  });

  it("malformed form data never yields a 500", async () => {
    const cookie = await sessionCookie("president@sofara.example");
    const bodies: Record<string, string>[] = [
      {},
      { email: "" },
      { email: "x".repeat(10_000), password: "y" },
      { intent: "nope" },
      { locale: "xx" },
    ];
    for (const path of ["/login", "/account", "/locale", "/organizations/new", "/logout"]) {
      for (const body of bodies) {
        const res = await post(path, body, { Cookie: cookie });
        expect(res.status, `${path} ${JSON.stringify(body).slice(0, 40)}`).toBeLessThan(500);
      }
    }
  });
});
