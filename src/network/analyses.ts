/**
 * The analyses on offer, as data in one explicit table: name → description, citation, parameters (with defaults)
 * and how to run it over a CorvidGraph. The API lists this table and runs from it; the algorithms live one a file
 * in algorithms/ and are only called from here.
 */
import { CorvidError, ValidationError } from '../errors.ts';
import type { JsonValue } from '../store/port.ts';
import { betweenness, BETWEENNESS_CITATION } from './algorithms/betweenness.ts';
import { brokers, BROKERS_CITATION } from './algorithms/brokers.ts';
import { connectedComponents, COMPONENTS_CITATION } from './algorithms/components.ts';
import { constraint, CONSTRAINT_CITATION } from './algorithms/constraint.ts';
import { degreeCentrality, DEGREE_CITATION } from './algorithms/degree.ts';
import { egoNetwork } from './algorithms/ego.ts';
import { globalEfficiency, EFFICIENCY_CITATION } from './algorithms/efficiency.ts';
import { eigenvector, EIGENVECTOR_CITATION } from './algorithms/eigenvector.ts';
import { distanceFragmentation, fragmentation, FRAGMENTATION_CITATION } from './algorithms/fragmentation.ts';
import { keyPlayersNeg, type KeyPlayerOptions } from './algorithms/keyplayer.ts';
import { leiden, LEIDEN_CITATION } from './algorithms/leiden.ts';
import { louvain, LOUVAIN_CITATION } from './algorithms/louvain.ts';
import { pagerank, PAGERANK_CITATION } from './algorithms/pagerank.ts';
import { robustnessCurve, ROBUSTNESS_CITATION, type RobustnessOptions } from './algorithms/robustness.ts';
import { rankStability, STABILITY_CITATION, type StabilityOptions } from './algorithms/stability.ts';
import type { AnnotationProperty } from './annotate.ts';
import type { EdgeList } from './algorithms/csr.ts';
import type { Analysis, CorvidGraph } from './types.ts';

export type ParamType = 'number' | 'integer' | 'boolean' | 'string';

/** One parameter of an analysis, as the API lists it. */
export interface ParamSpec {
  name: string;
  type: ParamType;
  /** The value used when the caller gives none; null when there is none (required, or simply unset). */
  default: JsonValue;
  description: string;
  required?: boolean;
  enum?: readonly string[];
  minimum?: number;
  maximum?: number;
  /** A list of strings is accepted as well (robustness: an explicit removal order). */
  orList?: boolean;
}

/** Checked parameters, as the algorithms take them. */
export type Params = Record<string, JsonValue>;

export interface AnalysisSpec {
  name: string;
  description: string;
  citation: string;
  params: readonly ParamSpec[];
  /** Per-entity values that may be saved on the entities, and as which property. */
  annotate?: { property: AnnotationProperty; values: (result: unknown) => Record<string, number> };
  run: (graph: CorvidGraph, params: Params) => Analysis<unknown, unknown>;
  /** The same analysis on an edge list, for those that run on CSR arrays alone (whole networks: `loadEdgeList`). */
  runEdges?: (list: EdgeList, params: Params) => Analysis<unknown, unknown>;
}

