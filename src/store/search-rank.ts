/**
 * The backend-neutral half of search: reading the query (normalised text, paging, candidate pool) and
 * ranking the candidates a backend's index found with the shared scorer, so SQLite and PostgreSQL rank alike.
 */
import type { Entity } from '../model/statement.ts';
import type { SearchHit, SearchQuery } from './port.ts';
import { containsAllTokens, FUZZY_THRESHOLD, normalizeText, searchScore } from './visibility.ts';

export interface SearchPlan {
  /** The query, normalised (normalizeText). */
  norm: string;
  limit: number;
  offset: number;
  /** How many candidates to fetch from the index. */
  pool: number;
  fuzzy: boolean;
}

/** A value the index found: its entity, the value as stored, and (if the backend has it) its normalised form. */
export interface Candidate {
  entityId: string;
  value: string;
  normalized?: string;
}

/** Reads the query; null when it is shorter than three characters after normalisation (it finds nothing). */
export function planSearch(q: SearchQuery): SearchPlan | null {
  const norm = normalizeText(q.text);
  if (norm.length < 3) return null;
  const limit = Math.min(Math.max(Math.floor(q.limit ?? 20), 1), 500);
  const offset = Math.max(Math.floor(q.offset ?? 0), 0);
  return { norm, limit, offset, pool: Math.min(Math.max((offset + limit) * 10, 200), 5000), fuzzy: q.fuzzy !== false };
}

/**
 * Scores the candidates, keeps each entity's best value, and returns the requested page: best first,
 * ties by entity id. Exact mode keeps only values holding every query token; fuzzy mode drops scores
 * below FUZZY_THRESHOLD.
 */
export function rankCandidates(plan: SearchPlan, candidates: Iterable<Candidate>): [entityId: string, best: { score: number; matched: string }][] {
  const best = new Map<string, { score: number; matched: string }>();
  for (const c of candidates) {
    const value = c.normalized ?? normalizeText(c.value);
    if (!plan.fuzzy && !containsAllTokens(plan.norm, value)) continue;
    const score = searchScore(plan.norm, value);
    if (plan.fuzzy && score < FUZZY_THRESHOLD) continue;
    const prev = best.get(c.entityId);
    if (!prev || score > prev.score) best.set(c.entityId, { score, matched: c.value });
  }
  return [...best].sort(([a, x], [b, y]) => y.score - x.score || (a < b ? -1 : a > b ? 1 : 0)).slice(plan.offset, plan.offset + plan.limit);
}

/** The page as hits, with the entities as the caller sees them (an entity gone invisible meanwhile is left out). */
export function toHits(ranked: ReturnType<typeof rankCandidates>, entities: readonly Entity[]): SearchHit[] {
  const byId = new Map(entities.map((e) => [e.id, e]));
  return ranked.flatMap(([id, m]) => {
    const entity = byId.get(id);
    return entity ? [{ entity, score: Math.round(m.score * 1000) / 1000, matched: m.matched }] : [];
  });
}
