/** GET /entities/:id (an entity with every statement's provenance and its links) and GET /entities (a keyset-paged list). */
import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../../errors.ts';
import type { Entity } from '../../model/statement.ts';
import type { EntityFilter } from '../../store/port.ts';
import { errorResponses, ref } from '../schemas.ts';
import { expandSchemata } from './search.ts';

interface EntityParams {
  id: string;
}

interface EntityQs {
  links: number;
}

interface ListQs {
  dataset?: string[];
  schema?: string[];
  limit: number;
  after?: string;
}

const ENTITY_ID = { type: 'string', minLength: 1, maxLength: 256 } as const;

export const entityRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: EntityParams; Querystring: EntityQs }>(
    '/entities/:id',
    {
      schema: {
        tags: ['entities'],
        summary: 'One entity with its statements (provenance, grading, handling) and the entities that link to it',
        description: 'Answers 404 both for ids that do not exist and for entities the caller may not see.',
        params: { type: 'object', required: ['id'], properties: { id: ENTITY_ID } },
        querystring: { type: 'object', properties: { links: { type: 'integer', minimum: 0, maximum: 1000, default: 100, description: 'at most this many links' } } },
        response: {
          200: {
            type: 'object',
            required: ['id', 'schema', 'caption', 'properties', 'datasets', 'firstSeen', 'lastSeen', 'statements', 'links'],
            properties: {
              id: { type: 'string' },
              schema: { type: 'string' },
              caption: { type: 'string' },
              properties: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
              datasets: { type: 'array', items: { type: 'string' } },
              firstSeen: { type: 'string' },
              lastSeen: { type: 'string' },
              statements: { type: 'array', items: ref('Statement') },
              links: { type: 'array', items: ref('Link') },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      const entity = await app.store.getEntity(request.ctx, id);
      // Invisible and non-existent look the same, so the answer does not reveal that a hidden entity exists.
      if (!entity) throw new NotFoundError('entity', id);
      const links = request.query.links > 0 ? await app.store.getLinks(request.ctx, id, request.query.links) : [];
      return { ...entity, links };
    },
  );

  app.get<{ Querystring: ListQs }>(
    '/entities',
    {
      schema: {
        tags: ['entities'],
        summary: 'List entities in id order, a page at a time',
        description: 'Pass the `next` of one page as `after` to get the following page.',
        querystring: {
          type: 'object',
          properties: {
            dataset: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50 },
            schema: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 20, description: 'these schemata and their descendants' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            after: { ...ENTITY_ID, description: 'start after this entity id' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['entities', 'next'],
            properties: { entities: { type: 'array', items: ref('Entity') }, next: { type: ['string', 'null'], description: 'the `after` of the next page; null on the last' } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { dataset, schema, limit, after } = request.query;
      const schemata = expandSchemata(app.store.model, schema);
      const filter: EntityFilter = { ...(dataset && dataset.length > 0 ? { datasets: dataset } : {}), ...(schemata ? { schemata } : {}) };
      const entities: Entity[] = [];
      let more = false;
      // The port has no "after id" filter yet, so pages are cut from the ordered stream; leaving the
      // loop early ends the iterator, which releases the store's cursor.
      for await (const e of app.store.iterateEntities(request.ctx, filter)) {
        if (after !== undefined && e.id <= after) continue;
        if (entities.length === limit) {
          more = true;
          break;
        }
        entities.push(e);
      }
      return { entities, next: more ? (entities[entities.length - 1]?.id ?? null) : null };
    },
  );
};
