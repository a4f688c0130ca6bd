// The link chart's calls to the public API (network, charts, search, entities), typed after the contract.
import { api } from '../api.ts';
import type { AnalysisAnswer, AnalysisInfo, ChartState, ChartSummary, EntityRecord, NetworkView, PathsAnswer, SavedChart } from './types.ts';

const enc = encodeURIComponent;

/** GET /search: entities whose name or identifier matches. */
export function searchEntities(q: string, signal?: AbortSignal): Promise<{ results: { entity: EntityRecord; score: number; matched: string }[] }> {
  return api('GET', `/search?q=${enc(q)}&limit=12`, undefined, signal);
}

/** GET /network/expand/:id — the entity, its neighbours (optionally only through some link kinds or schemata), and the links among them. */
export function expand(id: string, filter: { kinds?: string[]; schemata?: string[]; limit?: number } = {}): Promise<NetworkView> {
  const qs = new URLSearchParams();
  if (filter.kinds?.length) qs.set('kinds', filter.kinds.join(','));
  if (filter.schemata?.length) qs.set('schemata', filter.schemata.join(','));
  qs.set('limit', String(filter.limit ?? 200));
  return api('GET', `/network/expand/${enc(id)}?${qs}`);
}

/** POST /network/subgraph: the given entities and every link among them. */
export function subgraph(ids: string[]): Promise<NetworkView> {
  return api('POST', '/network/subgraph', { ids });
}

/** POST /network/paths between two entities. */
export function findPaths(body: { from: string; to: string; maxHops: number; mode: 'shortest' | 'all'; limit?: number }): Promise<PathsAnswer> {
  return api('POST', '/network/paths', body);
}

export function listAnalyses(): Promise<AnalysisInfo[]> {
  return api('GET', '/network/analyses');
}

/** POST /network/analyze restricted to the entities on the chart. */
export function analyze(algorithm: string, ids: string[], params?: Record<string, unknown>): Promise<AnalysisAnswer> {
  return api('POST', '/network/analyze', { algorithm, ids, ...(params ? { params } : {}) });
}

/** POST /network/annotations: per-entity results saved on the entities. */
export function annotate(body: { algorithm: string; params: Record<string, unknown>; result: Record<string, number>; property: 'communityId' | 'score'; compartment: string }): Promise<{ written: number; unchanged: number; source: string }> {
  return api('POST', '/network/annotations', body);
}

export function listCharts(): Promise<ChartSummary[]> {
  return api('GET', '/charts');
}

export function getChart(id: string): Promise<SavedChart> {
  return api('GET', `/charts/${enc(id)}`);
}

export function putChart(id: string, body: { name: string; case: string; state: ChartState }): Promise<SavedChart> {
  return api('PUT', `/charts/${enc(id)}`, body);
}

export function deleteChart(id: string): Promise<unknown> {
  return api('DELETE', `/charts/${enc(id)}`);
}

/** GET /entities/:id without its incoming links (the details panel shows properties only). */
export function getEntity(id: string, signal?: AbortSignal): Promise<EntityRecord> {
  return api('GET', `/entities/${enc(id)}?links=0`, undefined, signal);
}