const p = (name: string, type: ParamType, dflt: JsonValue, description: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({
  name,
  type,
  default: dflt,
  description,
  ...extra,
});

const NORMALIZED = p('normalized', 'boolean', true, 'divide by the largest possible value, so graphs of different sizes compare');
const SEED = p('seed', 'integer', 42, 'random seed: the same seed on the same graph gives the same answer');
const weighted = (dflt: boolean): ParamSpec =>
  p('weighted', 'boolean', dflt, 'use edge weights (summed over parallel links) instead of counting each tie once');
const RESOLUTION = p('resolution', 'number', 1, 'γ: above 1 more, smaller communities; below 1 fewer, larger ones', { minimum: 0 });
const ITERATIONS = p('maxIterations', 'integer', 100, 'power-iteration limit', { minimum: 1 });
const TOLERANCE = p('tolerance', 'number', 1e-6, 'convergence threshold', { minimum: 0 });
const SAMPLES = p('samples', 'integer', null, 'estimate from this many random sources (Brandes & Pich 2007) for large graphs; unset = exact', { minimum: 1 });
const NODE = (name: string, description: string): ParamSpec => p(name, 'string', null, description, { required: true });

const scores = (r: unknown): Record<string, number> => r as Record<string, number>;
const communities = (r: unknown): Record<string, number> => (r as { communities: Record<string, number> }).communities;

/** The table. Order is the order the API lists them in: structure, communities, centrality, brokerage, disruption. */
export const ANALYSES: readonly AnalysisSpec[] = [
  {
    name: 'components',
    description: 'Connected components: who can reach whom at all, largest first',
    citation: COMPONENTS_CITATION,
    params: [],
    annotate: { property: 'communityId', values: (r) => (r as { of: Record<string, number> }).of },
    run: (g) => connectedComponents(g),
  },
  {
    name: 'louvain',
    description: 'Communities by modularity (Louvain): groups more tightly tied inside than to each other',
    citation: LOUVAIN_CITATION,
    params: [RESOLUTION, SEED, weighted(true)],
    annotate: { property: 'communityId', values: communities },
    run: (g, x) => louvain(g, x),
    runEdges: (g, x) => louvain(g, x),
  },
  {
    name: 'leiden',
    description: 'Communities by modularity (Leiden): like Louvain, but every community is guaranteed connected',
    citation: LEIDEN_CITATION,
    params: [RESOLUTION, SEED, weighted(true), p('iterations', 'integer', 2, 'runs, each refining the previous partition', { minimum: 1, maximum: 100 })],
    annotate: { property: 'communityId', values: communities },
    run: (g, x) => leiden(g, x),
    runEdges: (g, x) => leiden(g, x),
  },
  {
    name: 'degree',
    description: 'Degree centrality: how many others each entity is tied to',
    citation: DEGREE_CITATION,
    params: [NORMALIZED, weighted(false)],
    annotate: { property: 'score', values: scores },
    run: (g, x) => degreeCentrality(g, x),
    runEdges: (g, x) => degreeCentrality(g, x),
  },
  {
    name: 'betweenness',
    description: 'Betweenness centrality: how often an entity lies on the shortest paths between others (brokers, gatekeepers)',
    citation: BETWEENNESS_CITATION,
    params: [NORMALIZED, weighted(false), SAMPLES, SEED],
    annotate: { property: 'score', values: scores },
    run: (g, x) => betweenness(g, x),
    runEdges: (g, x) => betweenness(g, x),
  },
  {
    name: 'eigenvector',
    description: 'Eigenvector centrality: tied to others who are themselves well tied',
    citation: EIGENVECTOR_CITATION,
    params: [ITERATIONS, TOLERANCE, weighted(false)],
    annotate: { property: 'score', values: scores },
    run: (g, x) => eigenvector(g, x),
    runEdges: (g, x) => eigenvector(g, x),
  },
  {
    name: 'pagerank',
    description: 'PageRank: importance from the importance of those tied to an entity, with random jumps',
    citation: PAGERANK_CITATION,
    params: [
      p('alpha', 'number', 0.85, 'damping: probability of following a tie rather than jumping', { minimum: 0, maximum: 1 }),
      ITERATIONS,
      TOLERANCE,
      weighted(false),
    ],
    annotate: { property: 'score', values: scores },
    run: (g, x) => pagerank(g, x),
    runEdges: (g, x) => pagerank(g, x),
  },
  {
    name: 'constraint',
    description: "Burt's constraint: low for entities whose contacts are not tied to each other (structural holes)",
    citation: CONSTRAINT_CITATION,
    params: [weighted(true)],
    annotate: { property: 'score', values: scores },
    run: (g, x) => constraint(g, x),
  },
  {
    name: 'brokers',
    description: 'Brokers: high betweenness and low constraint together, the top entities',
    citation: BROKERS_CITATION,
    params: [p('top', 'integer', 10, 'how many', { minimum: 1 }), SAMPLES],
    run: (g, x) => brokers(g, x),
  },
  {
    name: 'efficiency',
    description: 'Global efficiency: how easily the network as a whole exchanges (mean inverse distance)',
    citation: EFFICIENCY_CITATION,
    params: [],
    run: (g) => globalEfficiency(g),
  },
  {
    name: 'fragmentation',
    description: 'Fragmentation: the share of pairs of entities that cannot reach each other',
    citation: FRAGMENTATION_CITATION,
    params: [],
    run: (g) => fragmentation(g),
  },
  {
    name: 'distance-fragmentation',
    description: 'Distance-weighted fragmentation: also how far apart reachable pairs are',
    citation: FRAGMENTATION_CITATION,
    params: [],
    run: (g) => distanceFragmentation(g),
  },
  {
    name: 'keyplayer',
    description: 'Key players (KPP-Neg): the entities whose removal fragments the network most',
    citation: FRAGMENTATION_CITATION,
    params: [
      p('k', 'integer', 5, 'how many to pick', { minimum: 1 }),
      p('measure', 'string', 'fragmentation', 'what removal should maximise', { enum: ['fragmentation', 'distance-fragmentation'] }),
    ],
    run: (g, x) => keyPlayersNeg(g, x as KeyPlayerOptions),
  },
  {
    name: 'robustness',
    description: 'Robustness curve: the largest component and efficiency as entities are removed in an order (a disruption scenario)',
    citation: ROBUSTNESS_CITATION,
    params: [
      p('order', 'string', 'degree', 'highest degree, betweenness or PageRank first, greedy key players, or a list of entity ids', {
        enum: ['degree', 'betweenness', 'pagerank', 'keyplayer'],
        orList: true,
      }),
      p('steps', 'integer', 20, 'how many removals', { minimum: 1 }),
      p('adaptive', 'boolean', false, 'recompute the measure after each removal'),
    ],
    run: (g, x) => robustnessCurve(g, x as RobustnessOptions),
  },
  {
    name: 'stability',
    description: 'Rank stability: how far a centrality ranking survives missing or wrong ties (field data is never complete)',
    citation: STABILITY_CITATION,
    params: [
      p('measure', 'string', 'pagerank', 'the centrality whose ranking is tested', { enum: ['degree', 'betweenness', 'pagerank', 'eigenvector'] }),
      p('perturbation', 'number', 0.1, 'share of ties perturbed per trial (0.1–0.2 is realistic)', { minimum: 0, maximum: 1 }),
      p('mode', 'string', 'remove', 'drop ties, rewire them, or both', { enum: ['remove', 'rewire', 'both'] }),
      p('trials', 'integer', 20, 'perturbed copies compared', { minimum: 1 }),
      p('top', 'integer', 10, 'size of the top list compared', { minimum: 1 }),
      SEED,
    ],
    run: (g, x) => rankStability(g, x as StabilityOptions),
  },
  {
    name: 'ego',
    description: 'Ego network: an entity and everyone within some hops of it',
    citation: 'Wasserman, S. & Faust, K. (1994). Social Network Analysis: Methods and Applications. Cambridge University Press (ego-centred networks).',
    params: [
      NODE('center', 'the entity at the centre'),
      p('hops', 'integer', 1, 'radius', { minimum: 0 }),
      p('maxNodes', 'integer', 2000, 'most entities kept, nearest first', { minimum: 1 }),
    ],
    run: (g, { center, ...x }) => egoNetwork(g, String(center), x),
  },
];

const BY_NAME: ReadonlyMap<string, AnalysisSpec> = new Map(ANALYSES.map((a) => [a.name, a]));

/**
 * The analysis of that name, or CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM.
 * @example getAnalysis('pagerank').params.map((x) => x.name) // ['alpha', 'maxIterations', 'tolerance', 'weighted']
 */
export function getAnalysis(name: string): AnalysisSpec {
  const a = BY_NAME.get(name);
  if (!a) throw new CorvidError('CORVID_ERR_NETWORK_UNKNOWN_ALGORITHM', `unknown analysis: ${name}`, { algorithm: name, known: [...BY_NAME.keys()] });
  return a;
}

/** The table as the API lists it (GET /network/analyses). */
export function analysisCatalogue(): {
  name: string;
  description: string;
  citation: string;
  annotates?: AnnotationProperty;
  params: Omit<ParamSpec, 'orList'>[];
}[] {
  return ANALYSES.map((a) => ({
    name: a.name,
    description: a.description,
    citation: a.citation,
    ...(a.annotate ? { annotates: a.annotate.property } : {}),
    params: a.params.map(({ orList: _l, ...rest }) => rest),
  }));
}

function typeOk(spec: ParamSpec, v: unknown): boolean {
  if (spec.orList && Array.isArray(v)) return v.every((x) => typeof x === 'string');
  switch (spec.type) {
    case 'boolean':
      return typeof v === 'boolean';
    case 'string':
      return typeof v === 'string' && (spec.enum === undefined || spec.enum.includes(v));
    case 'integer':
    case 'number': {
      if (typeof v !== 'number' || !Number.isFinite(v) || (spec.type === 'integer' && !Number.isInteger(v))) return false;
      return (spec.minimum === undefined || v >= spec.minimum) && (spec.maximum === undefined || v <= spec.maximum);
    }
  }
}

/**
 * Checks parameters against the spec: unknown names, wrong types, values out of range and missing required ones
 * are CORVID_ERR_VALIDATION. Defaults are left to the algorithm, which fills them into its envelope.
 */
export function checkParams(spec: AnalysisSpec, input: Record<string, unknown>): Params {
  const out: Params = {};
  const known = new Map(spec.params.map((x) => [x.name, x]));
  for (const [name, v] of Object.entries(input)) {
    const ps = known.get(name);
    if (!ps) throw new ValidationError('CORVID_ERR_VALIDATION', `${spec.name} has no parameter ${name}`, { param: name, params: [...known.keys()] });
    if (v === null || v === undefined) continue;
    if (!typeOk(ps, v))
      throw new ValidationError('CORVID_ERR_VALIDATION', `invalid ${spec.name} parameter ${name}`, {
        param: name,
        type: ps.type,
        ...(ps.enum ? { enum: ps.enum } : {}),
      });
    out[name] = v as JsonValue;
  }
  for (const ps of spec.params)
    if (ps.required && !(ps.name in out)) throw new ValidationError('CORVID_ERR_VALIDATION', `${spec.name} needs ${ps.name}`, { param: ps.name });
  return out;
}

/**
 * Runs an analysis by name with checked parameters.
 * @example runAnalysis(graph, 'louvain', { resolution: 1.2 }).result.communities
 */
export function runAnalysis(graph: CorvidGraph, name: string, params: Record<string, unknown> = {}): Analysis<unknown, unknown> {
  const spec = getAnalysis(name);
  return spec.run(graph, checkParams(spec, params));
}

/** Does the analysis run on an edge list (so a whole network need not become a graphology graph)? */
export function takesEdgeList(name: string): boolean {
  return getAnalysis(name).runEdges !== undefined;
}

/**
 * Runs an analysis that takes edge lists (see `takesEdgeList`) on one; same parameters, same answer as on the graph.
 * @example runOnEdgeList((await loadEdgeList(ctx, store)).edges, 'pagerank').result
 */
export function runOnEdgeList(list: EdgeList, name: string, params: Record<string, unknown> = {}): Analysis<unknown, unknown> {
  const spec = getAnalysis(name);
  if (!spec.runEdges) throw new ValidationError('CORVID_ERR_VALIDATION', `${name} needs the graph, not an edge list`, { algorithm: name });
  return spec.runEdges(list, checkParams(spec, params));
}
