/**
 * PostgreSQL search: pg_trgm finds candidates through the GIN index on the normalised names and
 * identifiers, then the scorer shared with SQLite (visibility.ts) re-ranks them, so both backends rank alike.
 */
import type { Context } from '../../model/context.ts';
import type { Model } from '../../model/schema.ts';
import type { SearchHit, SearchQuery } from '../port.ts';
import { planSearch, rankCandidates, toHits } from '../search-rank.ts';
import { isSearchable, normalizeText } from '../visibility.ts';
import { inTransaction, Params, visible, type Db, type Row } from './sql.ts';
import { entitiesByIds } from './statements.ts';

/** The indexed form of a statement's value (normalizeText), or null when its property type is not searched. */
export function searchText(model: Model, schema: string, prop: string, value: string): string | null {
  if (!isSearchable(model, schema, prop)) return null;
  const n = normalizeText(value);
  return n === '' ? null : n;
}

/**
 * Candidate rows, most similar first. Exact mode: every query token is a substring of the value (LIKE,
 * served by the trigram index). Fuzzy mode adds values trigram-similar to the query as a whole (`%`), to
 * a run of its words (`<%`), or to its spaceless form (identifiers written with or without separators).
 */
async function candidates(db: Db, ctx: Context, q: SearchQuery, norm: string, fuzzy: boolean, pool: number): Promise<Row[]> {
  const p = new Params();
  const text = p.add(norm);
  const compact = p.add(norm.replaceAll(' ', ''));
  const allTokens = norm
    .split(' ')
    .map((t) => `search LIKE ${p.add(`%${t}%`)}`)
    .join(' AND ');
  const match = fuzzy ? `((${allTokens}) OR search % ${text} OR ${text} <% search OR search % ${compact})` : `(${allTokens})`;
  const parts = ['search IS NOT NULL', match, visible(ctx, p)];
  if (q.schemata) parts.push(`schema = ANY(${p.add([...q.schemata])}::text[])`);
  if (q.datasets) parts.push(`dataset = ANY(${p.add([...q.datasets])}::text[])`);
  const sql = `SELECT entity_id, value, search FROM statements WHERE ${parts.join(' AND ')}
    ORDER BY greatest(similarity(search, ${text}), word_similarity(${text}, search), similarity(search, ${compact})) DESC, entity_id
    LIMIT ${p.add(pool)}`;
  return inTransaction(db, async () => {
    // Loose thresholds, local to this transaction: the index yields enough candidates, the scorer decides.
    // No sequential scans: right after a bulk import the table has no statistics yet, and the planner
    // would scan every statement rather than trust the trigram index that always serves this query.
    await db.query(`SELECT set_config('pg_trgm.similarity_threshold', '0.2', true), set_config('pg_trgm.word_similarity_threshold', '0.4', true),
      set_config('enable_seqscan', 'off', true)`);
    return (await db.query(sql, p.values)).rows;
  });
}

/**
 * Searches the names and identifiers the caller may see: one hit per entity, best first, ties by entity
 * id; fuzzy hits below FUZZY_THRESHOLD are dropped. Queries shorter than three characters find nothing.
 * Runs on one dedicated connection (`db`), since the thresholds are set for its transaction.
 * @example await search(client, model, ctx, { text: 'Jon Smiht' }) // [{ entity: John Smith, score: 0.74, matched: 'John Smith' }, …]
 */
export async function search(db: Db, model: Model, ctx: Context, q: SearchQuery): Promise<SearchHit[]> {
  const plan = planSearch(q);
  if (!plan) return [];
  const rows = await candidates(db, ctx, q, plan.norm, plan.fuzzy, plan.pool);
  const ranked = rankCandidates(
    plan,
    rows.map((r) => ({ entityId: r.entity_id as string, value: r.value as string, normalized: r.search as string })),
  );
  return toHits(
    ranked,
    await entitiesByIds(
      db,
      model,
      ctx,
      ranked.map(([id]) => id),
    ),
  );
}
