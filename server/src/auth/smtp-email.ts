import nodemailer from 'nodemailer';
import type { EmailPort } from './auth.service.js';

/**
 * The production e-mail adapter: any SMTP relay, configured by one URL
 * (`smtp://user:pass@host:587`, or `smtps://` for implicit TLS), through nodemailer.
 */
export function smtpEmailAdapter(url: string, from: string): EmailPort & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text });
    },
    close: () => transport.close(),
  };
}
