/** JSON schemas of the /network and /charts routes: network views, filters, analyses, annotations and charts. */
import { COMPARTMENT, HANDLING, TLP } from '../schemas.ts';

const str = { type: 'string' } as const;
const strings = { type: 'array', items: str } as const;
const int = { type: 'integer' } as const;

export const ENTITY_ID = { type: 'string', minLength: 1, maxLength: 256 } as const;
export const ENTITY_IDS = { type: 'array', items: ENTITY_ID, minItems: 1, maxItems: 5000, uniqueItems: true } as const;
const DATE = { type: 'string', maxLength: 40, description: 'ISO 8601 date or prefix (2021, 2021-03, 2021-03-15)' } as const;
const KIND = { type: 'string', enum: ['interstitial', 'reference', 'shared-identifier'] } as const;

export const NETWORK_NODE = {
  type: 'object',
  required: ['id', 'schema', 'label', 'datasets'],
  properties: { id: str, schema: str, label: str, datasets: strings },
} as const;

export const NETWORK_EDGE = {
  type: 'object',
  required: ['id', 'from', 'to', 'directed', 'kind', 'schema', 'label', 'source', 'weight', 'datasets'],
  properties: {
    id: str,
    from: str,
    to: str,
    directed: { type: 'boolean', description: "FtM's direction (payer → beneficiary); false for family ties, associates, shared identifiers" },
    kind: KIND,
    schema: { type: 'string', description: 'the FtM schema (Payment, Family…), the reference property, or the identifier type' },
    label: str,
    source: { type: 'string', description: "the interstitial entity's id, the referencing entity's id, or `type:value` of the shared identifier" },
    start: str,
    end: str,
    weight: { type: 'number' },
    shared: { type: 'object', required: ['property', 'value'], properties: { property: str, value: str } },
    via: { type: 'string', enum: ['phone'], description: "the ends were found through the numbers the record gives (e.g. a call-detail record's), as the entities holding them" },
    datasets: strings,
  },
} as const;

export const NETWORK_VIEW = {
  type: 'object',
  required: ['nodes', 'edges'],
  properties: { nodes: { type: 'array', items: NETWORK_NODE }, edges: { type: 'array', items: NETWORK_EDGE }, truncated: { type: 'boolean' } },
} as const;

export const FILTER = {
  type: 'object',
  additionalProperties: false,
  description: 'what the network is narrowed to; visibility (compartments, TLP) applies anyway',
  properties: {
    from: { ...DATE, description: 'keep edges that still hold on or after this date' },
    to: { ...DATE, description: 'keep edges that began on or before this date' },
    datedOnly: { type: 'boolean', description: 'with a time window, drop undated edges too' },
    schemata: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50, description: 'edge schemata kept' },
    kinds: { type: 'array', items: KIND, maxItems: 3 },
    datasets: { type: 'array', items: { type: 'string', maxLength: 64 }, maxItems: 50 },
    minGrading: { type: 'string', maxLength: 20, description: 'lowest grading kept, e.g. B2 (Admiralty as adm:C3)' },
    handling: {
      anyOf: [HANDLING, { type: 'array', items: HANDLING, maxItems: 4 }],
      description: 'one code: it and the codes before it (H0 < H1 < H2 < H3); a list: exactly those codes',
    },
  },
} as const;

/** GET /network/expand's query: the filter's fields, lists comma-separated or repeated. */
export const EXPAND_QUERY = {
  type: 'object',
  additionalProperties: false,
  properties: {
    kinds: { type: 'array', items: { type: 'string', maxLength: 100 }, maxItems: 3, description: 'edge kinds, comma-separated or repeated' },
    schemata: { type: 'array', items: { type: 'string', maxLength: 2000 }, maxItems: 50 },
    datasets: { type: 'array', items: { type: 'string', maxLength: 2000 }, maxItems: 50 },
    handling: { type: 'array', items: { type: 'string', maxLength: 20 }, maxItems: 4 },
    from: DATE,
    to: DATE,
    datedOnly: { type: 'boolean' },
    minGrading: { type: 'string', maxLength: 20 },
    limit: { type: 'integer', minimum: 1, maximum: 2000, default: 200, description: 'most neighbours, strongest ties first' },
  },
} as const;

export const PATHS_BODY = {
  type: 'object',
  required: ['from', 'to'],
  additionalProperties: false,
  properties: {
    from: ENTITY_ID,
    to: ENTITY_ID,
    maxHops: { type: 'integer', minimum: 1, maximum: 10, default: 4 },
    mode: {
      type: 'string',
      enum: ['shortest', 'all'],
      default: 'shortest',
      description: 'shortest: every path of the fewest hops; all: every simple path up to maxHops',
    },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    directed: { type: 'boolean', default: false, description: "follow FtM's direction (money from payer to beneficiary)" },
    filter: FILTER,
  },
} as const;

