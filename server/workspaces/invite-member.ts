import type { Role } from "@/generated/prisma/enums";
import type { Db } from "@/server/db";
import { createInvitation, invitationUrl } from "./invitations";
import { sendInvitationEmail } from "./mailer";
import { logger } from "@/server/log";

const log = logger("mail");

/** Where invitation links point and how they are mailed (no SMTP: the link is only shown). */
export interface InvitationDelivery {
  baseUrl: string;
  smtp: { url: string; from: string } | null;
}

/**
 * Creates the invitation and e-mails its link when SMTP is configured. The link is returned
 * either way and shown to the inviter, so a mail failure loses nothing: it is logged and
 * reported as `emailed: false`.
 */
export async function inviteMember(
  db: Db,
  input: { workspaceId: string; actorId: string; actorRole: Role; email: string; role: Role; workspaceName: string; inviterName: string },
  delivery: InvitationDelivery,
) {
  const { invitation, token } = await createInvitation(db, input);
  const link = invitationUrl(delivery.baseUrl, token);
  let emailed = false;
  if (delivery.smtp) {
    emailed = await sendInvitationEmail(delivery.smtp, {
      to: input.email,
      workspaceName: input.workspaceName,
      inviterName: input.inviterName,
      link,
    }).then(
      () => true,
      (err: unknown) => (log.error("invitation not sent", { err }), false),
    );
  }
  return { invitation, link, emailed };
}
