import nodemailer from "nodemailer";

/** Sends the invitation link by email when SMTP is configured; the link is always shown to the inviter too. */
export async function sendInvitationEmail(
  smtp: { url: string; from: string },
  msg: { to: string; workspaceName: string; inviterName: string; link: string },
) {
  const transport = nodemailer.createTransport(smtp.url);
  await transport.sendMail({
    from: smtp.from,
    to: msg.to,
    subject: `${msg.inviterName} invited you to ${msg.workspaceName} on VentureLens`,
    text: `${msg.inviterName} invited you to join “${msg.workspaceName}” on VentureLens.\n\nAccept: ${msg.link}\n\nThe link expires in 7 days.`,
  });
}
