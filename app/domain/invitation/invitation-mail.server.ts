/**
 * The invitation email: sent at once when SMTP is configured, never through the outbox, so that the
 * invitation's link (whose token is stored only as a hash) is never written in clear in the database.
 * The inviter is told whether it left; the link is shown to them either way, to hand over.
 */
import type { Transporter } from "nodemailer";
import type { Locale, MembershipRole } from "../../../db/schema";
import { translate } from "~/lib/i18n/translate";
import { log } from "~/lib/log.server";
import { sendMail } from "~/lib/mail.server";
import { INVITATION_VALID_DAYS } from "./invitation";

export interface InvitationEmail {
  to: string;
  link: string;
  organizationName: string;
  inviterName: string;
  role: MembershipRole;
  /** The inviter's language: the invitee has no account, hence no language of their own yet. */
  locale: Locale;
}

/** True once the SMTP server took the email; false (logged) when it refused it or could not be reached. */
export async function emailInvitation(mail: { transport: Transporter; from: string }, email: InvitationEmail) {
  const vars = {
    organization: email.organizationName,
    inviter: email.inviterName,
    role: translate(email.locale, `organization.role.${email.role}`),
    link: email.link,
    days: INVITATION_VALID_DAYS,
  };
  try {
    await sendMail(mail.transport, {
      from: mail.from,
      to: email.to,
      subject: translate(email.locale, "invitation.mail.subject", vars),
      text: translate(email.locale, "invitation.mail.body", vars),
    });
    return true;
  } catch (error) {
    log().error({ err: error, event: "invitation.email_failed" }, "sending an invitation email failed");
    return false;
  }
}
