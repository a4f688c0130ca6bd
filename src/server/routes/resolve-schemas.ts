/** JSON schemas of the /resolve routes: judgements, review candidates, run summaries, groups and the request bodies. */
import { ref } from '../schemas.ts';

const str = { type: 'string' } as const;
const int = { type: 'integer' } as const;
const num = { type: 'number' } as const;
const strOrNull = { type: ['string', 'null'] } as const;

export const ENTITY_ID = { type: 'string', minLength: 1, maxLength: 256 } as const;
export const VERDICT_IN = {
  type: 'string',
  enum: ['same', 'different', 'unsure', 'positive', 'negative'],
  description: 'same (= positive), different (= negative) or unsure',
} as const;
export const REASON = { type: 'string', maxLength: 2000, description: 'why, in a sentence; recorded with the decision' } as const;

export const JUDGEMENT = {
  type: 'object',
  description: 'a decision that two entities are (not) the same, by a rule or a user; undone by retraction, never deleted',
  required: [
    'id',
    'left',
    'right',
    'verdict',
    'by',
    'actor',
    'rule',
    'score',
    'reason',
    'explanation',
    'run',
    'createdAt',
    'retractedAt',
    'retractedBy',
    'retractReason',
  ],
  properties: {
    id: int,
    left: str,
    right: str,
    verdict: { type: 'string', enum: ['positive', 'negative', 'unsure'] },
    by: { type: 'string', enum: ['rule', 'user'] },
    actor: str,
    rule: { type: 'string', description: "e.g. identifier:passport, fellegi-sunter; '' for user decisions" },
    score: { type: ['number', 'null'], description: 'match probability 0..1' },
    reason: str,
    explanation: { description: 'per-comparison evidence (contributions in bits), or the identifier a rule matched on' },
    run: strOrNull,
    createdAt: str,
    retractedAt: strOrNull,
    retractedBy: strOrNull,
    retractReason: strOrNull,
  },
} as const;

export const CANDIDATE = {
  type: 'object',
  description: 'an uncertain pair waiting for an analyst',
  required: ['id', 'left', 'right', 'probability', 'priority', 'explanation', 'run', 'status', 'createdAt', 'decidedBy', 'decidedAt', 'judgement'],
  properties: {
    id: int,
    left: str,
    right: str,
    probability: num,
    priority: { type: 'number', description: 'higher = review first' },
    explanation: { description: '{ why, probability, weight, prior, contributions: [{ comparison, level, weight }] }' },
    run: str,
    status: { type: 'string', enum: ['open', 'decided', 'stale'] },
    createdAt: str,
    decidedBy: strOrNull,
    decidedAt: strOrNull,
    judgement: { type: ['integer', 'null'] },
  },
} as const;

const FAMILY = {
  type: 'object',
  properties: { records: int, candidatePairs: int, aboveThreshold: int, merged: int, refusedByGuard: int, refusedBySize: int, refusedByNegative: int },
} as const;

export const RUN_SUMMARY = {
  type: 'object',
  required: ['run', 'records', 'changed', 'incremental', 'judgements', 'review', 'groups', 'grouped', 'identifierLinks', 'families', 'seconds'],
  properties: {
    run: str,
    records: int,
    changed: { type: 'integer', description: 'records compared as new or changed (all on a full run)' },
    incremental: { type: 'boolean' },
    judgements: { type: 'integer', description: 'rule judgements written by this run' },
    review: { type: 'integer', description: 'pairs put in the review queue' },
    groups: { type: 'integer', description: 'canonical groups after the run' },
    grouped: { type: 'integer', description: 'entities in those groups' },
    identifierLinks: int,
    families: { type: 'object', additionalProperties: FAMILY, description: 'per family (person, organization, …)' },
    seconds: { type: 'object', properties: { load: num, resolve: num, write: num } },
  },
} as const;

export const REVIEW_ITEM = {
  type: 'object',
  required: ['candidate', 'left', 'right'],
  properties: { candidate: CANDIDATE, left: ref('Entity'), right: ref('Entity') },
} as const;

export const UNDO_RESULT = {
  type: 'object',
  required: ['retracted', 'reopened', 'staled'],
  properties: {
    retracted: { type: 'array', items: JUDGEMENT },
    reopened: { type: 'integer', description: 'review candidates put back in the queue (their deciding judgement was undone)' },
    staled: { type: 'integer', description: 'open candidates of an undone run withdrawn' },
  },
} as const;

export const GROUP_VIEW = {
  type: 'object',
  required: ['entity', 'canonical', 'members', 'judgements'],
  properties: {
    entity: str,
    canonical: { type: ['string', 'null'], description: 'the canonical id; null when the entity is merged with nothing' },
    members: { type: 'array', items: ref('Entity') },
    judgements: { type: 'array', items: JUDGEMENT, description: 'the active positive judgements between members' },
  },
} as const;

export const judgementAnswer = { type: 'object', required: ['judgement'], properties: { judgement: JUDGEMENT } } as const;
