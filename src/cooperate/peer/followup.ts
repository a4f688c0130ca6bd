/**
 * Follow-up requests after a hit — which selector, which case, which legal basis — and their fate.
 * A request's state is its audit records (sent/received, accept/decline, disclosure sent/received): the
 * hash-chained log has to hold every step anyway, so it is the one record of the workflow (no second
 * table to drift from it). `foldFollowUps` is pure; the rest is the I/O edge.
 */
import { randomUUID } from 'node:crypto';
import { CorvidError, NotFoundError } from '../../errors.ts';
import { parseCompartment } from '../../model/handling.ts';
import type { Context } from '../../model/context.ts';
import type { AuditRecord, JsonObject, Store } from '../../store/port.ts';
import type { NodeIdentity } from '../node/identity.ts';
import { ACTIONS, exchangeEvent } from './audit-events.ts';
import { peerClient } from './client.ts';
import { buildBundle, disclosedDetail } from './disclose.ts';
import { normalizeSelector, parseSelectorType, type SelectorType } from './holdings.ts';
import { getPeer } from './peers.ts';

export type FollowUpStatus = 'pending' | 'accepted' | 'delivered' | 'declined' | 'received';

export interface FollowUp {
  id: string;
  exchange: string;
  direction: 'incoming' | 'outgoing';
  peer: string;
  type: SelectorType;
  selector: string;
  case: string;
  legalBasis: string;
  requestedBy: string;
  at: string;
  status: FollowUpStatus;
  decidedBy?: string;
  reason?: string;
  disclosed?: JsonObject;
}

export interface FollowUpInit {
  exchange: string;
  type: string;
  selector: string;
  case: string;
  legalBasis: string;
}

const FOLLOW_ACTIONS = [ACTIONS.requestSent, ACTIONS.requestReceived, ACTIONS.accept, ACTIONS.decline, ACTIONS.declined, ACTIONS.disclosureSent, ACTIONS.disclosureReceived];

