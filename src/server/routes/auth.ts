/** /auth: log in with name and password for a session token, create API tokens, see who you are, log out. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { AuthError, isCorvidError } from '../../errors.ts';
import { makeContext } from '../../model/context.ts';
import type { User } from '../../store/port.ts';
import { checkLogin, contextForUser, issueToken } from '../auth.ts';
import { LoginThrottle } from '../login-throttle.ts';
import { errorResponses, ref } from '../schemas.ts';
import type { PublicUser } from '../types.ts';

interface LoginBody {
  name: string;
  password: string;
}

interface TokenBody {
  label: string;
  expiresInDays?: number;
}

export function publicUser(u: User): PublicUser {
  return { name: u.name, roles: u.roles, compartments: u.compartments, tlpCeiling: u.tlpCeiling };
}

/** The authenticated user; the auth hook guarantees one on every non-public route. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new AuthError('CORVID_ERR_AUTH_REQUIRED', 'authentication required');
  return request.user;
}

const tokenAnswer = {
  type: 'object',
  required: ['token', 'label', 'expiresAt'],
  properties: {
    token: { type: 'string', description: 'shown once: send it as Authorization: Bearer <token>' },
    label: { type: 'string' },
    expiresAt: { type: ['string', 'null'] },
  },
} as const;

export const authRoutes: FastifyPluginAsync = async (app) => {
  const throttle = new LoginThrottle();

  app.post<{ Body: LoginBody }>(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Log in with name and password; answers a session token',
        security: [],
        body: {
          type: 'object',
          required: ['name', 'password'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 128 }, password: { type: 'string', minLength: 1, maxLength: 1024 } },
        },
        response: {
          200: { type: 'object', required: ['token', 'expiresAt', 'user'], properties: { token: { type: 'string' }, expiresAt: { type: 'string' }, user: ref('User') } },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { name, password } = request.body;
      throttle.check(request.ip, name);
      let user: User;
      try {
        user = await checkLogin(app.store, name, password);
      } catch (err) {
        if (isCorvidError(err) && err.code === 'CORVID_ERR_AUTH_INVALID') {
          throttle.fail(request.ip, name);
          await app.audit(makeContext({ actor: 'anonymous' }), { action: 'auth.login.fail', target: name, detail: { ip: request.ip } });
        }
        throw err;
      }
      throttle.succeed(request.ip, name);
      const ctx = contextForUser(user);
      const expiresAt = new Date(Date.now() + app.corvid.sessionSeconds * 1000).toISOString();
      const token = await issueToken(app.store, ctx, user.name, 'session', expiresAt);
      await app.audit(ctx, { action: 'auth.login', target: user.name, detail: { ip: request.ip, expiresAt } });
      return { token, expiresAt, user: publicUser(user) };
    },
  );

  app.post<{ Body: TokenBody }>(
    '/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create a named API token for yourself (shown once)',
        body: {
          type: 'object',
          required: ['label'],
          additionalProperties: false,
          properties: { label: { type: 'string', minLength: 1, maxLength: 100 }, expiresInDays: { type: 'integer', minimum: 1, maximum: 3650 } },
        },
        response: { 201: tokenAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const { label, expiresInDays } = request.body;
      const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000).toISOString() : null;
      // The store audits token.create itself.
      const token = await issueToken(app.store, request.ctx, user.name, label, expiresAt);
      return reply.code(201).send({ token, label, expiresAt });
    },
  );

  app.get(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'The authenticated user',
        response: { 200: { type: 'object', required: ['user'], properties: { user: ref('User') } }, ...errorResponses },
      },
    },
    async (request) => ({ user: publicUser(currentUser(request)) }),
  );

  app.post(
    '/auth/logout',
    {
      schema: { tags: ['auth'], summary: 'Revoke the token this request was made with', response: { 204: { type: 'null', description: 'revoked' }, ...errorResponses } },
    },
    async (request, reply) => {
      if (request.tokenHash) await app.store.revokeToken(request.ctx, request.tokenHash);
      return reply.code(204).send();
    },
  );
};
