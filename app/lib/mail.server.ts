/**
 * Outgoing mail through nodemailer, configured by SMTP_URL; none when it is unset (emails wait in the
 * outbox). Every email goes out through sendMail here, which keeps headers plain text.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server";

let cached: Transporter | null | undefined;

export function mailTransport(): Transporter | null {
  if (cached === undefined) cached = env().SMTP_URL ? nodemailer.createTransport(env().SMTP_URL) : null;
  return cached;
}

/**
 * Bidi controls and invisible format characters (ALM, ZWSP, LRM/RLM, embeddings and overrides,
 * word joiner and isolates, BOM). They order text on a page, in a PDF or an email's body, but a
 * header is one line shown by the mail client its own way: there they only show as boxes, garble
 * the subject when it is cut or searched, and count against the message in spam filters. ZWNJ and
 * ZWJ (U+200C/D) stay: they change how some scripts join letters.
 */
const HEADER_INVISIBLES = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** A header's text without invisible controls, on one line. */
export function headerText(value: string): string {
  return value.replace(HEADER_INVISIBLES, "").replace(/\s+/g, " ").trim();
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId?: string;
}

/** Sends one email, its headers plain text (headerText); the body is kept as written. */
export function sendMail(transport: Transporter, mail: OutgoingMail) {
  return transport.sendMail({
    ...mail,
    from: headerText(mail.from),
    to: headerText(mail.to),
    subject: headerText(mail.subject),
  });
}
