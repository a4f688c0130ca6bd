/**
 * /alerts: the detector alert queue over HTTP — list (by status and typology, highest score first), read one
 * with its evidence, and record a verdict. What the caller cannot see does not exist for them.
 */
import type { FastifyPluginAsync } from 'fastify';
import { getAlert, listAlerts, reviewAlert, type AlertStatus, type Verdict } from '../../detect/alerts/alerts.ts';
import type { Grading } from '../../model/handling.ts';
import { errorResponses } from '../schemas.ts';

const str = { type: 'string' } as const;
const strList = { type: 'array', items: str } as const;

export const ALERT_VIEW = {
  type: 'object',
  required: ['id', 'name', 'typology', 'detector', 'score', 'explanation', 'status', 'reviewReason', 'raisedAt', 'accounts', 'transfers'],
  properties: {
    id: str,
    name: str,
    typology: str,
    detector: str,
    score: { type: 'number', description: '0..1: how far the pattern stands out from the background' },
    explanation: { type: 'string', description: 'the finding in plain language, with its numbers' },
    status: { type: 'string', enum: ['open', 'confirmed', 'dismissed'] },
    reviewReason: str,
    raisedAt: str,
    accounts: { ...strList, description: 'entity ids of the accounts and wallets involved' },
    transfers: { ...strList, description: 'entity ids of the payments and transfers that are the evidence' },
  },
} as const;

interface ListQs {
  status?: AlertStatus;
  typology?: string;
  limit: number;
}

interface ReviewBody {
  verdict: Verdict['verdict'];
  reason?: string;
  grading?: string;
}

const ALERT_ID = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 256 } } } as const;

export const alertRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: ListQs }>(
    '/alerts',
    {
      schema: {
        tags: ['detect'],
        summary: 'The alert queue: alerts the caller may see, highest score first',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'confirmed', 'dismissed'] },
            typology: { type: 'string', maxLength: 100 },
            limit: { type: 'integer', minimum: 1, maximum: 10000, default: 200 },
          },
        },
        response: { 200: { type: 'object', required: ['alerts'], properties: { alerts: { type: 'array', items: ALERT_VIEW } } }, ...errorResponses },
      },
    },
    async (request) => ({ alerts: await listAlerts(request.ctx, app.store, request.query) }),
  );

  app.get<{ Params: { id: string } }>(
    '/alerts/:id',
    { schema: { tags: ['detect'], summary: 'One alert with its evidence', params: ALERT_ID, response: { 200: ALERT_VIEW, ...errorResponses } } },
    async (request) => getAlert(request.ctx, app.store, request.params.id),
  );

  app.post<{ Params: { id: string }; Body: ReviewBody }>(
    '/alerts/:id/review',
    {
      schema: {
        tags: ['detect'],
        summary: 'Confirm or dismiss an alert (with a reason), or re-open it',
        description: 'Confirming writes a graded note on every involved account (source: the alert and the reviewer). Audited as detect.review.',
        params: ALERT_ID,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['verdict'],
          properties: {
            verdict: { type: 'string', enum: ['confirmed', 'dismissed', 'open'] },
            reason: { type: 'string', maxLength: 4000 },
            grading: { type: 'string', pattern: '^[A-FX][1-6]$', description: 'the reviewer’s grading of a confirmed finding (default B3)' },
          },
        },
        response: { 200: ALERT_VIEW, ...errorResponses },
      },
    },
    async (request) => {
      const { verdict, reason, grading } = request.body;
      return reviewAlert(request.ctx, app.store, request.params.id, { verdict, reason: reason ?? '', ...(grading ? { grading: grading as Grading } : {}) });
    },
  );
};
