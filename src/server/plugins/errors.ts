/** The one error handler: every failure leaves as `{ error: { code, message, details? } }` with its status. */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isCorvidError, type ErrorCode } from '../../errors.ts';
import { shared } from './shared.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

interface Mapped {
  status: number;
  body: ErrorBody;
}

function body(code: ErrorCode, message: string, details?: Record<string, unknown>): Mapped {
  return { status: ERROR_CODES[code], body: { error: details ? { code, message, details } : { code, message } } };
}

function isFastifyError(err: unknown): err is FastifyError {
  return err instanceof Error && ('statusCode' in err || 'validation' in err);
}

/**
 * Maps anything thrown to a coded answer. Corvid errors keep their code; Fastify's own client errors
 * (validation, body too large, wrong media type, bad JSON) become Corvid codes; anything else is a
 * 500 that says nothing about the internals (the log has them, under the request id).
 */
export function mapError(err: unknown, requestId: string): Mapped {
  if (isCorvidError(err)) return { status: err.status, body: { error: err.toJSON() } };
  if (isFastifyError(err)) {
    if (err.validation) {
      const issues = err.validation.map((v) => ({ path: v.instancePath, message: v.message ?? '', keyword: v.keyword, params: v.params }));
      return body('CORVID_ERR_VALIDATION', err.message, { part: err.validationContext ?? 'request', issues });
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return body('CORVID_ERR_PAYLOAD_TOO_LARGE', err.message);
    if (status === 415 || status === 406) return body('CORVID_ERR_UNSUPPORTED_MEDIA_TYPE', err.message);
    if (status === 404) return body('CORVID_ERR_NOT_FOUND', 'not found');
    // Fastify's and its plugins' client errors (bad JSON, empty body, malformed multipart) carry safe messages.
    if (status >= 400 && status < 500) return body('CORVID_ERR_VALIDATION', err.message);
  }
  return body('CORVID_ERR_INTERNAL', 'internal error', { requestId });
}

/** Sends the mapped error; 401s say how to authenticate. */
export function sendError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body: payload } = mapError(err, request.id);
  if (status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ code: payload.error.code }, 'request refused');
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="corvid"');
  return reply.code(status).type('application/json; charset=utf-8').send(payload);
}

/** Installs the error handler and the not-found handler on the scope that registers it (the root). */
export const errorsPlugin: FastifyPluginAsync = shared(async (app) => {
  app.setErrorHandler((err, request, reply) => sendError(err, request, reply));
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).type('application/json; charset=utf-8').send(body('CORVID_ERR_NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`).body);
  });
});
