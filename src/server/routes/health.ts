/** GET /health: is the server up, and which store does it use. No authentication. */
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../schemas.ts';

export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'Liveness and store kind',
        security: [],
        response: {
          200: { type: 'object', required: ['ok', 'store'], properties: { ok: { type: 'boolean' }, store: { type: 'string', enum: ['sqlite', 'postgres'] } } },
          ...errorResponses,
        },
      },
    },
    async () => ({ ok: true, store: app.store.kind }),
  );
};
