import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import { SESSION_COOKIE, type AuthService } from '../../auth/auth.service.js';
import type { Limits } from '../../auth/limits.js';
import { errorResponses } from '../shared/schemas.js';

const tags = ['auth'];
const UserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  deskId: z.uuid().nullable(),
  firmId: z.uuid().nullable(),
  locale: z.string(),
});
const SessionSchema = z.object({ user: UserSchema, csrfToken: z.string().nullable() });
const PasswordSchema = z.string().min(12, 'at least 12 characters').max(200);

export function authRoutes(
  app: FastifyInstance,
  auth: AuthService,
  options: { secureCookies: boolean; limits: Limits },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  r.post(
    '/auth/sign-in',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: options.limits.signInPerMinute,
          timeWindow: '1 minute',
          keyGenerator: (req) => `signin:${req.ip}`,
        },
      },
      schema: {
        tags,
        body: z.strictObject({ email: z.email().max(254), password: z.string().min(1).max(200) }),
        response: { 200: SessionSchema, ...errorResponses, 429: errorResponses[400] },
      },
    },
    async (req, reply) => {
      const session = await auth.signIn(req.body.email, req.body.password, req.ip);
      reply.setCookie(SESSION_COOKIE, session.token, {
        httpOnly: true,
        secure: options.secureCookies,
        sameSite: 'lax',
        path: '/',
        expires: session.expiresAt,
      });
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );
  r.post(
    '/auth/sign-out',
    { config: { access: 'signed_in' }, schema: { tags, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await auth.signOut(principalOf(req));
      return clearCookie(reply).code(204).send(null);
    },
  );
  r.post(
    '/auth/sign-out-everywhere',
    { config: { access: 'signed_in' }, schema: { tags, response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      await auth.signOutEverywhere(principalOf(req));
      return clearCookie(reply).code(204).send(null);
    },
  );
  r.get(
    '/auth/me',
    {
      config: { access: 'signed_in' },
      schema: { tags, response: { 200: SessionSchema, ...errorResponses } },
    },
    (req) => auth.me(principalOf(req)),
  );
  r.post(
    '/auth/password-reset',
    {
      config: {
        access: 'public',
        rateLimit: { max: 5, timeWindow: '1 minute', keyGenerator: (req) => `reset:${req.ip}` },
      },
      schema: {
        tags,
        body: z.strictObject({ email: z.email().max(254) }),
        response: { 202: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.requestPasswordReset(req.body.email);
      return reply.code(202).send(null);
    },
  );
  r.post(
    '/auth/password-reset/confirm',
    {
      config: {
        access: 'public',
        rateLimit: { max: 10, timeWindow: '1 minute', keyGenerator: (req) => `reset:${req.ip}` },
      },
      schema: {
        tags,
        body: z.strictObject({ token: z.string().min(20).max(200), password: PasswordSchema }),
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await auth.resetPassword(req.body.token, req.body.password);
      return reply.code(204).send(null);
    },
  );
}
