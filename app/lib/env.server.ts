/** The process environment, validated once. Every setting is in the README's Configuration table. */
import * as z from "zod";
import { DEFAULT_SQLITE_CACHE_MB } from "../../db/sqlite";

const flagOn = (v: string) => ["1", "true", "yes", "on"].includes(v);

/** CHARAKA_DEMO: no demo seed; demo accounts usable from loopback only; or from anywhere. */
export type DemoMode = "off" | "local" | "public";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** How many processes serve HTTP; unset: one per core. 1: a single process does everything. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  /**
   * What each PDF worker does when it starts: "full" (the default) draws a throwaway agreement in French
   * and Arabic, so the first real PDF does not wait for the fonts and unoptimised code; "off" skips it
   * (test servers, started by the dozen, most drawing no PDF at all).
   */
  PDF_WARM_UP: z.enum(["full", "off"]).default("full"),
  DATABASE_PATH: z.string().min(1).default("./data/charaka.sqlite"),
  /**
   * PostgreSQL instead of the SQLite file, e.g. postgres://charaka:secret@localhost:5432/charaka.
   * Unset (the default): the SQLite file at DATABASE_PATH.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "must start with postgres:// or postgresql://" })
    .optional(),
  /** SQLite's page cache in MB; filled only as pages are read. */
  SQLITE_CACHE_MB: z.coerce.number().int().min(1).max(16_384).default(DEFAULT_SQLITE_CACHE_MB),
  /** Uploaded files (scans, stamps, evidence), outside public/: served only after an access check. */
  UPLOADS_PATH: z.string().min(1).default("./data/uploads"),
  /**
   * Seed demo organizations and accounts into an empty database ("1", the default) or not ("0").
   * Demo accounts sign in only from the server's own machine (loopback) unless it is "public".
   */
  CHARAKA_DEMO: z
    .enum(["0", "1", "true", "false", "yes", "no", "on", "off", "public"])
    .optional()
    .transform((v): DemoMode => (v === "public" ? "public" : v === undefined || flagOn(v) ? "local" : "off")),
  /**
   * Trust X-Forwarded-* headers from a reverse proxy (HTTPS detection, client IP).
   * "false" (default), "true", a hop count, or Express's "loopback"/subnet syntax.
   */
  TRUST_PROXY: z.string().default("false"),
  /**
   * The public base URL (https://charaka.example.org): every link that leaves the browser (emails,
   * invitations, PDFs' QR codes and verify links, calendar feeds) starts with it, never with the
   * request's Host header. Required when SMTP_URL is set; without either, http://localhost:PORT.
   */
  APP_URL: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL, e.g. https://charaka.example.org" })
    .optional(),
  /**
   * The key that seals the audit log (HMAC-SHA-256, 64 hex digits). Unset: generated on first start and
   * kept in `audit-key` beside the SQLite file (AUDIT_KEY_PATH). With PostgreSQL and several machines, set
   * the same value on each.
   */
  AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, { error: "must be 64 hexadecimal digits (openssl rand -hex 32)" })
    .optional(),
  /** Where the generated audit key is kept when AUDIT_KEY is unset; default: beside the database. */
  AUDIT_KEY_PATH: z.string().min(1).optional(),
  /** What the log (JSON lines on standard output, app/lib/log.server.ts) keeps: silent < error < warn < info < debug. */
  LOG_LEVEL: z.enum(["silent", "error", "warn", "info", "debug"]).default("info"),
  /** Outgoing mail, e.g. smtp://user:pass@mail.example.org:587; without it emails wait in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: "must start with smtp:// or smtps://" })
    .optional(),
  /** The sender of notification emails. */
  MAIL_FROM: z.string().min(3).default("Charaka <no-reply@charaka.invalid>"),
  /** Requests an API token may make per minute; past it the API answers 429 with Retry-After. */
  API_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  /**
   * Webhooks to private, loopback, link-local and unique-local addresses, and over plain HTTP: refused
   * (server-side request forgery) unless "1". For tests and a local receiver only.
   */
  WEBHOOK_ALLOW_PRIVATE: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  /** "1": OpenID providers may be reached over plain HTTP (a provider on the same machine; tests). */
  OIDC_ALLOW_HTTP: z
    .enum(["0", "1"])
    .default("0")
    .transform((v) => v === "1"),
  /** How often queued webhooks are sent (seconds). */
  WEBHOOK_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  /** Where `npm run backup`, scheduled and pre-migration backups are written. */
  BACKUP_PATH: z.string().min(1).default("./data/backups"),
  /** Take a backup every so many hours while the server runs; unset or 0: no scheduled backup. */
  BACKUP_INTERVAL_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 366)
    .default(0),
  /** How many backups to keep in BACKUP_PATH when a scheduled backup prunes (oldest go first). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
  /**
   * TEST ONLY: when set, SIGUSR1 lets the database grow by only this many more pages (then writes
   * fail with SQLITE_FULL as on a full disk) and SIGUSR2 lifts the limit ("space returns").
   * Never set it in production.
   */
  CHARAKA_TEST_MAX_PAGE_COUNT: z.coerce.number().int().min(0).optional(),
  /** TEST ONLY: when set, SIGHUP raises an uncaught exception or an unhandled rejection. Never in production. */
  CHARAKA_TEST_CRASH: z.enum(["exception", "rejection"]).optional(),
});

export type Env = z.infer<typeof EnvSchema>;

const CheckedEnvSchema = EnvSchema.superRefine((value, ctx) => {
  if (value.SMTP_URL && !value.APP_URL)
    ctx.addIssue({
      code: "custom",
      path: ["APP_URL"],
      message:
        "required when SMTP_URL is set: links in emails must be absolute (set the public address, e.g. APP_URL=https://charaka.example.org)",
    });
});

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    const parsed = CheckedEnvSchema.safeParse(process.env);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/**
 * The origin every absolute link starts with (no trailing slash): APP_URL, or for a local install
 * without email http://localhost:PORT. Never the request's Host header, which the client chooses.
 */
export function appOrigin(): string {
  const { APP_URL, PORT } = env();
  return APP_URL ? APP_URL.replace(/\/+$/, "") : `http://localhost:${PORT}`;
}

/** Express's "trust proxy" value from TRUST_PROXY. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === "true") return true;
  if (value === "false" || value === "") return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
