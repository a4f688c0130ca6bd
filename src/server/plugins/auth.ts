/**
 * Authentication for the scope that registers it (/api/v1): a bearer token on every route not marked
 * `config: { public: true }`, the caller's Context on the request, and `config: { admin: true }` checks.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { AuthError } from '../../errors.ts';
import { makeContext, type Context } from '../../model/context.ts';
import { contextForUser, userForToken } from '../auth.ts';
import { shared } from './shared.ts';

const BEARER_RE = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** A signal that fires when the client goes away before the answer is complete. */
function requestSignal(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort('the client closed the connection');
  });
  return controller.signal;
}

async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const signal = requestSignal(reply);
  const config = request.routeOptions.config;
  if (config.public) {
    request.ctx = makeContext({ actor: 'anonymous', compartments: [], tlpCeiling: 'CLEAR', roles: [], signal });
    return;
  }
  const header = request.headers.authorization;
  if (!header) throw new AuthError('CORVID_ERR_AUTH_REQUIRED', 'authentication required: send Authorization: Bearer <token>');
  const m = BEARER_RE.exec(header);
  if (!m?.[1]) throw new AuthError('CORVID_ERR_AUTH_INVALID', 'malformed Authorization header: expected Bearer <token>');
  const { user, tokenHash } = await userForToken(request.server.store, m[1]);
  request.user = user;
  request.tokenHash = tokenHash;
  request.ctx = contextForUser(user, signal);
  if (config.admin && !user.roles.includes('admin')) throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', 'this needs the admin role');
}

export const authPlugin: FastifyPluginAsync = shared(async (app) => {
  // Set by the hook before any handler runs; null only marks the slot (Fastify wants no shared objects here).
  app.decorateRequest('ctx', null as unknown as Context);
  app.decorateRequest('user', null);
  app.decorateRequest('tokenHash', null);
  app.addHook('onRequest', authenticate);
});
