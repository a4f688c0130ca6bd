/** /jobs: long-running work (imports, …): list your own (admins: all), follow one, cancel one. */
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../errors.ts';
import { isAdmin } from '../../model/context.ts';
import type { Job, JobFilter, JobState } from '../../store/port.ts';
import { errorResponses, ref } from '../schemas.ts';

interface IdParams {
  id: string;
}

interface ListQs {
  kind?: string;
  state?: JobState[];
  limit: number;
}

export const JOB_ID = { type: 'string', minLength: 1, maxLength: 200 } as const;
const jobAnswer = { type: 'object', required: ['job'], properties: { job: ref('Job') } } as const;

/** The job if the caller started it or is an admin; 404 otherwise, so others' job ids stay unknown. */
export async function visibleJob(app: FastifyInstance, request: FastifyRequest, id: string): Promise<Job> {
  const job = await app.store.getJob(request.ctx, id);
  if (!job || (job.createdBy !== request.ctx.actor && !isAdmin(request.ctx))) throw new NotFoundError('job', id);
  return job;
}

export const jobRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: ListQs }>(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Your jobs, newest first (admins: everyone’s)',
        querystring: {
          type: 'object',
          properties: {
            kind: { type: 'string', maxLength: 64, description: 'e.g. import' },
            state: { type: 'array', items: { type: 'string', enum: ['queued', 'running', 'done', 'failed', 'cancelled'] }, maxItems: 5 },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
        },
        response: { 200: { type: 'object', required: ['jobs'], properties: { jobs: { type: 'array', items: ref('Job') } } }, ...errorResponses },
      },
    },
    async (request) => {
      const { kind, state, limit } = request.query;
      const filter: JobFilter = { limit, ...(kind ? { kind } : {}), ...(state && state.length > 0 ? { states: state } : {}) };
      const jobs = await app.store.listJobs(request.ctx, filter);
      return { jobs: isAdmin(request.ctx) ? jobs : jobs.filter((j) => j.createdBy === request.ctx.actor) };
    },
  );

  app.get<{ Params: IdParams }>(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        summary: 'One job: state, progress, and its result when done (an import’s summary)',
        params: { type: 'object', required: ['id'], properties: { id: JOB_ID } },
        response: { 200: jobAnswer, ...errorResponses },
      },
    },
    async (request) => ({ job: await visibleJob(app, request, request.params.id) }),
  );

  app.post<{ Params: IdParams }>(
    '/jobs/:id/cancel',
    {
      schema: {
        tags: ['jobs'],
        summary: 'Ask a job to stop; it stops at its next safe point and ends as cancelled',
        params: { type: 'object', required: ['id'], properties: { id: JOB_ID } },
        response: { 200: jobAnswer, ...errorResponses },
      },
    },
    async (request) => {
      const { id } = request.params;
      await visibleJob(app, request, id);
      const job = await app.store.requestCancel(request.ctx, id);
      // An import running in this process stops at once; elsewhere the runner sees the flag at its next batch.
      app.imports.abort(id);
      return { job };
    },
  );
};
