/**
 * Network filters: which statements feed the graph (datasets, grading, handling) and which edges it keeps
 * (time window, schemata, kinds, datasets). Visibility is not a filter: the store applies it before this runs.
 */
import { ValidationError } from '../errors.ts';
import { HANDLING_CODES, parseGrading, parseHandlingCode, type Grading, type HandlingCode } from '../model/handling.ts';
import { cleanDate } from '../model/types.ts';
import type { Statement } from '../model/statement.ts';
import type { CorvidGraph, EdgeAttributes, EdgeKind } from './types.ts';

export const EDGE_KINDS: readonly EdgeKind[] = ['interstitial', 'reference', 'shared-identifier'];

/** What an analyst narrows a network to; every field optional, absent = no restriction. */
export interface NetworkFilter {
  /** ISO date (or prefix such as `2021-03`): keep edges that still hold on or after it. */
  from?: string;
  /** ISO date (or prefix): keep edges that began on or before it. */
  to?: string;
  /** With a time window, drop undated edges too (by default they are kept: no date is not "outside"). */
  datedOnly?: boolean;
  /** Edge schemata kept: FtM schema of interstitial edges, property of references, identifier type of shared identifiers. */
  schemata?: readonly string[];
  kinds?: readonly EdgeKind[];
  /** Only statements (hence nodes and edges) from these datasets. */
  datasets?: readonly string[];
  /** Lowest grading kept, e.g. `B2` (source A or B, information 1 or 2); Admiralty codes are mapped as in model/handling.ts. */
  minGrading?: string;
  /**
   * Handling codes kept. One code: that code and the ones before it in H0 < H1 < H2 < H3 (the contract's "max
   * handling code"); a list: exactly those codes (the codes are not a true scale, so e.g. `['H0', 'H2']` is allowed).
   */
  handling?: HandlingCode | readonly HandlingCode[];
}

/** A checked filter with its predicates. */
export interface CompiledFilter {
  readonly filter: NetworkFilter;
  /** Does this statement feed the graph? */
  statement(s: Pick<Statement, 'dataset' | 'grading' | 'handling'>): boolean;
  /** Is this edge kept? */
  edge(e: Pick<EdgeAttributes, 'kind' | 'schema' | 'start' | 'end' | 'datasets'>): boolean;
  /** True when no statement is ever refused (the loader then skips the check). */
  readonly allStatements: boolean;
}

const SOURCE_RANK: Readonly<Record<string, number>> = { A: 0, B: 1, C: 2, X: 3 };
// Compared after a date prefix: every continuation of the prefix sorts below it.
const AFTER_PREFIX = '\uffff';

function bad(message: string, details?: Record<string, unknown>): ValidationError {
  return new ValidationError('CORVID_ERR_VALIDATION', message, details);
}

function checkDate(name: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  const c = cleanDate(value);
  if (!c.ok) throw bad(`${name}: ${c.reason}`, { [name]: value });
  return c.value;
}

/**
 * Does the interval [start, end] overlap the window [from, to]? Dates may be prefixes (`2021` is the whole year):
 * a start is compared at its earliest instant, an end and `to` at their latest. A missing end means "still holds",
 * a missing start "since always"; with neither the edge is undated and `undated` is the answer.
 * @example overlaps('2021-03', undefined, '2021-01-01', '2021-03-15', true) // true
 */
export function overlaps(start: string | undefined, end: string | undefined, from: string | undefined, to: string | undefined, undated: boolean): boolean {
  if (start === undefined && end === undefined) return undated;
  if (to !== undefined && start !== undefined && start > to + AFTER_PREFIX) return false;
  if (from !== undefined && end !== undefined && end + AFTER_PREFIX < from) return false;
  return true;
}

/** Is grading `g` at least as good as `min` in both letters? `X` and `4` are the weakest. */
export function gradingAtLeast(g: Grading | string, min: Grading): boolean {
  const src = SOURCE_RANK[g[0] ?? 'X'] ?? 3;
  const info = Number(g[1] ?? '4');
  return src <= (SOURCE_RANK[min[0] ?? 'X'] ?? 3) && info <= Number(min[1]);
}

function handlingSet(h: NetworkFilter['handling']): ReadonlySet<string> | null {
  if (h === undefined) return null;
  if (typeof h === 'string') {
    const max = HANDLING_CODES.indexOf(parseHandlingCode(h));
    return new Set(HANDLING_CODES.slice(0, max + 1));
  }
  return new Set(h.map(parseHandlingCode));
}

/**
 * Checks a filter (dates, grading, handling codes, kinds) and returns its predicates. Invalid input is
 * CORVID_ERR_VALIDATION (or the model's grading/handling codes).
 * @example const f = compileFilter({ from: '2021', kinds: ['interstitial'] }); graph edges pass when f.edge(attrs)
 */
export function compileFilter(input: NetworkFilter = {}): CompiledFilter {
  const from = checkDate('from', input.from);
  const to = checkDate('to', input.to);
  if (from !== undefined && to !== undefined && from > to + AFTER_PREFIX) throw bad('from is after to', { from, to });
  const min = input.minGrading !== undefined ? parseGrading(input.minGrading) : undefined;
  const handling = handlingSet(input.handling);
  for (const k of input.kinds ?? []) if (!EDGE_KINDS.includes(k)) throw bad(`unknown edge kind: ${k}`, { kind: k, kinds: EDGE_KINDS });
  const kinds = input.kinds ? new Set<string>(input.kinds) : null;
  const schemata = input.schemata ? new Set(input.schemata) : null;
  const datasets = input.datasets ? new Set(input.datasets) : null;
  const windowed = from !== undefined || to !== undefined;
  const undated = !(windowed && input.datedOnly === true);
  return {
    filter: { ...input, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}), ...(min ? { minGrading: min } : {}) },
    allStatements: datasets === null && min === undefined && handling === null,
    statement: (s) =>
      (datasets === null || datasets.has(s.dataset)) &&
      (min === undefined || gradingAtLeast(s.grading, min)) &&
      (handling === null || handling.has(s.handling)),
    edge: (e) =>
      (kinds === null || kinds.has(e.kind)) &&
      (schemata === null || schemata.has(e.schema)) &&
      (datasets === null || e.datasets.some((d) => datasets.has(d))) &&
      (!windowed || overlaps(e.start, e.end, from, to, undated)),
  };
}

/** The filter compiled, or as it is when it was compiled already. */
export function asCompiled(f: NetworkFilter | CompiledFilter | undefined): CompiledFilter {
  return f !== undefined && 'edge' in f && typeof f.edge === 'function' ? f : compileFilter(f as NetworkFilter | undefined);
}

/**
 * A copy of the graph without the edges the filter refuses (nodes all kept), for filtering a graph that was
 * built already; statement-level parts of the filter (grading, handling) apply only when building.
 */
export function filterEdges(graph: CorvidGraph, filter: CompiledFilter): CorvidGraph {
  const out = graph.emptyCopy();
  graph.forEachEdge((key, attrs, source, target, _sa, _ta, undirected) => {
    if (!filter.edge(attrs)) return;
    if (undirected) out.addUndirectedEdgeWithKey(key, source, target, { ...attrs });
    else out.addDirectedEdgeWithKey(key, source, target, { ...attrs });
  });
  return out;
}
