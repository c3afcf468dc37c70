/**
 * The OpenAPI 3.1 document of the API, generated from the operations' own zod schemas with zod's
 * `z.toJSONSchema` (JSON Schema 2020-12, the dialect of OpenAPI 3.1: no translation step, no extra
 * library): the schemas that validate a request are the ones the document shows.
 */
import * as z from "zod";
import { createTranslator } from "~/lib/i18n/translate";
import type { ApiOperation } from "./operation";
import { API_OPERATIONS } from "./operations.server";
import { PROBLEM_TYPES } from "./problem";

type JsonSchema = Record<string, unknown>;

export function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
  return rest;
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

function parameters(op: ApiOperation) {
  const out: unknown[] = [];
  for (const [where, schema] of [
    ["path", op.params],
    ["query", op.query],
  ] as const) {
    if (!schema) continue;
    const shape = (schema as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
    for (const [name, field] of Object.entries(shape)) {
      const fieldSchema = jsonSchema(field);
      const { description, ...rest } = fieldSchema;
      out.push({
        name,
        in: where,
        required: where === "path" || !isOptional(field),
        ...(description ? { description } : {}),
        schema: rest,
      });
    }
  }
  return out;
}

const ERROR_STATUSES = (op: ApiOperation) => [
  "400",
  "401",
  ...(op.scope !== "read" ? ["403"] : []),
  "404",
  ...(op.method === "GET" ? [] : ["409", "415", "422"]),
  "429",
];

export function apiPath(op: ApiOperation): string {
  return `/api/v1${op.path}`;
}

/** The document, with its prose in English (the reference page reads it in the reader's language). */
export function openApiDocument(origin: string) {
  const { t } = createTranslator("en");
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    const path = (paths[apiPath(op)] ??= {});
    path[op.method.toLowerCase()] = {
      operationId: op.id,
      summary: t(op.summary),
      tags: [op.tag],
      security: [{ bearerToken: [op.scope] }],
      parameters: parameters(op),
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(op.body) } } } }
        : {}),
      responses: {
        [String(op.status ?? 200)]: {
          description: t(op.summary),
          content: { "application/json": { schema: jsonSchema(op.response, "output") } },
        },
        ...Object.fromEntries(ERROR_STATUSES(op).map((s) => [s, { $ref: `#/components/responses/Problem${s}` }])),
      },
    };
  }
  const problemSchema = {
    type: "object",
    required: ["type", "status", "title"],
    properties: {
      type: { type: "string", format: "uri-reference" },
      status: { type: "integer" },
      title: { type: "string" },
      detail: { type: "string" },
      errors: {
        type: "array",
        items: {
          type: "object",
          required: ["path", "code", "detail"],
          properties: { path: { type: "string" }, code: { type: "string" }, detail: { type: "string" } },
        },
      },
      currentVersion: { type: "integer", description: "409: the record's version now." },
      retryAfter: { type: "integer", description: "429: seconds to wait (also the Retry-After header)." },
    },
  };
  const statuses = [...new Set(API_OPERATIONS.flatMap(ERROR_STATUSES))];
  return {
    openapi: "3.1.0",
    info: {
      title: "Charaka API",
      version: "1",
      description: t("api.doc.intro"),
    },
    servers: [{ url: origin }],
    tags: [...new Set(API_OPERATIONS.map((o) => o.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: t("api.doc.auth") },
      },
      schemas: { Problem: problemSchema },
      responses: Object.fromEntries(
        statuses.map((s) => {
          const kind = Object.values(PROBLEM_TYPES).find((p) => String(p.status) === s);
          return [
            `Problem${s}`,
            {
              description: kind?.title ?? s,
              content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
            },
          ];
        }),
      ),
    },
  };
}
