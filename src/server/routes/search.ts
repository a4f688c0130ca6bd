/** GET /search: typo-tolerant search over names and identifiers, within what the caller may see. */
import type { FastifyPluginAsync } from 'fastify';
import type { Model } from '../../model/schema.ts';
import { errorResponses, ref } from '../schemas.ts';

interface SearchQs {
  q: string;
  schema?: string[];
  dataset?: string[];
  limit: number;
  offset: number;
  fuzzy: boolean;
}

/**
 * Schema names with their descendants (asking for LegalEntity finds Persons and Companies too);
 * an unknown name is a CORVID_ERR_MODEL_UNKNOWN_SCHEMA error from the model.
 */
export function expandSchemata(model: Model, names: readonly string[] | undefined): string[] | undefined {
  if (!names || names.length === 0) return undefined;
  const out = new Set<string>();
  for (const name of names) {
    model.get(name);
    for (const d of model.descendants(name)) out.add(d);
  }
  return [...out].sort();
}

export const searchRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: SearchQs }>(
    '/search',
    {
      schema: {
        tags: ['entities'],
        summary: 'Search entities by name or identifier',
        querystring: {
          type: 'object',
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 500, description: 'the text to look for' },
            schema: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 20, description: 'only these schemata (and their descendants)' },
            dataset: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50, description: 'only these datasets' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 20 },
            offset: { type: 'integer', minimum: 0, maximum: 10_000, default: 0 },
            fuzzy: { type: 'boolean', default: true, description: 'typo-tolerant matching' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['results'],
            properties: {
              results: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['entity', 'score', 'matched'],
                  properties: { entity: ref('Entity'), score: { type: 'number' }, matched: { type: 'string', description: 'the value that matched best' } },
                },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { q, schema, dataset, limit, offset, fuzzy } = request.query;
      const schemata = expandSchemata(app.store.model, schema);
      const results = await app.store.search(request.ctx, {
        text: q,
        limit,
        offset,
        fuzzy,
        ...(schemata ? { schemata } : {}),
        ...(dataset && dataset.length > 0 ? { datasets: dataset } : {}),
      });
      return { results };
    },
  );
};