/** Applies one audit record to the requests it concerns. Pure. */
function apply(map: Map<string, FollowUp>, r: AuditRecord): void {
  const d = r.detail as Record<string, unknown>;
  const id = typeof d.request === 'string' ? d.request : '';
  if (r.action === ACTIONS.requestSent || r.action === ACTIONS.requestReceived) {
    if (map.has(id)) return;
    const str = (k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
    map.set(id, {
      id, exchange: r.target, direction: r.action === ACTIONS.requestSent ? 'outgoing' : 'incoming', peer: str('peer'), type: str('type') as SelectorType,
      selector: str('selector'), case: str('case'), legalBasis: str('legalBasis'), requestedBy: str('requestedBy'), at: r.at, status: 'pending',
    });
    return;
  }
  const f = map.get(id);
  if (!f) return;
  if (r.action === ACTIONS.accept) Object.assign(f, { status: 'accepted', decidedBy: r.actor });
  if (r.action === ACTIONS.decline || r.action === ACTIONS.declined) Object.assign(f, { status: 'declined', decidedBy: r.actor, reason: String(d.reason ?? '') });
  if (r.action === ACTIONS.disclosureSent && d.delivered === true) Object.assign(f, { status: 'delivered', disclosed: d.disclosed as JsonObject });
  if (r.action === ACTIONS.disclosureReceived) Object.assign(f, { status: 'received', disclosed: d.received as JsonObject });
}

/** Folds audit records (in sequence order) into follow-up requests, newest first. Pure. */
export function foldFollowUps(records: readonly AuditRecord[]): FollowUp[] {
  const map = new Map<string, FollowUp>();
  for (const r of [...records].sort((a, b) => a.seq - b.seq)) apply(map, r);
  return [...map.values()].reverse();
}

/**
 * Every follow-up this node sent or received, with its status.
 * @example const pending = (await listFollowUps(ctx, store)).filter((f) => f.direction === 'incoming' && f.status === 'pending');
 */
export async function listFollowUps(ctx: Context, store: Store): Promise<FollowUp[]> {
  const records: AuditRecord[] = [];
  for (const action of FOLLOW_ACTIONS) {
    for (let after = 0; ; ) {
      const page = await store.listAudit(ctx, { action, afterSeq: after, limit: 10_000 });
      records.push(...page);
      if (page.length < 10_000) break;
      after = page[page.length - 1]!.seq;
    }
  }
  return foldFollowUps(records);
}

export async function getFollowUp(ctx: Context, store: Store, id: string): Promise<FollowUp> {
  const f = (await listFollowUps(ctx, store)).find((x) => x.id === id);
  if (!f) throw new NotFoundError('follow-up request', id);
  return f;
}

/** A request as both sides record it (the requester's view of the selector is normalised first). */
export function followUpDetail(id: string, peer: string, init: FollowUpInit, requestedBy: string): JsonObject {
  const type = parseSelectorType(init.type);
  const selector = normalizeSelector(type, init.selector);
  if (!selector) throw new CorvidError('CORVID_ERR_VALIDATION', `not a ${type} selector: ${init.selector}`);
  if (init.legalBasis.trim() === '') throw new CorvidError('CORVID_ERR_VALIDATION', 'a follow-up needs its legal basis');
  return { request: id, peer, type, selector, case: parseCompartment(init.case), legalBasis: init.legalBasis.trim(), requestedBy };
}

/**
 * Sends a follow-up to the peer and records it.
 * @example await sendFollowUp(ctx, store, me, dataDir, 'police-b', { exchange, type: 'phone', selector: '+31612345678', case: 'op-falco', legalBasis: 'Art. 39 CISA' });
 */
export async function sendFollowUp(ctx: Context, store: Store, me: NodeIdentity, dataDir: string, peerName: string, init: FollowUpInit): Promise<FollowUp> {
  const peer = getPeer(dataDir, peerName);
  const id = randomUUID();
  const detail = followUpDetail(id, peer.name, init, ctx.actor);
  await peerClient(me, peer, { signal: ctx.signal }).call('/requests', { ...detail, exchange: init.exchange, peer: me.name });
  await store.appendAudit(ctx, exchangeEvent('requestSent', init.exchange, detail));
  return getFollowUp(ctx, store, id);
}

function incoming(f: FollowUp, allowed: readonly FollowUpStatus[]): void {
  if (f.direction !== 'incoming') throw new CorvidError('CORVID_ERR_PEER_REQUEST_STATE', 'this request was sent by this node; the peer decides it');
  if (!allowed.includes(f.status)) throw new CorvidError('CORVID_ERR_PEER_REQUEST_STATE', `the request is ${f.status}`, { status: f.status });
}

/**
 * Accepts an incoming request: discloses what the peer may receive and delivers it. Accepting again an
 * accepted request whose delivery failed retries the delivery.
 * @example const f = await acceptFollowUp(ctx, store, me, dataDir, id);
 */
export async function acceptFollowUp(ctx: Context, store: Store, me: NodeIdentity, dataDir: string, id: string): Promise<FollowUp> {
  const f = await getFollowUp(ctx, store, id);
  incoming(f, ['pending', 'accepted']);
  const peer = getPeer(dataDir, f.peer);
  const bundle = await buildBundle(ctx, store, peer, f.type, f.selector);
  const disclosed = disclosedDetail(bundle);
  const base = { request: id, peer: peer.name, selector: f.selector, case: f.case, legalBasis: f.legalBasis };
  if (f.status === 'pending') await store.appendAudit(ctx, exchangeEvent('accept', f.exchange, { ...base, disclosed }));
  try {
    await peerClient(me, peer, { signal: ctx.signal }).call('/disclosures', { request: id, exchange: f.exchange, parts: bundle.parts as unknown as JsonObject[] });
  } catch (err) {
    await store.appendAudit(ctx, exchangeEvent('disclosureSent', f.exchange, { ...base, delivered: false, error: (err as CorvidError).code ?? 'CORVID_ERR_INTERNAL' }));
    throw err;
  }
  await store.appendAudit(ctx, exchangeEvent('disclosureSent', f.exchange, { ...base, delivered: true, disclosed }));
  return getFollowUp(ctx, store, id);
}

/**
 * Declines an incoming request with a reason, and tells the peer (if it can be reached).
 * @example await declineFollowUp(ctx, store, me, dataDir, id, 'no legal basis for this case');
 */
export async function declineFollowUp(ctx: Context, store: Store, me: NodeIdentity, dataDir: string, id: string, reason: string): Promise<FollowUp & { notified: boolean }> {
  const f = await getFollowUp(ctx, store, id);
  incoming(f, ['pending']);
  if (reason.trim() === '') throw new CorvidError('CORVID_ERR_VALIDATION', 'a decline needs its reason');
  await store.appendAudit(ctx, exchangeEvent('decline', f.exchange, { request: id, peer: f.peer, selector: f.selector, reason: reason.trim() }));
  const notified = await peerClient(me, getPeer(dataDir, f.peer), { signal: ctx.signal })
    .call('/decisions', { request: id, exchange: f.exchange, decision: 'declined', reason: reason.trim() })
    .then(() => true, () => false);
  return { ...(await getFollowUp(ctx, store, id)), notified };
}
