import type { FastifyBaseLogger } from 'fastify';
import type { EmailPort } from './auth.service.js';

/**
 * The e-mail adapter for development and the embedded demo: the message (a reset link) goes to the log.
 * A deployment plugs its SMTP or API adapter in behind the same port.
 */
export function logEmailAdapter(log: Pick<FastifyBaseLogger, 'info'>): EmailPort {
  return {
    async send(message) {
      log.info({ subject: message.subject, link: message.text }, 'e-mail (development: not sent)');
    },
  };
}
