import nodemailer from 'nodemailer';
import type { MailSender } from './notify.ts';

/** E-mail over SMTP (SMTP_URL, e.g. smtps://user:pass@mail.example.cn:465), when configured. */
export function smtpSender(url: string, from: string): MailSender {
  const transport = nodemailer.createTransport(url);
  return { async send(to, subject, text) { await transport.sendMail({ from, to, subject, text }); } };
}
