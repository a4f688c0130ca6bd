/**
 * SQLite full-text search: an FTS5 trigram index over normalised names and identifiers finds candidates
 * (substring hits, and for typo tolerance any shared trigram), then the shared scorer re-ranks them.
 */
import type { Context } from '../../model/context.ts';
import type { Model } from '../../model/schema.ts';
import type { SearchHit, SearchQuery } from '../port.ts';
import { planSearch, rankCandidates, toHits } from '../search-rank.ts';
import { tokenTrigrams } from '../visibility.ts';
import { and, inDatasets, inList, prep, visibleSql, type Db, type Params } from './sql.ts';
import { getEntities } from './statements.ts';

const quote = (t: string): string => `"${t.replaceAll('"', '""')}"`;

/** Up to `pool` visible candidate values matching the FTS expression, best bm25 first. */
function candidates(db: Db, ctx: Context, q: SearchQuery, match: string, pool: number): { entity: string; value: string }[] {
  const params: Params = { match, pool };
  const where = and([
    'search_fts MATCH @match',
    visibleSql(ctx, params),
    inDatasets('e.id', 'f_ds', q.datasets, params),
    inList('s.schema', 'f_schemata', q.schemata, params),
  ]);
  const sql = `SELECT e.id AS entity, s.value AS value FROM search_fts JOIN statement s ON s.rowid = search_fts.rowid
    JOIN entity e ON e.no = s.entity_no WHERE ${where} ORDER BY search_fts.rank LIMIT @pool`;
  return prep(db, sql).all(params) as { entity: string; value: string }[];
}

/**
 * Searches names and identifiers the caller may see. Exact mode: every query token occurs in the value
 * (token order free). Fuzzy mode (default) adds values sharing trigrams with the query, kept when the
 * typo-tolerant score reaches FUZZY_THRESHOLD. One hit per entity, best first, ties by entity id.
 * Queries shorter than three characters (after normalisation) find nothing.
 * @example search(db, model, ctx, { text: 'Jon Smiht' }) // [{ entity: John Smith, score: 0.74, matched: 'John Smith' }, …]
 */
export function search(db: Db, model: Model, ctx: Context, q: SearchQuery): SearchHit[] {
  const plan = planSearch(q);
  if (!plan) return [];
  const { norm, pool } = plan;
  const long = norm.split(' ').filter((t) => t.length >= 3);
  const found = candidates(db, ctx, q, long.length > 0 ? long.map(quote).join(' AND ') : quote(norm), pool);
  if (plan.fuzzy) {
    const grams = tokenTrigrams(norm);
    const expr = (grams.length > 0 ? grams : [norm.slice(0, 3)]).map(quote).join(' OR ');
    found.push(...candidates(db, ctx, q, expr, pool));
  }
  const ranked = rankCandidates(
    plan,
    found.map((c) => ({ entityId: c.entity, value: c.value })),
  );
  return toHits(
    ranked,
    getEntities(
      db,
      model,
      ctx,
      ranked.map(([id]) => id),
    ),
  );
}
