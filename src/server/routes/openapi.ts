/** GET /openapi.json: the OpenAPI 3 document of this API, generated from the routes' schemas. No authentication. */
import type { FastifyPluginAsync } from 'fastify';
import { errorResponses } from '../schemas.ts';

export const openapiRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/openapi.json',
    {
      config: { public: true },
      schema: {
        tags: ['meta'],
        summary: 'This API as an OpenAPI 3 document',
        security: [],
        response: { 200: { type: 'object', additionalProperties: true }, ...errorResponses },
      },
    },
    async () => app.swagger(),
  );
};
