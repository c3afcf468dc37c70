/**
 * Nothing leaks, checked on the wire: links come from APP_URL (never the Host header the client sends),
 * signed-in answers are never cached, HTTPS is kept, redirects stay on the site, and a common password is
 * refused with a clear message. Emails received by a real SMTP server carry absolute links.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { startAppServer, type AppServer } from "../support/app-server";
import { openServerDatabase } from "../support/e2e-db";
import { pdfText, writeTemp } from "../support/pdf";
import { startSmtpServer } from "../support/smtp";
import { formClient } from "../support/form-client";

const baseURL = inject("baseURL");
const { freshIp, post, sessionCookie } = formClient(baseURL, "172.29");
describe("links come from APP_URL, never from the request's Host", () => {
  it("a PDF asked for with a forged host still has its QR code and verify link on the app's own address", async () => {
    const handle = openServerDatabase();
    const agreement = await handle.db
      .selectFrom("agreement")
      .select("id")
      .where("title", "=", "Convention de partenariat et de coopération")
      .executeTakeFirstOrThrow();
    await handle.close();
    const cookie = await sessionCookie("president@sofara.example");
    const res = await fetch(`${baseURL}/agreements/${agreement.id}/pdf`, {
      headers: { Cookie: cookie, "X-Forwarded-Host": "evil.example", "X-Forwarded-For": freshIp() },
    });
    expect(res.status).toBe(200);
    const text = pdfText(writeTemp(new Uint8Array(await res.arrayBuffer()), "forged-host.pdf"));
    expect(text).not.toContain("evil.example");
    // The e2e server's APP_URL is its own address (tests/support/app-server.ts).
    expect(text).toContain(`${baseURL}/v/`);
  });
});

describe("caching and transport headers", () => {
  it("signed-in pages and .data answers carry Cache-Control: no-store", async () => {
    const cookie = await sessionCookie("president@sofara.example");
    for (const path of ["/", "/agreements", "/_root.data", "/agreements.data", "/notifications"]) {
      const res = await fetch(`${baseURL}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });

  it("over HTTPS (a trusted proxy's X-Forwarded-Proto) Strict-Transport-Security is sent; over HTTP it is not", async () => {
    const https = await fetch(`${baseURL}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
    const http = await fetch(`${baseURL}/login`);
    expect(http.headers.get("strict-transport-security")).toBeNull();
  });
});

describe("redirects after signing in stay on the site", () => {
  it("redirectTo=/\\t/evil.example (read by browsers as //evil.example) goes to the dashboard", async () => {
    for (const target of ["/\t/evil.example", "/\\/evil.example", "//evil.example"]) {
      const res = await post("/login", {
        email: "rse@clearvision.example",
        password: "charaka-demo-2026",
        redirectTo: target,
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("location"), JSON.stringify(target)).toBe("/");
    }
  });
});

describe("common passwords", () => {
  it("a new password from the list of the 10,000 most common is refused next to its field, in the reader's language", async () => {
    const cookie = await sessionCookie("partenariats@insaf.example");
    const res = await post(
      "/account",
      {
        intent: "password",
        currentPassword: "charaka-demo-2026",
        newPassword: "123456qwerty",
        confirmPassword: "123456qwerty",
      },
      { Cookie: cookie },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    // In her interface's language (other tests change it).
    expect(html).toMatch(
      /كلمة المرور هذه من أكثر كلمات المرور شيوعًا|Ce mot de passe fait partie des plus courants|This password is one of the most common/,
    );
  });
});

describe("emails carry absolute links", () => {
  let server: AppServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it("an email received by a real SMTP server links to APP_URL", async () => {
    const smtp = await startSmtpServer();
    try {
      const port = (smtp.transport().options as { port: number }).port;
      // The demo data has reminders due: the daily job at start-up sends them.
      server = await startAppServer({ SMTP_URL: `smtp://127.0.0.1:${port}`, APP_URL: "https://charaka.example.org" });
      for (let i = 0; i < 100 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(smtp.received.length).toBeGreaterThan(0);
      for (const mail of smtp.received) {
        const text = mail.body.replace(/=\r?\n/g, ""); // quoted-printable's soft line breaks
        expect(text).toMatch(/^https:\/\/charaka\.example\.org\/[a-z]+\/[a-z0-9]+/m);
      }
    } finally {
      await smtp.close();
    }
  });
});
