/**
 * The API's readable reference (`/api/v1/docs`): one HTML page rendered on the server from the
 * OpenAPI document itself (openApiDocument), so the page, the document and the request checks cannot
 * disagree. Each operation with its method, path, scope, parameters, body fields and responses; then
 * the problem types, whose `type` URIs point here. No script, no external resource: a developer
 * page in English, like the document's prose, public like the document (a problem's `type` link
 * must open without signing in).
 */
import type { openApiDocument } from "./openapi.server";
import { PROBLEM_TYPES, type ProblemType } from "./problem";

type Schema = Record<string, unknown>;
type Doc = ReturnType<typeof openApiDocument>;

interface Operation {
  operationId: string;
  summary: string;
  tags: string[];
  security: Array<{ bearerToken: string[] }>;
  parameters: Array<{ name: string; in: string; required: boolean; description?: string; schema: Schema }>;
  requestBody?: { content: { "application/json": { schema: Schema } } };
  responses: Record<
    string,
    { description?: string; content?: { "application/json": { schema: Schema } } } | { $ref: string }
  >;
}

/** What each problem type means, for the section its `type` URI opens. */
const PROBLEM_TEXT: Record<ProblemType, string> = {
  unauthorized: "The token is missing, unknown, revoked or expired. Create a new one on the integrations page.",
  forbidden:
    "The token's access does not include this operation's scope (a read-only token writing, or a payment without the payments scope).",
  not_found: "No such record, or one the token's organization may not see: both answer the same.",
  conflict:
    "Someone saved the record since you read it. `currentVersion` is its version now: read it again, then retry.",
  unsupported_media_type: "A write's body must be JSON, with `Content-Type: application/json`.",
  invalid:
    "The query or body is refused by the form's rules; `errors` lists each field's `path`, a stable `code` and a `detail` in the request's language.",
  rule: "A rule of the agreement refused the change (not in force, a tranche not due yet…); `errors` lists every reason.",
  rate_limited: "Too many requests for this token this minute: wait `retryAfter` seconds (the `Retry-After` header).",
};

const escape = (s: unknown) =>
  String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** `code` spans for backticked words of a description. */
const prose = (s: string) => escape(s).replace(/`([^`]+)`/g, "<code>$1</code>");

/** A schema's type in a few words: "string (date-time)", "integer | null", "one of: a, b", "array of object". */
export function typeLabel(schema: Schema): string {
  if (Array.isArray(schema.enum))
    return `one of: ${(schema.enum as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  if ("const" in schema) return JSON.stringify(schema.const);
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants) return variants.map(typeLabel).join(" | ");
  const type = Array.isArray(schema.type) ? (schema.type as string[]).join(" | ") : (schema.type as string | undefined);
  if (type === "array") return `array of ${typeLabel((schema.items as Schema) ?? {})}`;
  if (type === "object" && schema.additionalProperties && typeof schema.additionalProperties === "object")
    return `object of ${typeLabel(schema.additionalProperties as Schema)}`;
  const details = [schema.format, schema.pattern ? `pattern ${String(schema.pattern)}` : null].filter(Boolean);
  return `${type ?? "any"}${details.length ? ` (${details.join(", ")})` : ""}`;
}

function describe(schema: Schema): string {
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  const description =
    (schema.description as string | undefined) ?? variants?.map((v) => v.description).find(Boolean) ?? "";
  const limits = [
    schema.minLength !== undefined ? `min length ${String(schema.minLength)}` : null,
    schema.maxLength !== undefined ? `max length ${String(schema.maxLength)}` : null,
    schema.minimum !== undefined ? `≥ ${String(schema.minimum)}` : null,
    schema.maximum !== undefined ? `≤ ${String(schema.maximum)}` : null,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : null,
  ].filter(Boolean);
  return [prose(String(description)), limits.length ? `<span class="muted">${escape(limits.join(", "))}</span>` : ""]
    .filter(Boolean)
    .join(" ");
}

/** The fields of an object schema (and of a page's records, one level down), as table rows. */
function fieldRows(schema: Schema, prefix = ""): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([name, field]) => {
    const path = `${prefix}${name}`;
    const row = `<tr><td><code>${escape(path)}</code></td><td>${escape(typeLabel(field))}</td><td>${
      required.has(name) ? "yes" : "no"
    }</td><td>${describe(field)}</td></tr>`;
    const items = field.type === "array" ? (field.items as Schema | undefined) : undefined;
    const nested = items?.properties
      ? fieldRows(items, `${path}[].`)
      : field.properties
        ? fieldRows(field, `${path}.`)
        : [];
    return [row, ...nested];
  });
}

function fieldsTable(rows: string[]): string {
  if (!rows.length) return `<p class="muted">No fields.</p>`;
  return `<table><thead><tr><th>field</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>${rows.join(
    "",
  )}</tbody></table>`;
}

