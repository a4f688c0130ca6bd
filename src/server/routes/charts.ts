/**
 * /charts: saved link charts, each in a case. Members of the case see a chart; its owner (or an administrator)
 * replaces or deletes it; a personal chart (case '') is its owner's alone. The store checks and audits.
 */
import type { FastifyPluginAsync } from 'fastify';
import { NotFoundError } from '../../errors.ts';
import { MAX_STATE_BYTES } from '../../store/charts-input.ts';
import type { JsonValue } from '../../store/port.ts';
import { COMPARTMENT, errorResponses } from '../schemas.ts';
import { CHART, CHART_BODY, CHART_ID, CHART_SUMMARY } from './network-schemas.ts';

interface ListQs {
  case?: string;
  limit: number;
  offset: number;
}

interface ChartBody {
  name: string;
  case: string;
  state: JsonValue;
}

const ID_PARAMS = { type: 'object', required: ['id'], properties: { id: CHART_ID } } as const;

export const chartRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: ListQs }>(
    '/charts',
    {
      schema: {
        tags: ['charts'],
        summary: 'The charts the caller may see, most recently saved first (without their state)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            case: { ...COMPARTMENT, description: "only this case's charts ('' = your personal ones)" },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
        response: { 200: { type: 'array', items: CHART_SUMMARY }, ...errorResponses },
      },
    },
    async (request) => {
      const { case: kase, limit, offset } = request.query;
      return app.store.listCharts(request.ctx, { ...(kase !== undefined ? { case: kase } : {}), limit, offset });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/charts/:id',
    {
      schema: {
        tags: ['charts'],
        summary: 'One chart with its state',
        description: 'Answers 404 both for ids that do not exist and for charts the caller may not see.',
        params: ID_PARAMS,
        response: { 200: CHART, ...errorResponses },
      },
    },
    async (request) => {
      const chart = await app.store.getChart(request.ctx, request.params.id);
      if (!chart) throw new NotFoundError('chart', request.params.id);
      return chart;
    },
  );

  app.put<{ Params: { id: string }; Body: ChartBody }>(
    '/charts/:id',
    {
      // A big chart's state (20,000 link ids, positions) outgrows the API's 1 MB default; the store checks the state's own limit.
      bodyLimit: MAX_STATE_BYTES + 64 * 1024,
      schema: {
        tags: ['charts'],
        summary: 'Save a chart: create it, or replace your own; answers the chart',
        description: "You must be a member of the case (403). Another owner's chart is 403; a chart you may not see is 404. Audited (`chart.save`).",
        params: ID_PARAMS,
        body: CHART_BODY,
        response: { 200: CHART, ...errorResponses },
      },
    },
    async (request) => {
      const { name, case: kase, state } = request.body;
      return app.store.putChart(request.ctx, { id: request.params.id, name, case: kase, state });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/charts/:id',
    {
      schema: {
        tags: ['charts'],
        summary: 'Delete a chart (yours, or as an administrator); answers 204',
        description: 'Audited (`chart.delete`).',
        params: ID_PARAMS,
        response: { 204: { type: 'null', description: 'deleted' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      await app.store.deleteChart(request.ctx, request.params.id);
      return reply.code(204).send();
    },
  );
};
