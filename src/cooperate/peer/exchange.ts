/**
 * The requester's side of an exchange, end to end: read the selectors that may go to the peer, open a
 * session, send the batches with progress, read the peer's encoded set, compute the hits locally, and
 * audit it all under one exchange id (a store job, so it can be listed and cancelled). Nothing is
 * computed before every message has arrived, so a peer dying mid-way leaves no partial result.
 */
import { randomUUID } from 'node:crypto';
import { CorvidError, isCorvidError } from '../../errors.ts';
import type { Context } from '../../model/context.ts';
import type { JsonObject, JsonValue, Store } from '../../store/port.ts';
import { runFuzzyRequester } from '../fuzzy/protocol.ts';
import { runRequester, type Reveal } from '../psi/index.ts';
import type { NodeIdentity } from '../node/identity.ts';
import { exchangeEvent } from './audit-events.ts';
import { peerClient, type PeerClient, type WireMessage } from './client.ts';
import { holdings, type Holdings, type SelectorType } from './holdings.ts';
import type { Peer } from './peers.ts';
import type { MatchMode } from './sessions.ts';

export interface MatchOptions {
  type: SelectorType;
  mode: MatchMode;
  /** Exact matching only: let the peer learn the intersection too. */
  both?: boolean;
  /** Fuzzy only: the lowest Dice coefficient that counts as a hit (default 0.8). */
  threshold?: number;
  /** Selectors per batch (default the protocol's). */
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  onMessage?: (m: WireMessage) => void;
}

export interface MatchHit {
  selector: string;
  score?: number;
  entities: { id: string; caption: string; schema: string }[];
}

export interface MatchOutcome {
  exchange: string;
  peer: string;
  type: SelectorType;
  mode: MatchMode;
  selectors: number;
  peerSelectors: number;
  /** The hits (intersection and fuzzy modes), or null in cardinality mode. */
  hits: MatchHit[] | null;
  /** How many selectors are in common. */
  count: number;
}

interface Found {
  /** Own selectors that hit, with a score for fuzzy hits; null when only the count is known. */
  hits: { selector: string; score?: number }[] | null;
  count: number;
  peerSize: number;
}

/** Runs the protocol's requester steps over the signed transport; nothing is kept unless it all completes. */
async function runProtocol(ctx: Context, client: PeerClient, exchange: string, own: Holdings, opts: MatchOptions, checkCancel: () => Promise<void>): Promise<Found> {
  let peerSize = 0;
  const send = async (msg: unknown): Promise<unknown> => {
    // Between batches: a `corvid jobs cancel` (or POST /jobs/:id/cancel) from another process stops the exchange here.
    await checkCancel();
    const reply = await client.call<Record<string, unknown>>(`/exchanges/${exchange}/messages`, { requestedBy: ctx.actor, msg: msg as JsonValue });
    if ((reply.type === 'psi.accept' || reply.type === 'fuzzy.accept') && typeof reply.size === 'number') peerSize = reply.size;
    return reply;
  };
  const progress = opts.onProgress;
  const common = { ...(opts.batchSize ? { batchSize: opts.batchSize } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) };
  if (opts.mode === 'fuzzy') {
    const hits = await runFuzzyRequester({ names: own.selectors, ...(opts.threshold ? { threshold: opts.threshold } : {}), ...common, ...(progress ? { onProgress: progress } : {}) }, send);
    const best = new Map<string, number>();
    for (const h of hits) best.set(h.name, Math.max(best.get(h.name) ?? 0, h.dice));
    return { hits: [...best].map(([selector, score]) => ({ selector, score })), count: best.size, peerSize };
  }
  const reveal: Reveal = opts.mode === 'cardinality' ? 'cardinality' : opts.both ? 'both' : 'requester';
  const r = await runRequester({ selectorType: own.type, selectors: own.selectors, reveal, ...common, ...(progress ? { onProgress: (p) => progress(p.done, p.total) } : {}) }, send);
  return { hits: r.intersection ? r.intersection.sort().map((selector) => ({ selector })) : null, count: r.cardinality, peerSize: r.responderSize };
}

