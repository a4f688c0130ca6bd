/** /datasets: list, read (with counts of what the caller may see) and create or update (admins). */
import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../../errors.ts';
import type { DatasetInit } from '../../store/port.ts';
import { COMPARTMENT, DATASET_NAME, GRADING, HANDLING, TLP, errorResponses, ref } from '../schemas.ts';

interface NameParams {
  name: string;
}

const datasetAnswer = { type: 'object', required: ['dataset'], properties: { dataset: ref('Dataset') } } as const;

export const datasetRoutes: FastifyPluginAsync = async (app) => {
  app.get(
    '/datasets',
    {
      schema: {
        tags: ['datasets'],
        summary: 'All datasets',
        response: { 200: { type: 'object', required: ['datasets'], properties: { datasets: { type: 'array', items: ref('Dataset') } } }, ...errorResponses },
      },
    },
    async (request) => ({ datasets: await app.store.listDatasets(request.ctx) }),
  );

  app.get<{ Params: NameParams }>(
    '/datasets/:name',
    {
      schema: {
        tags: ['datasets'],
        summary: 'One dataset, with how many of its entities and statements the caller may see',
        params: { type: 'object', required: ['name'], properties: { name: DATASET_NAME } },
        response: {
          200: {
            type: 'object',
            required: ['dataset', 'counts'],
            properties: {
              dataset: ref('Dataset'),
              counts: { type: 'object', required: ['entities', 'statements'], properties: { entities: { type: 'integer' }, statements: { type: 'integer' } } },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { name } = request.params;
      const dataset = await app.store.getDataset(request.ctx, name);
      if (!dataset) throw new NotFoundError('dataset', name);
      const [entities, statements] = await Promise.all([
        app.store.countEntities(request.ctx, { datasets: [name] }),
        app.store.countStatements(request.ctx, { datasets: [name] }),
      ]);
      return { dataset, counts: { entities, statements } };
    },
  );

  app.post<{ Body: DatasetInit }>(
    '/datasets',
    {
      config: { admin: true },
      schema: {
        tags: ['datasets'],
        summary: 'Create a dataset, or update its title and defaults (admins)',
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: DATASET_NAME,
            title: { type: 'string', minLength: 1, maxLength: 200 },
            defaultGrading: GRADING,
            defaultCompartment: COMPARTMENT,
            defaultTlp: TLP,
            defaultHandling: HANDLING,
            defaultHandlingNote: { type: 'string', maxLength: 1000, description: 'the restriction text of H3' },
          },
        },
        response: { 200: datasetAnswer, 201: datasetAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const existed = (await app.store.getDataset(request.ctx, request.body.name)) !== null;
      const dataset = await app.store.upsertDataset(request.ctx, request.body);
      return reply.code(existed ? 200 : 201).send({ dataset });
    },
  );
};
