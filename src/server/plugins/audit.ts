/** `app.audit(ctx, event)`: the routes' way into the hash-chained audit log, as the caller's actor. */
import type { FastifyPluginAsync } from 'fastify';
import type { Context } from '../../model/context.ts';
import type { AuditEvent } from '../../store/port.ts';
import { shared } from './shared.ts';

/**
 * Audits what only the server sees (log-ins and failed log-ins). Reads, dataset changes, users, tokens
 * and imports are audited by the store and the pipeline themselves, so routes do not write those twice. An audit
 * failure fails the request: an action that cannot be recorded must not appear to have succeeded.
 */
export const auditPlugin: FastifyPluginAsync = shared(async (app) => {
  app.decorate('audit', async function audit(ctx: Context, event: AuditEvent): Promise<void> {
    await app.store.appendAudit(ctx, event);
  });
});
