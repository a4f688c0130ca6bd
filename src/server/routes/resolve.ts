/**
 * /resolve: entity resolution over HTTP — run it, work the review queue, judge any pair, undo, and read
 * the canonical group of an entity. Everything acts in the caller's Context: pairs involving an entity
 * the caller may not see do not exist for them. The store and the resolver audit what they write.
 */
import type { FastifyPluginAsync } from 'fastify';
import { groupOf, summarizeRun } from '../../resolve/views.ts';
import { ValidationError } from '../../errors.ts';
import { decide, parseVerdict, reviewQueue, undo } from '../../resolve/review.ts';
import { resolveStore } from '../../resolve/run.ts';
import type { JudgementFilter } from '../../store/port.ts';
import { errorResponses } from '../schemas.ts';
import { ENTITY_ID, GROUP_VIEW, JUDGEMENT, REASON, REVIEW_ITEM, RUN_SUMMARY, UNDO_RESULT, VERDICT_IN, judgementAnswer } from './resolve-schemas.ts';

interface RunBody {
  full?: boolean;
  retrain?: boolean;
  threshold?: number;
  reviewFrom?: number;
}

interface DecisionBody {
  verdict: string;
  reason?: string;
}

interface PairBody extends DecisionBody {
  left: string;
  right: string;
}

interface UndoBody {
  judgement?: number;
  run?: string;
  reason?: string;
}

interface JudgementsQs {
  run?: string;
  entity?: string;
  active?: boolean;
  limit: number;
  after?: number;
}

const P = { type: 'number', minimum: 0, maximum: 1 } as const;
const RUN_ID = { type: 'string', minLength: 1, maxLength: 200 } as const;

