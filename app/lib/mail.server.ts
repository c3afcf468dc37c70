/** Outgoing mail through nodemailer, configured by SMTP_URL; none when it is unset (emails wait in the outbox). */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "./env.server";

let cached: Transporter | null | undefined;

export function mailTransport(): Transporter | null {
  if (cached === undefined) cached = env().SMTP_URL ? nodemailer.createTransport(env().SMTP_URL) : null;
  return cached;
}
