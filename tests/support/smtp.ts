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
    transport: () => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
