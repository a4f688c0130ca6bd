/**
 * /money and /detect: follow the money (a trace from an account, wallet or transfer, under a taint model),
 * save a trace to a case, and run the laundering-typology detectors. Everything acts on the caller's ledger:
 * payments and transfers the caller may not see are not in it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { detectInStore, type DetectRequest } from '../../detect/alerts/detect-store.ts';
import { DETECTORS } from '../../detect/registry.ts';
import { saveTrace } from '../../money/views/save-trace.ts';
import { traceInStore, type TraceRequest } from '../../money/views/trace-view.ts';
import { errorResponses } from '../schemas.ts';

const open = { type: 'object', additionalProperties: true } as const;
const str = { type: 'string' } as const;
const DECIMAL = { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?$', maxLength: 60 } as const;
const ISO = { type: 'string', minLength: 4, maxLength: 40 } as const;

const TRACE_FIELDS = {
  from: { type: 'string', minLength: 1, maxLength: 256, description: 'entity id of an account, wallet, payment, crypto transfer or UTXO transaction' },
  direction: { type: 'string', enum: ['forward', 'backward'], default: 'forward' },
  model: { type: 'string', enum: ['fifo', 'haircut', 'poison'], default: 'fifo' },
  maxHops: { type: 'integer', minimum: 1, maximum: 64, default: 6 },
  minAmount: { ...DECIMAL, description: 'do not follow traced amounts below this (in the traced currency)' },
  at: { ...ISO, description: 'for an account or wallet: the money of interest leaves it at or after this time' },
  amount: { ...DECIMAL, description: 'for an account or wallet: that much of it' },
  stopAtServices: { type: 'boolean', default: true },
  stopCategories: { type: 'array', maxItems: 20, items: { type: 'string', maxLength: 60 } },
  since: ISO,
  until: ISO,
  currency: { type: 'string', maxLength: 10 },
  datasets: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
  rates: {
    type: 'object',
    additionalProperties: false,
    required: ['reference', 'values'],
    description: 'for the summary only: the value of one unit of each currency in the reference currency',
    properties: {
      reference: { type: 'string', maxLength: 10 },
      values: { type: 'object', maxProperties: 500, additionalProperties: { type: 'number', exclusiveMinimum: 0 } },
    },
  },
} as const;

export const TRACE_VIEW = {
  type: 'object',
  required: ['source', 'model', 'direction', 'currency', 'totals', 'flows', 'endpoints', 'cashOut', 'paths'],
  properties: {
    source: open,
    model: str,
    direction: str,
    citation: str,
    params: open,
    currency: str,
    totals: open,
    flows: { type: 'array', items: open },
    flowCount: { type: 'integer' },
    endpoints: { type: 'array', items: open },
    endpointCount: { type: 'integer' },
    cashOut: { type: 'array', items: open },
    paths: { type: 'array', items: open },
    notFollowed: { type: 'array', items: open },
    captions: open,
    summary: { ...open, nullable: true },
    rowsTraced: { type: 'integer' },
    nodesReached: { type: 'integer' },
  },
} as const;

type SaveBody = TraceRequest & { name: string; case?: string };

export const moneyRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: TraceRequest }>(
    '/money/trace',
    {
      schema: {
        tags: ['money'],
        summary: 'Trace money forward (where did it go?) or backward (where did it come from?) under FIFO, haircut or poison',
        description:
          'Time-respecting; stops at the hop limit, below the minimum amount, and at services (exchange, merchant, mixer, …): the cash-out points, with the recoverable amount. Amounts are exact decimal text; every endpoint lists the transfers behind its number.',
        body: { type: 'object', additionalProperties: false, required: ['from'], properties: TRACE_FIELDS },
        response: { 200: TRACE_VIEW, ...errorResponses },
      },
    },
    async (request) => {
      const { view } = await traceInStore(request.ctx, app.store, request.body);
      await app.store.appendAudit(request.ctx, {
        action: 'money.trace',
        target: request.body.from,
        detail: { model: view.model, direction: view.direction, endpoints: view.endpointCount },
      });
      return view;
    },
  );

  app.post<{ Body: SaveBody }>(
    '/money/traces',
    {
      schema: {
        tags: ['money'],
        summary: 'Run a trace and save it to a case as a link chart (the traced accounts and transfers, with the trace in its state)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['from', 'name'],
          properties: { ...TRACE_FIELDS, name: { type: 'string', minLength: 1, maxLength: 200 }, case: { type: 'string', maxLength: 100, default: '' } },
        },
        response: {
          201: {
            type: 'object',
            required: ['chart', 'trace'],
            properties: { chart: { type: 'object', properties: { id: str, name: str, case: str, owner: str } }, trace: TRACE_VIEW },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { name, case: kase, ...req } = request.body;
      const { view, result } = await traceInStore(request.ctx, app.store, req);
      const chart = await saveTrace(request.ctx, app.store, req, view, result, { name, case: kase ?? '' });
      reply.code(201);
      return { chart, trace: view };
    },
  );

  app.get(
    '/detect/detectors',
    {
      schema: {
        tags: ['detect'],
        summary: 'The typology detectors, each with its citation and parameters (defaults included)',
        response: { 200: { type: 'object', properties: { detectors: { type: 'array', items: open } } }, ...errorResponses },
      },
    },
    async () => ({ detectors: DETECTORS.map((d) => ({ name: d.name, typology: d.typology, citation: d.citation, params: d.params })) }),
  );

  app.post<{ Body: DetectRequest | undefined }>(
    '/detect/runs',
    {
      preValidation: async (req) => {
        req.body ??= {};
      },
      schema: {
        tags: ['detect'],
        summary: 'Run the typology detectors over the caller’s ledger; with save, the alerts go to the review queue',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            detectors: { type: 'array', maxItems: 50, items: { type: 'string', maxLength: 60 } },
            params: { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'number' } } },
            datasets: { type: 'array', maxItems: 100, items: { type: 'string', maxLength: 100 } },
            save: { type: 'boolean', default: false },
            compartment: { type: 'string', maxLength: 100 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              ledger: open,
              detectors: { type: 'array', items: open },
              dropped: { type: 'integer' },
              alerts: { type: 'array', items: open },
              saved: { ...open, nullable: true },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => detectInStore(request.ctx, app.store, request.body ?? {}),
  );
};