function operationSection(path: string, method: string, op: Operation): string {
  const scope = op.security[0]?.bearerToken[0] ?? "read";
  const params = op.parameters.length
    ? `<table><thead><tr><th>name</th><th>in</th><th>type</th><th>required</th><th>description</th></tr></thead><tbody>${op.parameters
        .map(
          (p) =>
            `<tr><td><code>${escape(p.name)}</code></td><td>${escape(p.in)}</td><td>${escape(typeLabel(p.schema))}</td><td>${
              p.required ? "yes" : "no"
            }</td><td>${describe({ ...p.schema, description: p.description ?? p.schema.description })}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="muted">None.</p>`;
  const body = op.requestBody
    ? `<h4>Body (<code>application/json</code>)</h4>${fieldsTable(fieldRows(op.requestBody.content["application/json"].schema))}`
    : "";
  const responses = Object.entries(op.responses)
    .map(([status, r]) => {
      if ("$ref" in r) {
        const kind = Object.entries(PROBLEM_TYPES).find(([, p]) => String(p.status) === status);
        return `<li><code>${escape(status)}</code> ${
          kind ? `<a href="#problem-${escape(kind[0])}">${escape(kind[1].title)}</a>` : ""
        } <span class="muted">(problem details)</span></li>`;
      }
      const schema = r.content?.["application/json"].schema;
      return `<li><code>${escape(status)}</code> ${escape(r.description ?? "")}${
        schema ? fieldsTable(fieldRows(schema)) : ""
      }</li>`;
    })
    .join("");
  return `<section class="op" id="${escape(op.operationId)}">
<h3><span class="method ${escape(method)}">${escape(method.toUpperCase())}</span> <code>${escape(path)}</code></h3>
<p>${escape(op.summary)} · scope <code>${escape(scope)}</code> · <code>${escape(op.operationId)}</code></p>
<h4>Parameters</h4>${params}${body}
<h4>Responses</h4><ul class="responses">${responses}</ul>
</section>`;
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#0f172a;margin:0;background:#f8fafc}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}h2{margin-top:2rem;border-bottom:1px solid #cbd5e1}h3{font-size:1.05rem;margin:0 0 .25rem;overflow-wrap:anywhere}
h4{margin:.75rem 0 .25rem;font-size:.95rem}
code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;background:#e2e8f0;padding:0 .2rem;border-radius:3px;overflow-wrap:anywhere}
.op{background:#fff;border:1px solid #cbd5e1;border-radius:6px;padding:.75rem 1rem;margin:1rem 0}
.method{display:inline-block;min-width:3.5rem;text-align:center;border-radius:4px;color:#fff;font-size:.8rem;padding:.1rem .3rem}
.get{background:#0369a1}.post{background:#15803d}.patch{background:#b45309}
table{border-collapse:collapse;width:100%;display:block;overflow-x:auto;font-size:.9rem}
th,td{border:1px solid #e2e8f0;padding:.25rem .5rem;text-align:start;vertical-align:top}th{background:#f1f5f9}
.muted{color:#475569}.responses{padding-inline-start:1.2rem}a{color:#1d4ed8}
nav>ul{columns:2 22rem}nav li{break-inside:avoid}nav a{overflow-wrap:anywhere}
td:first-child code{white-space:nowrap;overflow-wrap:normal}td{min-width:4rem}
@media (max-width:40rem){main{padding:.5rem}.op{padding:.5rem}}
`;

/** The whole page. */
export function apiReferenceHtml(doc: Doc): string {
  const paths = doc.paths as Record<string, Record<string, Operation>>;
  const entries = Object.entries(paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  const tags = doc.tags.map((t) => t.name);
  const toc = tags
    .map(
      (tag) =>
        `<li><strong>${escape(tag)}</strong><ul>${entries
          .filter((e) => e.op.tags.includes(tag))
          .map(
            (e) =>
              `<li><a href="#${escape(e.op.operationId)}">${escape(e.method.toUpperCase())} ${escape(e.path)}</a></li>`,
          )
          .join("")}</ul></li>`,
    )
    .join("");
  const sections = tags
    .map(
      (tag) =>
        `<h2 id="tag-${escape(tag)}">${escape(tag)}</h2>${entries
          .filter((e) => e.op.tags.includes(tag))
          .map((e) => operationSection(e.path, e.method, e.op))
          .join("")}`,
    )
    .join("");
  const problems = (Object.keys(PROBLEM_TYPES) as ProblemType[])
    .map(
      (type) =>
        `<section class="op" id="problem-${type}"><h3><code>${PROBLEM_TYPES[type].status}</code> ${escape(
          PROBLEM_TYPES[type].title,
        )}</h3><p><code>type: /api/v1/docs#problem-${type}</code></p><p>${prose(PROBLEM_TEXT[type])}</p></section>`,
    )
    .join("");
  return `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)} reference</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escape(doc.info.title)} · version ${escape(doc.info.version)}</h1>
<p>${prose(doc.info.description)}</p>
<p>Authentication: a token of the organization (created on its integrations page), sent as <code>Authorization: Bearer chk_…</code>; its scope (<code>read</code>, <code>write</code>, <code>payments</code>) is named at each operation. Base URL: <code>${escape(
    doc.servers[0]?.url ?? "",
  )}</code>. Machine-readable: <a href="/api/v1/openapi.json">OpenAPI 3.1 document</a>.</p>
<p>Lists answer <code>{ "data": [...], "nextCursor": "…" }</code>: pass <code>cursor</code> for the next page (null on the last). Errors are RFC 9457 problem details (<code>application/problem+json</code>), described <a href="#problems">below</a>. Webhooks are described in the project's <code>docs/api.md</code>.</p>
<nav aria-label="Operations"><ul>${toc}<li><a href="#problems"><strong>problems</strong></a></li></ul></nav>
${sections}
<h2 id="problems">problems</h2>
${problems}
</main>
</body>
</html>`;
}
