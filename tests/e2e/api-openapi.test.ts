/**
 * The OpenAPI document served at /api/v1/openapi.json: valid OpenAPI 3.1 (checked by a validator
 * library), and true to the routes — every route file under app/routes/api.v1.* is in it with its
 * methods and operation ids, and nothing else is; its schemas are the ones that check requests.
 */
import fs from "node:fs";
import path from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, inject, it } from "vitest";
import { root } from "../support/app-server";

const baseURL = inject("baseURL");

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { operationId: string; requestBody?: unknown; responses: Record<string, unknown> }>
  >;
};

/** The URL path of a flat-routes file name, OpenAPI style: api.v1.agreements.$agreementId._index.ts → /agreements/{agreementId}. */
function routePath(file: string): string {
  const segments = file
    .replace(/\.tsx?$/, "")
    .split(".")
    .slice(2)
    .filter((s) => s !== "_index");
  return `/${segments.map((s) => (s.startsWith("$") ? `{${s.slice(1)}}` : s)).join("/")}`.replace(/\/$/, "") || "/";
}

/** Every API route file's path and `apiRoute({ METHOD: "operationId" })`. */
function apiRoutes() {
  const dir = path.join(root, "app", "routes");
  return (
    fs
      .readdirSync(dir)
      // The document itself (openapi[.]json) and its readable page (docs) are not operations.
      .filter((f) => f.startsWith("api.v1.") && !f.includes("[") && f !== "api.v1.docs.ts")
      .map((file) => {
        const source = fs.readFileSync(path.join(dir, file), "utf8");
        const methods = [...source.matchAll(/\b(GET|POST|PATCH|PUT|DELETE):\s*"(\w+)"/g)].map((m) => ({
          method: m[1]!.toLowerCase(),
          operationId: m[2]!,
        }));
        return { file, path: `/api/v1${routePath(file)}`, methods };
      })
  );
}

describe("the OpenAPI document", () => {
  it("is served at /api/v1/openapi.json and is valid OpenAPI 3.1", async () => {
    const res = await fetch(`${baseURL}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it("lists every API route with its methods and operation ids, and no route that does not exist", async () => {
    const doc = (await (await fetch(`${baseURL}/api/v1/openapi.json`)).json()) as Doc;
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(15);
    const fromRoutes = routes.flatMap((r) =>
      r.methods.map((m) => `${m.method.toUpperCase()} ${r.path} ${m.operationId}`),
    );
    const fromDoc = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.entries(ops).map(([method, op]) => `${method.toUpperCase()} ${p} ${op.operationId}`),
    );
    expect(routes.filter((r) => r.methods.length === 0).map((r) => r.file)).toEqual([]);
    expect(fromDoc.sort()).toEqual(fromRoutes.sort());
  });

  it("each write documents its JSON body and its errors (400, 401, 403, 404, 409, 422, 429)", async () => {
    const doc = (await (await fetch(`${baseURL}/api/v1/openapi.json`)).json()) as Doc;
    const writes = Object.values(doc.paths).flatMap((ops) =>
      Object.entries(ops)
        .filter(([method]) => method !== "get")
        .map(([, op]) => op),
    );
    expect(writes.map((w) => w.operationId).sort()).toEqual([
      "closeActionItem",
      "recordDelivery",
      "recordPayment",
      "updateIndicator",
    ]);
    for (const op of writes) {
      expect(op.requestBody).toBeDefined();
      expect(Object.keys(op.responses)).toEqual(
        expect.arrayContaining(["400", "401", "403", "404", "409", "422", "429"]),
      );
    }
  });

  it("the reference page /api/v1/docs shows every operation and problem type, public, with no script or external resource", async () => {
    const doc = (await (await fetch(`${baseURL}/api/v1/openapi.json`)).json()) as Doc;
    const res = await fetch(`${baseURL}/api/v1/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    for (const [p, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        expect(html).toContain(`id="${op.operationId}"`);
        expect(html).toContain(`${method.toUpperCase()}</span> <code>${p.replace(/&/g, "&amp;")}</code>`);
      }
    for (const type of ["unauthorized", "forbidden", "not_found", "conflict", "invalid", "rule", "rate_limited"])
      expect(html).toContain(`id="problem-${type}"`);
    // The payment body's fields, from the page's schema.
    expect(html).toMatch(/<code>paidOn<\/code>.*<code>amount<\/code>.*<code>method<\/code>/s);
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).not.toMatch(/href="https?:/i);
  });

  it("every route answers as documented: without a token, 401 with a problem document", async () => {
    for (const route of apiRoutes()) {
      for (const { method } of route.methods) {
        const url = `${baseURL}${route.path.replace(/\{[^}]+\}/g, (m) => (m === "{year}" ? "2026" : m === "{number}" ? "1" : "zzzzzzzzzzzzzzzz"))}`;
        const res = await fetch(url, { method: method.toUpperCase() });
        expect(`${method} ${route.path} ${res.status}`).toBe(`${method} ${route.path} 401`);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
      }
    }
  });
});