const PATH = { type: 'object', required: ['nodes', 'edges'], properties: { nodes: strings, edges: strings } } as const;

export const PATHS_ANSWER = {
  type: 'object',
  required: ['paths', 'truncated', 'view'],
  properties: { paths: { type: 'array', items: PATH }, truncated: { type: 'boolean' }, view: NETWORK_VIEW },
} as const;

export const ANALYSIS_LIST = {
  type: 'array',
  items: {
    type: 'object',
    required: ['name', 'description', 'citation', 'params'],
    properties: {
      name: str,
      description: str,
      citation: str,
      annotates: { type: 'string', description: 'the property its per-entity values are saved as (POST /network/annotations), when it has per-entity values' },
      params: {
        type: 'array',
        items: {
          type: 'object',
          required: ['name', 'type', 'default', 'description'],
          properties: {
            name: str,
            type: str,
            default: { description: 'null: required or unset' },
            description: str,
            enum: strings,
            minimum: { type: 'number' },
            maximum: { type: 'number' },
          },
        },
      },
    },
  },
} as const;

export const ANALYZE_BODY = {
  type: 'object',
  required: ['algorithm'],
  additionalProperties: false,
  properties: {
    algorithm: { type: 'string', maxLength: 64 },
    params: { type: 'object', additionalProperties: true, description: 'as listed by GET /network/analyses; defaults fill the rest' },
    ids: { ...ENTITY_IDS, description: 'analyse only the network among these entities (default: everything the caller may see)' },
    filter: FILTER,
    directed: { type: 'boolean', default: false, description: 'build with FtM direction (mixed graph)' },
    weight: { type: 'string', enum: ['count', 'amount'], default: 'count', description: 'edge weight: 1 per link, or the amount paid' },
  },
} as const;

export const ANALYSIS_ANSWER = {
  type: 'object',
  required: ['algorithm', 'citation', 'params', 'result', 'graph'],
  properties: {
    algorithm: str,
    citation: str,
    params: { type: 'object', additionalProperties: true },
    result: { description: 'scores keyed by entity id, or the structure the analysis documents' },
    graph: {
      type: 'object',
      required: ['nodes', 'edges', 'skipped'],
      description: 'the network analysed',
      properties: {
        nodes: int,
        edges: int,
        skipped: {
          type: 'array',
          description: 'identifier values held by too many entities to count as links',
          items: { type: 'object', required: ['kind', 'value', 'holders'], properties: { kind: str, value: str, holders: int } },
        },
      },
    },
  },
} as const;

export const ANNOTATIONS_BODY = {
  type: 'object',
  required: ['algorithm', 'params', 'result'],
  additionalProperties: false,
  properties: {
    algorithm: { type: 'string', maxLength: 64 },
    params: { type: 'object', additionalProperties: true, description: 'the parameters the result was computed with (the envelope of /network/analyze)' },
    result: { type: 'object', additionalProperties: { type: 'number' }, description: 'entity id → value' },
    property: { type: 'string', enum: ['communityId', 'score'], description: 'default: what the algorithm produces (communities → communityId, else score)' },
    compartment: { ...COMPARTMENT, description: "where the values go; default the caller's only compartment ('' for none)" },
    tlp: { ...TLP, description: "default the caller's TLP ceiling" },
    handling: HANDLING,
  },
} as const;

export const ANNOTATIONS_ANSWER = {
  type: 'object',
  required: ['written', 'unchanged', 'source'],
  properties: {
    written: { type: 'integer', description: 'values saved' },
    unchanged: { type: 'integer', description: 'values saved before with the same provenance' },
    source: { type: 'string', description: 'the provenance: computed by <algorithm> (<params>)' },
  },
} as const;

export const CHART_ID = { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$' } as const;

const CHART_FIELDS = {
  id: str,
  name: str,
  case: str,
  owner: str,
  createdAt: str,
  updatedAt: str,
  by: { type: 'string', description: 'who saved it last' },
} as const;

export const CHART_SUMMARY = { type: 'object', required: Object.keys(CHART_FIELDS), properties: CHART_FIELDS } as const;

export const CHART = {
  type: 'object',
  required: [...Object.keys(CHART_FIELDS), 'state'],
  properties: { ...CHART_FIELDS, state: { description: "the web UI's state, returned as saved" } },
} as const;

export const CHART_BODY = {
  type: 'object',
  required: ['name', 'case', 'state'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    case: { ...COMPARTMENT, description: "the case (a compartment) whose members see the chart; '' = only you" },
    state: { description: 'node ids, positions, pinned, hidden, groups, layout, colour/size measure, time window: opaque to the server' },
  },
} as const;
