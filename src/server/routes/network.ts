/**
 * /network: link analysis over HTTP — expand an entity, the sub-graph among entities, paths between two, the
 * analyses with their citations, running one, and saving its results on the entities. Everything reads in the
 * caller's Context: entities and links the caller may not see are not in their network.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { HandlingCode, Tlp } from '../../model/handling.ts';
import { analysisCatalogue, getAnalysis } from '../../network/analyses.ts';
import { analyzeNetwork } from '../../network/analyze.ts';
import { annotate, type AnnotationProperty } from '../../network/annotate.ts';
import type { NetworkFilter } from '../../network/filter.ts';
import { expand, findPaths, subgraph } from '../../network/query.ts';
import type { EdgeKind } from '../../network/types.ts';
import type { JsonObject } from '../../store/port.ts';
import { errorResponses } from '../schemas.ts';
import {
  ANALYSIS_ANSWER,
  ANALYSIS_LIST,
  ANALYZE_BODY,
  ANNOTATIONS_ANSWER,
  ANNOTATIONS_BODY,
  ENTITY_ID,
  ENTITY_IDS,
  EXPAND_QUERY,
  FILTER,
  NETWORK_VIEW,
  PATHS_ANSWER,
  PATHS_BODY,
} from './network-schemas.ts';

interface ExpandQs {
  kinds?: string[];
  schemata?: string[];
  datasets?: string[];
  handling?: string[];
  from?: string;
  to?: string;
  datedOnly?: boolean;
  minGrading?: string;
  limit: number;
}

interface PathsBody {
  from: string;
  to: string;
  maxHops: number;
  mode: 'shortest' | 'all';
  limit: number;
  directed: boolean;
  filter?: NetworkFilter;
}

interface AnalyzeBody {
  algorithm: string;
  params?: Record<string, unknown>;
  ids?: string[];
  filter?: NetworkFilter;
  directed: boolean;
  weight: 'count' | 'amount';
}

interface AnnotationsBody {
  algorithm: string;
  params: JsonObject;
  result: Record<string, number>;
  property?: AnnotationProperty;
  compartment?: string;
  tlp?: Tlp;
  handling?: HandlingCode;
}

/** `a,b` and repeated parameters alike: one flat list, empty items dropped; undefined when absent. */
function list(values: string[] | undefined): string[] | undefined {
  if (values === undefined) return undefined;
  const out = values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return out.length > 0 ? out : undefined;
}

/** The filter spelled in a query string. */
function queryFilter(q: ExpandQs): NetworkFilter {
  const kinds = list(q.kinds);
  const schemata = list(q.schemata);
  const datasets = list(q.datasets);
  const handling = list(q.handling);
  return {
    ...(kinds ? { kinds: kinds as EdgeKind[] } : {}),
    ...(schemata ? { schemata } : {}),
    ...(datasets ? { datasets } : {}),
    // One code means "up to this one" (H0 < H1 < H2 < H3), several mean exactly those: as in the JSON filter.
    ...(handling ? { handling: handling.length === 1 ? (handling[0] as HandlingCode) : (handling as HandlingCode[]) } : {}),
    ...(q.from !== undefined ? { from: q.from } : {}),
    ...(q.to !== undefined ? { to: q.to } : {}),
    ...(q.datedOnly !== undefined ? { datedOnly: q.datedOnly } : {}),
    ...(q.minGrading !== undefined ? { minGrading: q.minGrading } : {}),
  };
}

export const networkRoutes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string }; Querystring: ExpandQs }>(
    '/network/expand/:id',
    {
      schema: {
        tags: ['network'],
        summary: 'An entity, its neighbours (strongest ties first) and every edge among them',
        description: 'Answers 404 both for ids that do not exist and for entities the caller may not see. `truncated` when the limit cut neighbours off.',
        params: { type: 'object', required: ['id'], properties: { id: ENTITY_ID } },
        querystring: EXPAND_QUERY,
        response: { 200: NETWORK_VIEW, ...errorResponses },
      },
    },
    async (request) => expand(request.ctx, app.store, request.params.id, { filter: queryFilter(request.query), limit: request.query.limit }),
  );

  app.post<{ Body: { ids: string[]; filter?: NetworkFilter } }>(
    '/network/subgraph',
    {
      schema: {
        tags: ['network'],
        summary: 'The given entities and every edge among them',
        description: 'Entities the caller may not see are left out, silently: the answer is the same as if they did not exist.',
        body: { type: 'object', required: ['ids'], additionalProperties: false, properties: { ids: ENTITY_IDS, filter: FILTER } },
        response: { 200: NETWORK_VIEW, ...errorResponses },
      },
    },
    async (request) => subgraph(request.ctx, app.store, request.body.ids, { filter: request.body.filter ?? {} }),
  );

  app.post<{ Body: PathsBody }>(
    '/network/paths',
    {
      schema: {
        tags: ['network'],
        summary: 'Paths between two entities, with the network they run through',
        body: PATHS_BODY,
        response: { 200: PATHS_ANSWER, ...errorResponses },
      },
    },
    async (request) => {
      const { from, to, maxHops, mode, limit, directed, filter } = request.body;
      return findPaths(request.ctx, app.store, from, to, { maxHops, mode, limit, directed, filter: filter ?? {} });
    },
  );

  app.get(
    '/network/analyses',
    {
      schema: {
        tags: ['network'],
        summary: 'The analyses on offer, each with its citation and parameters (defaults included)',
        response: { 200: ANALYSIS_LIST, ...errorResponses },
      },
    },
    async () => analysisCatalogue(),
  );

  app.post<{ Body: AnalyzeBody }>(
    '/network/analyze',
    {
      schema: {
        tags: ['network'],
        summary: 'Run an analysis on the network the caller may see (or among given entities); answers its algorithm, citation, parameters and result',
        description: 'Unknown algorithms are CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM; unknown or ill-typed parameters CORVID_ERR_VALIDATION.',
        body: ANALYZE_BODY,
        response: { 200: ANALYSIS_ANSWER, ...errorResponses },
      },
    },
    async (request) => {
      const { algorithm, params, ids, filter, directed, weight } = request.body;
      const { analysis, graph } = await analyzeNetwork(request.ctx, app.store, { algorithm, params: params ?? {}, filter: filter ?? {}, directed, weight, ...(ids ? { ids } : {}) });
      return { ...analysis, graph };
    },
  );

  app.post<{ Body: AnnotationsBody }>(
    '/network/annotations',
    {
      schema: {
        tags: ['network'],
        summary: 'Save per-entity results of an analysis on the entities, as statements computed by the algorithm with its parameters',
        description:
          'The algorithm must be one of /network/analyses. Every entity must be visible to the caller (CORVID_ERR_NOT_FOUND otherwise; nothing is written). Values go into the entity’s own dataset with source “computed by <algorithm> (<params>)”, grading X4. Audited (`network.annotate`).',
        body: ANNOTATIONS_BODY,
        response: { 200: ANNOTATIONS_ANSWER, ...errorResponses },
      },
    },
    async (request) => {
      const { algorithm, params, result, property, compartment, tlp, handling } = request.body;
      const annotates = getAnalysis(algorithm).annotate?.property;
      return annotate(request.ctx, app.store, {
        algorithm,
        params,
        result,
        property: property ?? annotates ?? 'score',
        ...(compartment !== undefined ? { compartment } : {}),
        ...(tlp !== undefined ? { tlp } : {}),
        ...(handling !== undefined ? { handling } : {}),
      });
    },
  );
};
