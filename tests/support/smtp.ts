/**
 * A real SMTP server on a free local port (smtp-server), recording what it receives; `refuse` makes
 * it reject every message, as a full mailbox or a server in trouble would. `transport()` is a
 * nodemailer transport pointed at it.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  /** The Subject header as it travelled (RFC 2047 encoded words for non-ASCII). */
  subject: string;
  /** The subject as a mail client shows it: encoded words decoded, nothing else changed. */
  subjectText: string;
  /** The whole message as received. */
  body: string;
  /** The text part as a mail client shows it: its transfer encoding undone. */
  text: string;
  messageId: string;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) decoded; the space between two of them dropped. */
export function decodeHeader(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([QqBb])\?([^?]*)\?=(?:\s+(?==\?))?/g,
    (_, _charset: string, encoding: string, data: string) =>
      (encoding.toUpperCase() === "B"
        ? Buffer.from(data, "base64")
        : Buffer.from(
            data
              .replace(/_/g, " ")
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            "latin1",
          )
      ).toString("utf8"),
  );
}

/** The body of a single-part message, its Content-Transfer-Encoding (quoted-printable, base64) undone. */
function decodeText(raw: string, headers: string): string {
  const body = raw.slice(raw.indexOf("\r\n\r\n") + 4).replace(/\r\n\.\r\n$/, "");
  const encoding = /^content-transfer-encoding: *(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable")
    return Buffer.from(
      body
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      "latin1",
    ).toString("utf8");
  return body;
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
        // Long headers are folded over several lines (RFC 5322): unfolded before they are read.
        const headers = raw.slice(0, raw.indexOf("\r\n\r\n")).replace(/\r?\n[ \t]+/g, " ");
        const header = (name: string) => new RegExp(`^${name}: (.*)$`, "mi").exec(headers)?.[1] ?? "";
        state.received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: header("Subject"),
          subjectText: decodeHeader(header("Subject")),
          body: raw,
          text: decodeText(raw, headers),
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
