import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpEmailAdapter } from '../../src/auth/smtp-email.js';

/** The production adapter against a real SMTP server listening on loopback. */
let server: SMTPServer;
let port: number;
const received: { to: string[]; body: string }[] = [];

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let body = '';
      stream.on('data', (c: Buffer) => (body += c.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SMTP e-mail adapter', () => {
  it('delivers a password-reset link through the relay', async () => {
    const mail = smtpEmailAdapter(`smtp://127.0.0.1:${port}`, 'Rilancio <no-reply@rilancio.example.org>');
    await mail.send({
      to: 'anna@desk.example.org',
      subject: 'Reset',
      text: 'https://rilancio.example.org/reset-password?token=abc',
    });
    mail.close();
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['anna@desk.example.org']);
    expect(received[0]!.body).toContain('reset-password?token=abc');
  });
});
