/** The API's shared JSON schemas: registered once by id, referenced as `{ $ref: 'Entity#' }`, listed in OpenAPI. */
import type { FastifyInstance } from 'fastify';
import { HANDLING_CODES, TLP_LEVELS } from '../model/handling.ts';

const str = { type: 'string' } as const;
const strings = { type: 'array', items: str } as const;
const int = { type: 'integer' } as const;

export const DATASET_NAME = { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$', description: 'lower-case letters, digits, _ and -' } as const;
export const GRADING = { type: 'string', pattern: '^[ABCX][1-4]$', description: 'Europol 4x4 grading, e.g. B2' } as const;
export const TLP = { type: 'string', enum: [...TLP_LEVELS] } as const;
export const HANDLING = { type: 'string', enum: [...HANDLING_CODES], description: 'Europol handling code' } as const;
export const COMPARTMENT = { type: 'string', pattern: '^$|^[a-z0-9][a-z0-9._-]{0,63}$', description: "need-to-know compartment; '' for none" } as const;

/** A reference to a shared schema. */
export const ref = (id: string): { $ref: string } => ({ $ref: `${id}#` });

/** The error answer of every route, for the 4xx and 5xx responses. */
export const errorResponses = { '4xx': ref('Error'), '5xx': ref('Error') } as const;

const SHARED = [
  {
    $id: 'Error',
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: { code: { type: 'string', description: 'stable CORVID_ERR_… code' }, message: str, details: { type: 'object', additionalProperties: true } },
      },
    },
  },
  {
    $id: 'Entity',
    type: 'object',
    required: ['id', 'schema', 'caption', 'properties', 'datasets', 'firstSeen', 'lastSeen'],
    properties: {
      id: str,
      schema: str,
      caption: str,
      properties: { type: 'object', additionalProperties: strings, description: 'property name → values' },
      datasets: strings,
      firstSeen: str,
      lastSeen: str,
    },
  },
  {
    $id: 'Statement',
    type: 'object',
    description: 'one value of one property, with its provenance, grading and handling',
    required: ['id', 'entityId', 'schema', 'prop', 'value', 'dataset', 'source', 'record', 'firstSeen', 'lastSeen', 'grading', 'compartment', 'tlp', 'handling', 'handlingNote', 'importer'],
    properties: {
      id: str,
      entityId: str,
      schema: str,
      prop: str,
      value: str,
      original: str,
      dataset: str,
      source: str,
      record: str,
      firstSeen: str,
      lastSeen: str,
      grading: str,
      compartment: str,
      tlp: str,
      handling: str,
      handlingNote: str,
      importer: str,
      isRef: { type: 'boolean' },
    },
  },
  {
    $id: 'Link',
    type: 'object',
    required: ['entity', 'prop'],
    properties: { entity: ref('Entity'), prop: { type: 'string', description: 'the property of `entity` that points here' } },
  },
  {
    $id: 'Dataset',
    type: 'object',
    required: ['name', 'title'],
    properties: {
      name: str,
      title: str,
      defaultGrading: str,
      defaultCompartment: str,
      defaultTlp: str,
      defaultHandling: str,
      defaultHandlingNote: str,
      createdAt: str,
      createdBy: str,
    },
  },
  {
    $id: 'Job',
    type: 'object',
    required: ['id', 'kind', 'state'],
    properties: {
      id: str,
      kind: str,
      state: { type: 'string', enum: ['queued', 'running', 'done', 'failed', 'cancelled'] },
      params: { type: 'object', additionalProperties: true },
      progress: { type: 'object', properties: { done: { type: 'number' }, total: { type: 'number' }, message: str } },
      result: { description: 'for a finished import: its summary (counts, reject file)' },
      error: { type: ['string', 'null'] },
      cancelRequested: { type: 'boolean' },
      createdBy: str,
      createdAt: str,
      updatedAt: str,
    },
  },
  {
    $id: 'User',
    type: 'object',
    required: ['name', 'roles', 'compartments', 'tlpCeiling'],
    properties: {
      name: str,
      roles: strings,
      compartments: { anyOf: [{ type: 'string', enum: ['*'] }, strings], description: "the user's compartments, or '*' for all" },
      tlpCeiling: str,
    },
  },
  {
    $id: 'AuditRecord',
    type: 'object',
    required: ['seq', 'at', 'actor', 'action', 'target', 'prevHash', 'hash'],
    properties: { seq: int, at: str, actor: str, action: str, target: str, detail: { type: 'object', additionalProperties: true }, prevHash: str, hash: str },
  },
] as const;

/** Registers the shared schemas on the root instance (before any route that references them). */
export function registerSchemas(app: FastifyInstance): void {
  for (const schema of SHARED) app.addSchema(schema);
}
