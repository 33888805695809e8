import type { Transporter } from 'nodemailer';
import type { MailSender } from './notify.ts';

/**
 * E-mail over SMTP (SMTP_URL, e.g. smtps://user:pass@mail.example.cn:465), when configured.
 * nodemailer loads with the first mail, not at every start.
 */
export function smtpSender(url: string, from: string): MailSender {
  let transport: Promise<Transporter> | undefined;
  return {
    async send(to, subject, text) {
      transport ??= import('nodemailer').then((m) => m.default.createTransport(url));
      await (await transport).sendMail({ from, to, subject, text });
    },
  };
}
