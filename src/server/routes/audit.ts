/** /audit (admins): read the hash-chained audit log a page at a time, and verify the chain. */
import type { FastifyPluginAsync } from 'fastify';
import type { AuditFilter } from '../../store/port.ts';
import { errorResponses, ref } from '../schemas.ts';

interface AuditQs {
  action?: string;
  actor?: string;
  target?: string;
  after?: number;
  limit: number;
}

export const auditRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: AuditQs }>(
    '/audit',
    {
      config: { admin: true },
      schema: {
        tags: ['audit'],
        summary: 'Audit records in sequence order (admins)',
        description: 'Pass the `next` of one page as `after` to get the following page.',
        querystring: {
          type: 'object',
          properties: {
            action: { type: 'string', maxLength: 100, description: 'e.g. auth.login, import.start, entity.read' },
            actor: { type: 'string', maxLength: 200 },
            target: { type: 'string', maxLength: 300 },
            after: { type: 'integer', minimum: 0, description: 'records after this sequence number' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['records', 'next'],
            properties: { records: { type: 'array', items: ref('AuditRecord') }, next: { type: ['integer', 'null'] } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { action, actor, target, after, limit } = request.query;
      const filter: AuditFilter = { limit, ...(action ? { action } : {}), ...(actor ? { actor } : {}), ...(target ? { target } : {}), ...(after !== undefined ? { afterSeq: after } : {}) };
      const records = await app.store.listAudit(request.ctx, filter);
      const last = records[records.length - 1];
      return { records, next: records.length === limit && last ? last.seq : null };
    },
  );

  app.get(
    '/audit/verify',
    {
      config: { admin: true },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain and report the first break (admins)',
        response: {
          200: {
            type: 'object',
            required: ['ok', 'checked'],
            properties: {
              ok: { type: 'boolean' },
              checked: { type: 'integer' },
              broken: { type: 'object', properties: { seq: { type: 'integer' }, reason: { type: 'string' } } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => app.store.verifyAudit(request.ctx),
  );
};
