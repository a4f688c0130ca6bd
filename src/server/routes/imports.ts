/** POST /imports (multipart upload, imported in the background) and GET /imports/:jobId/rejects (what was set aside). */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import { rm } from 'node:fs/promises';
import { AuthError, NotFoundError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import { tlpLevel } from '../../model/handling.ts';
import type { BackgroundImport } from '../import-runner.ts';
import { readRejects, rejectsPath } from '../rejects.ts';
import { COMPARTMENT, DATASET_NAME, HANDLING, errorResponses } from '../schemas.ts';
import { FORMATS } from '../../ingest/formats.ts';
import { importOptions, receiveUpload } from '../uploads.ts';
import { JOB_ID, visibleJob } from './jobs.ts';

interface RejectParams {
  jobId: string;
}

interface RejectQs {
  offset: number;
  limit: number;
}

/** Nobody imports into a compartment they are not in, or above their own TLP ceiling. */
function checkWritable(ctx: Context, opts: BackgroundImport): void {
  if (opts.compartment && ctx.compartments !== '*' && !ctx.compartments.includes(opts.compartment)) {
    throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `you are not in compartment ${opts.compartment}`);
  }
  if (opts.tlp && tlpLevel(opts.tlp) > tlpLevel(ctx.tlpCeiling)) {
    throw new AuthError('CORVID_ERR_AUTH_FORBIDDEN', `TLP ${opts.tlp} is above your ceiling ${ctx.tlpCeiling}`);
  }
}

/** The multipart body, for the OpenAPI document only (the handler reads the stream itself). */
const uploadBody = {
  type: 'object',
  required: ['file', 'dataset'],
  properties: {
    file: { type: 'string', format: 'binary', description: 'the data: FtM JSON lines, CSV (with a mapping), STIX 2 bundle, MISP event, or a money format (docs/money-formats.md)' },
    dataset: DATASET_NAME,
    format: { type: 'string', enum: [...FORMATS], description: 'detected from name and content when absent' },
    mapping: { type: 'string', description: 'FollowTheMoney mapping YAML, as a file part or as text (required for CSV)' },
    grading: { type: 'string', description: 'Europol 4x4 (B2) or Admiralty (adm:C3)' },
    tlp: { type: 'string', description: 'CLEAR, GREEN, AMBER, AMBER+STRICT or RED' },
    handling: HANDLING,
    handlingNote: { type: 'string', maxLength: 1000 },
    compartment: COMPARTMENT,
    defaultCountry: { type: 'string', pattern: '^[A-Za-z]{2}$', description: 'for phone numbers without a country code' },
    title: { type: 'string', description: 'dataset title if the import creates the dataset' },
    source: { type: 'string', description: 'provenance label; default the file name' },
    encoding: { type: 'string', enum: ['utf8', 'utf-8', 'latin1', 'utf16le', 'ascii'] },
    force: { type: 'string', enum: ['true', 'false'], description: 'import again a file already imported' },
  },
} as const;

export const importRoutes: FastifyPluginAsync = async (app) => {
  // Limits are set per request in receiveUpload; registered here so only this scope parses multipart.
  await app.register(multipart, { throwFileSizeLimit: true });

  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Upload a file and import it in the background',
        description: 'Answers 202 with the job as soon as it exists; follow it at GET /jobs/{id}, its rejects at GET /imports/{jobId}/rejects.',
        consumes: ['multipart/form-data'],
        body: uploadBody,
        response: {
          202: {
            type: 'object',
            required: ['job'],
            properties: { job: { type: 'object', required: ['id', 'state'], properties: { id: { type: 'string' }, state: { type: 'string' } } } },
          },
          ...errorResponses,
        },
      },
      // The body is a stream read by the handler, checked field by field; nothing for the validator.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const upload = await receiveUpload(request, app.corvid.uploadsDir, app.corvid.maxUploadBytes);
      let opts: BackgroundImport;
      try {
        opts = importOptions(upload);
        checkWritable(request.ctx, opts);
      } catch (err) {
        await rm(upload.dir, { recursive: true, force: true });
        throw err;
      }
      const jobId = await app.imports.start(request.ctx, opts, upload.dir);
      const job = await app.store.getJob(request.ctx, jobId);
      return reply
        .code(202)
        .header('location', `/api/v1/jobs/${encodeURIComponent(jobId)}`)
        .send({ job: { id: jobId, state: job?.state ?? 'queued' } });
    },
  );

  app.get<{ Params: RejectParams; Querystring: RejectQs }>(
    '/imports/:jobId/rejects',
    {
      schema: {
        tags: ['imports'],
        summary: 'The records and values an import set aside, with line and reason, a page at a time',
        params: { type: 'object', required: ['jobId'], properties: { jobId: JOB_ID } },
        querystring: {
          type: 'object',
          properties: { offset: { type: 'integer', minimum: 0, default: 0 }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
        response: {
          200: {
            type: 'object',
            required: ['rejects', 'offset', 'next'],
            properties: {
              rejects: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    file: { type: 'string' },
                    line: { type: 'integer' },
                    kind: { type: 'string', enum: ['record', 'value'] },
                    code: { type: 'string' },
                    reason: { type: 'string' },
                    entityId: { type: 'string' },
                    prop: { type: 'string' },
                    raw: { type: 'string' },
                  },
                },
              },
              offset: { type: 'integer' },
              next: { type: ['integer', 'null'] },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const job = await visibleJob(app, request, request.params.jobId);
      if (job.kind !== 'import') throw new NotFoundError('import', job.id);
      return readRejects(rejectsPath(app.corvid.rejectsDir, job.id), request.query.offset, request.query.limit);
    },
  );
};
