/**
 * `corvid resolve run`: loads what the caller may see, compares new and changed records against
 * everything, records the merges as rule judgements and the uncertain pairs in the review queue.
 */
import { hash, randomBytes } from 'node:crypto';
import type { Context } from '../model/context.ts';
import type { Model } from '../model/schema.ts';
import type { Judgement, JudgementInit, JsonValue, ReviewCandidateInit, Store } from '../store/port.ts';
import { loadCanonical, type CanonicalView } from './canonical.ts';
import type { FsModel } from './engine/fellegi-sunter.ts';
import { fingerprint, toRecord, type Family, type ResolveRecord } from './engine/record.ts';
import { resolveRecords, type EngineResult, type ResolveOptions } from './engine/resolve.ts';

export interface ResolveRunOptions extends ResolveOptions {
  /** Compare everything and retrain, ignoring what earlier runs remember. */
  full?: boolean;
  /** Retrain the models even on an incremental run. */
  retrain?: boolean;
  onProgress?: (stage: string) => void;
}

export interface ResolveRunResult {
  run: string;
  records: number;
  /** Records compared as new or changed (all of them on a full run). */
  changed: number;
  incremental: boolean;
  judgements: number;
  review: number;
  stats: EngineResult['stats'];
  /** Entity id → canonical id after the run (entities in groups only). */
  canonical: Map<string, string>;
  groups: CanonicalView['groups'];
  seconds: { load: number; resolve: number; write: number };
}

/** Judgements whose retraction was an undo of a whole run: their pairs may be judged again. */
export const RUN_UNDO_PREFIX = 'undo of run ';

/** The resolver's memory is per visibility: who sees other records gets other fingerprints and models. */
export function scopeOf(ctx: Context): string {
  const comps = ctx.compartments === '*' ? '*' : [...ctx.compartments].sort().join(',');
  return hash('sha1', `${comps}|${ctx.tlpCeiling}`, 'hex').slice(0, 16);
}

const ROOTS = ['Person', 'Organization', 'LegalEntity', 'Address', 'BankAccount', 'CryptoWallet'];

export function resolvableSchemata(model: Model): string[] {
  return [...new Set(ROOTS.flatMap((r) => [r, ...model.descendants(r)]))];
}

async function loadRecords(ctx: Context, store: Store): Promise<ResolveRecord[]> {
  const records: ResolveRecord[] = [];
  for await (const e of store.iterateEntities(ctx, { schemata: resolvableSchemata(store.model) })) {
    ctx.signal?.throwIfAborted();
    const r = toRecord(store.model, e, records.length);
    if (r) records.push(r);
  }
  return records;
}

function pairKey(a: number, b: number): string {
  return a < b ? `${a},${b}` : `${b},${a}`;
}

/**
 * Runs resolution for the caller.
 * @example const r = await resolveStore(ctx, store, {}); console.log(r.judgements, r.review);
 */
export async function resolveStore(ctx: Context, store: Store, opts: ResolveRunOptions): Promise<ResolveRunResult> {
  const t0 = performance.now();
  const scope = scopeOf(ctx);
  opts.onProgress?.('loading records');
  const records = await loadRecords(ctx, store);
  const index = new Map(records.map((r) => [r.id, r.idx]));
  const judgements: Judgement[] = [];
  for await (const batch of store.iterateJudgements(ctx, {}, 10_000)) for (const j of batch) judgements.push(j);
  const positives: [number, number][] = [];
  const negatives: [number, number][] = [];
  const blocked = new Set<string>();
  for (const j of judgements) {
    const a = index.get(j.left);
    const b = index.get(j.right);
    if (a === undefined || b === undefined) continue;
    if (j.retractedAt) {
      // A judgement a user undid on its own stays undone: the automatic pass sends the pair to review instead.
      if (!j.retractReason?.startsWith(RUN_UNDO_PREFIX)) blocked.add(pairKey(a, b));
    } else if (j.verdict === 'positive') positives.push([a, b]);
    else if (j.verdict === 'negative') negatives.push([a, b]);
    else blocked.add(pairKey(a, b));
  }
  const prints = records.map((r) => hash('sha1', fingerprint(r), 'base64url'));
  const known = new Map<string, string>();
  if (!opts.full) for await (const batch of store.iterateFingerprints(ctx, scope, 50_000)) for (const [id, fp] of batch) known.set(id, fp);
  const incremental = known.size > 0;
  let changed: Uint8Array | undefined;
  let changedCount = records.length;
  if (incremental) {
    changed = new Uint8Array(records.length);
    changedCount = 0;
    for (const r of records) {
      if (known.get(r.id) === prints[r.idx]) continue;
      changed[r.idx] = 1;
      changedCount++;
    }
  }
  const models = incremental && !opts.retrain ? ((await store.getResolveState(ctx, scope, 'models')) as Partial<Record<Family, FsModel>> | null) : null;
  const t1 = performance.now();
  opts.onProgress?.('comparing');
  const result = resolveRecords({
    records, changed, models: models ?? undefined, positives, negatives, blocked: (a, b) => blocked.has(pairKey(a, b)), options: opts,
  });
  const t2 = performance.now();
  opts.onProgress?.('writing judgements');
  const run = `run-${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
  const rows: JudgementInit[] = result.links.map((l) => ({
    left: records[l.a].id, right: records[l.b].id, verdict: 'positive', by: 'rule', rule: l.rule, score: Math.round(l.probability * 1e6) / 1e6,
    reason: l.reason, explanation: l.explanation as unknown as JsonValue, run,
  }));
  const detail = {
    records: records.length, changed: changedCount, incremental, judgements: rows.length, review: result.review.length, identifierLinks: result.stats.identifierLinks,
  };
  await store.addJudgements(ctx, rows, { action: 'resolve.run', target: run, detail });
  const review: ReviewCandidateInit[] = result.review.map((c) => ({
    left: records[c.a].id, right: records[c.b].id, probability: Math.round(c.probability * 1e6) / 1e6, priority: c.priority,
    explanation: { why: c.why, ...c.explanation } as unknown as JsonValue,
  }));
  if (review.length) await store.putReviewCandidates(ctx, run, review);
  const changedPrints: [string, string][] = records.filter((r) => !changed || changed[r.idx]).map((r) => [r.id, prints[r.idx]]);
  await store.putFingerprints(ctx, scope, changedPrints);
  await store.putResolveState(ctx, scope, 'models', result.models as unknown as JsonValue);
  const view = await loadCanonical(ctx, store);
  const t3 = performance.now();
  return {
    run, records: records.length, changed: changedCount, incremental, judgements: rows.length, review: review.length, stats: result.stats,
    canonical: view.canonicalOf, groups: view.groups,
    seconds: { load: (t1 - t0) / 1000, resolve: (t2 - t1) / 1000, write: (t3 - t2) / 1000 },
  };
}