export const resolveRoutes: FastifyPluginAsync = async (app) => {
  app.post<{ Body: RunBody | undefined }>(
    '/resolve/runs',
    {
      // A bare POST (no body, as curl -X POST sends it) means the defaults.
      preValidation: async (req) => {
        req.body ??= {};
      },
      schema: {
        tags: ['resolve'],
        summary: 'Run resolution now: merge sure pairs, queue uncertain ones for review; answers the run summary',
        description:
          'Runs synchronously over what the caller may see. Incremental unless `full`; the canonical map is not returned (see /resolve/entities/:id).',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            full: { type: 'boolean', description: 'compare everything and retrain' },
            retrain: { type: 'boolean', description: 'retrain the match models on an incremental run' },
            threshold: { ...P, description: 'merge at or above this probability (default 0.7)' },
            reviewFrom: { ...P, description: 'queue for review from this probability up to the threshold (default 0.3)' },
          },
        },
        response: { 200: RUN_SUMMARY, ...errorResponses },
      },
    },
    async (request) => {
      const { full, retrain, threshold, reviewFrom } = request.body ?? {};
      if (threshold !== undefined && reviewFrom !== undefined && reviewFrom > threshold) {
        throw new ValidationError('CORVID_ERR_VALIDATION', 'reviewFrom must not be above threshold');
      }
      const result = await resolveStore(request.ctx, app.store, {
        ...(full ? { full } : {}),
        ...(retrain ? { retrain } : {}),
        ...(threshold !== undefined ? { threshold } : {}),
        ...(reviewFrom !== undefined ? { reviewFrom } : {}),
      });
      return summarizeRun(result);
    },
  );

  app.get<{ Querystring: { limit: number; offset: number } }>(
    '/resolve/review',
    {
      schema: {
        tags: ['resolve'],
        summary: 'The open review candidates, best first, each with both entities and the evidence',
        querystring: {
          type: 'object',
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 20 },
            offset: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 0 },
          },
        },
        response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: REVIEW_ITEM } } }, ...errorResponses },
      },
    },
    async (request) => ({ items: await reviewQueue(request.ctx, app.store, request.query) }),
  );

  app.post<{ Params: { id: number }; Body: DecisionBody }>(
    '/resolve/review/:id/decision',
    {
      schema: {
        tags: ['resolve'],
        summary: 'Decide a review candidate: same, different or unsure; answers the judgement (201)',
        description: 'A candidate that does not exist and one that involves an entity the caller may not see are both 404.',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
        body: { type: 'object', required: ['verdict'], additionalProperties: false, properties: { verdict: VERDICT_IN, reason: REASON } },
        response: { 201: judgementAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { verdict, reason } = request.body;
      const judgement = await decide(request.ctx, app.store, { candidate: request.params.id }, parseVerdict(verdict), reason ?? '');
      return reply.code(201).send({ judgement });
    },
  );

  app.post<{ Body: PairBody }>(
    '/resolve/judgements',
    {
      schema: {
        tags: ['resolve'],
        summary: 'Decide whether two entities are the same; answers the judgement (201)',
        body: {
          type: 'object',
          required: ['left', 'right', 'verdict'],
          additionalProperties: false,
          properties: { left: ENTITY_ID, right: ENTITY_ID, verdict: VERDICT_IN, reason: REASON },
        },
        response: { 201: judgementAnswer, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { left, right, verdict, reason } = request.body;
      const judgement = await decide(request.ctx, app.store, { left, right }, parseVerdict(verdict), reason ?? '');
      return reply.code(201).send({ judgement });
    },
  );

  app.get<{ Querystring: JudgementsQs }>(
    '/resolve/judgements',
    {
      schema: {
        tags: ['resolve'],
        summary: 'Judgements in id order, a page at a time',
        description: 'Pass the `next` of one page as `after`. `active=true`: in force; `active=false`: undone; absent: both.',
        querystring: {
          type: 'object',
          properties: {
            run: RUN_ID,
            entity: { ...ENTITY_ID, description: 'only judgements about this entity' },
            active: { type: 'boolean' },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
            after: { type: 'integer', minimum: 0, description: 'start after this judgement id' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['judgements', 'next'],
            properties: { judgements: { type: 'array', items: JUDGEMENT }, next: { type: ['integer', 'null'] } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { run, entity, active, limit, after } = request.query;
      const filter: JudgementFilter = {
        ...(run ? { run } : {}),
        ...(entity ? { entityIds: [entity] } : {}),
        ...(active !== undefined ? { active } : {}),
        ...(after !== undefined ? { afterId: after } : {}),
        limit: limit + 1,
      };
      const rows = await app.store.listJudgements(request.ctx, filter);
      const judgements = rows.slice(0, limit);
      return { judgements, next: rows.length > limit ? (judgements[judgements.length - 1]?.id ?? null) : null };
    },
  );

  app.post<{ Body: UndoBody | undefined }>(
    '/resolve/undo',
    {
      schema: {
        tags: ['resolve'],
        summary: 'Undo one judgement, or everything a run decided; answers what was retracted, reopened and withdrawn',
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { judgement: { type: 'integer', minimum: 1 }, run: RUN_ID, reason: REASON },
        },
        response: { 200: UNDO_RESULT, ...errorResponses },
      },
    },
    async (request) => {
      const { judgement, run, reason } = request.body ?? {};
      if ((judgement === undefined) === (run === undefined)) throw new ValidationError('CORVID_ERR_VALIDATION', 'give exactly one of judgement and run');
      return undo(request.ctx, app.store, run !== undefined ? { run } : { judgement: judgement ?? 0 }, reason ?? '');
    },
  );

  app.get<{ Params: { id: string } }>(
    '/resolve/entities/:id',
    {
      schema: {
        tags: ['resolve'],
        summary: 'The canonical entity an entity belongs to: canonical id, members and the judgements that hold it together',
        description: 'Answers 404 both for ids that do not exist and for entities the caller may not see.',
        params: { type: 'object', required: ['id'], properties: { id: ENTITY_ID } },
        response: { 200: GROUP_VIEW, ...errorResponses },
      },
    },
    async (request) => groupOf(request.ctx, app.store, request.params.id),
  );
};
