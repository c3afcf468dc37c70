/**
 * A real SMTP server on a free local port (smtp-server), recording what it receives; `refuse` makes
 * it reject every message, as a full mailbox or a server in trouble would. `transport()` is a
 * nodemailer transport pointed at it.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  subject: string;
  body: string;
  messageId: string;
}

export interface TestSmtpServer {
  received: ReceivedMail[];
  refuse: boolean;
  /** Its port on 127.0.0.1 (e.g. for a server's SMTP_URL). */
  port: number;
  transport(): Transporter;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const state = { received: [] as ReceivedMail[], refuse: false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        if (state.refuse) return callback(new Error("mailbox unavailable"));
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(raw)?.[1] ?? "";
        state.received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: header("Subject"),
          body: raw,
          messageId: header("Message-ID"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return Object.assign(state, {
    port,
    transport: () => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** The text of a received single-part message, decoded (nodemailer sends non-ASCII text as base64 or quoted-printable). */
export function mailText(mail: ReceivedMail): string {
  const [head = "", ...rest] = mail.body.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n").replace(/\r?\n\.\r?\n?$/, "");
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable")
    return Buffer.from(
      body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  return body;
}