async function hitsOf(ctx: Context, store: Store, own: Holdings, found: Found): Promise<MatchHit[] | null> {
  if (!found.hits) return null;
  const out: MatchHit[] = [];
  for (const h of found.hits) {
    const entities = await store.getEntities(ctx, own.holders.get(h.selector) ?? []);
    out.push({ ...h, entities: entities.map((e) => ({ id: e.id, caption: e.caption, schema: e.schema })) });
  }
  return out;
}

/**
 * Runs one exchange with a peer and answers the hits (the local entities holding each common selector).
 * @example
 * const out = await runMatch(ctx, store, me, getPeer(dataDir, 'police-b'), { type: 'phone', mode: 'intersection' });
 * for (const h of out.hits ?? []) console.log(h.selector, h.entities.map((e) => e.caption));
 */
export async function runMatch(ctx: Context, store: Store, me: NodeIdentity, peer: Peer, opts: MatchOptions): Promise<MatchOutcome> {
  const exchange = randomUUID();
  const own = await holdings(ctx, store, peer, opts.type);
  const base: JsonObject = { peer: peer.name, role: 'requester', type: opts.type, mode: opts.mode, requestedBy: ctx.actor };
  const job = await store.createJob(ctx, { id: `match-${exchange}`, kind: 'match', params: { ...base, exchange } });
  await store.startJob(ctx, job.id, `${process.pid}`);
  await store.appendAudit(ctx, exchangeEvent('start', exchange, { ...base, ownSelectors: own.selectors.length }));
  const client = peerClient(me, peer, { signal: ctx.signal, onMessage: opts.onMessage });
  let opened = false;
  try {
    const checkCancel = async (): Promise<void> => {
      if ((await store.getJob(ctx, job.id))?.cancelRequested) throw new CorvidError('CORVID_ERR_JOB_CANCELLED', `the exchange ${exchange} was cancelled; no result was computed or kept`, { exchange });
    };
    await checkCancel();
    opened = true;
    const found = await runProtocol(ctx, client, exchange, own, opts, checkCancel);
    await checkCancel();
    await client.call(`/exchanges/${exchange}/report`, { hits: found.count });
    const hits = await hitsOf(ctx, store, own, found);
    const outcome: MatchOutcome = { exchange, peer: peer.name, type: opts.type, mode: opts.mode, selectors: own.selectors.length, peerSelectors: found.peerSize, hits, count: found.count };
    await store.appendAudit(ctx, exchangeEvent('finish', exchange, { ...base, ownSelectors: own.selectors.length, peerSelectors: found.peerSize, hits: found.count, disclosed: 'blinded selectors only' }));
    await store.finishJob(ctx, job.id, { state: 'done', result: { exchange, hits: found.count, selectors: own.selectors.length, peerSelectors: found.peerSize } });
    return outcome;
  } catch (err) {
    await failed(ctx, store, client, opened, exchange, job.id, base, err);
    throw err;
  }
}

/** Records the failure on this side and, when the peer is still there, drops its session. */
async function failed(ctx: Context, store: Store, client: PeerClient, opened: boolean, exchange: string, jobId: string, base: JsonObject, err: unknown): Promise<void> {
  const cancelled = isCorvidError(err) && (err.code === 'CORVID_ERR_JOB_CANCELLED' || err.code === 'CORVID_ERR_ABORTED');
  const code = isCorvidError(err) ? err.code : 'CORVID_ERR_INTERNAL';
  if (opened && !(isCorvidError(err) && err.code === 'CORVID_ERR_PEER_UNREACHABLE')) {
    await client.call(`/exchanges/${exchange}/cancel`, { reason: code }).catch(() => undefined);
  }
  const sys = { ...ctx, signal: undefined } as Context;
  await store.appendAudit(sys, exchangeEvent(cancelled ? 'cancel' : 'fail', exchange, { ...base, error: code, message: (err as Error).message, disclosed: 'blinded selectors only; no result kept' })).catch(() => undefined);
  await store.finishJob(sys, jobId, { state: cancelled ? 'cancelled' : 'failed', error: (err as Error).message }).catch(() => undefined);
}
