// The PSI responder: one step per incoming message (hello, blinded batches, page fetches, returns, done), each answered by one message.
import { CorvidError } from '../../errors.ts';
import type { SelectorType } from '../selectors.ts';
import { newScalar, POINT_BYTES } from './group.ts';
import { inlineEngine, type PsiEngine } from './engine.ts';
import { pack, parseMessage, PSI_VERSION, unpack, type PsiMessage, type Reveal } from './messages.ts';
import { batchCount, batchRange, expectCount, newNonce, pointKeys, sessionDst, sessionError, shuffledDistinct, shufflePoints } from './session.ts';

/** How a node answers PSI requests for one selector type. */
export interface ResponderOptions {
  selectorType: SelectorType;
  /** The node's normalised selectors of that type (see normalizeSelector); duplicates are dropped. */
  selectors: Iterable<string>;
  engine?: PsiEngine;
  /** Reveal modes this node agrees to (default all). A node may, e.g., refuse to let the requester learn positions. */
  allowReveal?: readonly Reveal[];
  /** Largest requester set accepted (default 10,000,000): a huge set is a probe of the whole selector space. */
  maxRequesterSize?: number;
}

/** What the responder learned when the exchange is over (reveal responder/both): its own selectors in the intersection. */
export interface ResponderResult {
  session: string;
  reveal: Reveal;
  requesterSize: number;
  responderSize: number;
  intersection?: string[];
}

/** The responder's state for one session; the steps below mutate it. */
export interface ResponderState {
  opts: ResponderOptions;
  engine: PsiEngine;
  ys: string[];
  session?: string;
  reveal?: Reveal;
  requesterSize: number;
  batchSize: number;
  scalar: Buffer;
  /** H(y)^b per page, computed in the background from the moment the session opens. */
  ownPages: Array<Promise<Buffer>>;
  /** H(x)^ab per requester batch. */
  reblinded: Buffer[];
  shuffled?: Buffer;
  /** H(y)^ba per own page, returned by the requester. */
  returned: Buffer[];
  result?: ResponderResult;
}

/**
 * A responder over the node's selectors of one type; `respond` then answers each message of one session.
 * @example const r = createResponder({ selectorType: 'phone', selectors: ['+31612345678'] });
 */
export function createResponder(opts: ResponderOptions): ResponderState {
  return {
    opts,
    engine: opts.engine ?? inlineEngine(),
    ys: shuffledDistinct(opts.selectors),
    requesterSize: 0,
    batchSize: 0,
    scalar: newScalar(),
    ownPages: [],
    reblinded: [],
    returned: [],
  };
}

/**
 * One protocol step: parses the untrusted message, checks it belongs to this session and comes in order, and
 * returns the reply. Malformed input throws CORVID_ERR_COOPERATE_BAD_MESSAGE / _BAD_POINT, out-of-order input
 * CORVID_ERR_COOPERATE_SESSION; a policy refusal is a `psi.refuse` reply.
 * @example const reply = await respond(state, JSON.parse(body));
 */
export async function respond(state: ResponderState, raw: unknown): Promise<PsiMessage> {
  const msg = parseMessage(raw);
  if (msg.type === 'psi.hello') return hello(state, msg);
  if (state.session === undefined || msg.session !== state.session) throw sessionError('unknown session');
  const base = { v: PSI_VERSION, session: state.session } as const;
  switch (msg.type) {
    case 'psi.blinded': {
      const expected = batchCount(state.requesterSize, state.batchSize);
      if (msg.batch !== state.reblinded.length || msg.batch >= expected) throw sessionError(`batch ${msg.batch} out of order`);
      const points = unpack(msg.points);
      const [a, b] = batchRange(msg.batch, state.requesterSize, state.batchSize);
      expectCount(points, b - a, 'blinded batch');
      const re = await state.engine.multiply(state.scalar, points);
      state.reblinded.push(re);
      const show = state.reveal === 'requester' || state.reveal === 'both';
      return { ...base, type: 'psi.reblinded', batch: msg.batch, points: show ? pack(re) : '' };
    }
    case 'psi.fetch':
      return msg.what === 'responder-set' ? ownPage(state, msg.page) : shuffledPage(state, msg.page);
    case 'psi.return': {
      if (state.reveal !== 'responder' && state.reveal !== 'both') throw sessionError('no return expected in this mode');
      if (msg.page !== state.returned.length || msg.page >= state.ownPages.length) throw sessionError(`return page ${msg.page} out of order`);
      const points = unpack(msg.points);
      const [a, b] = batchRange(msg.page, state.ys.length, state.batchSize);
      expectCount(points, b - a, 'returned page');
      state.returned.push(points);
      return { ...base, type: 'psi.ack' };
    }
    case 'psi.done':
      state.result = finish(state);
      return { ...base, type: 'psi.ack' };
    default:
      throw sessionError(`unexpected ${msg.type}`);
  }
}

function hello(state: ResponderState, msg: Extract<PsiMessage, { type: 'psi.hello' }>): PsiMessage {
  if (state.session !== undefined) throw sessionError('this responder already serves a session');
  const refuse = (code: string, reason: string): PsiMessage => ({ v: PSI_VERSION, session: msg.session, type: 'psi.refuse', code, reason });
  if (msg.selectorType !== state.opts.selectorType) return refuse('CORVID_ERR_COOPERATE_REFUSED', `this responder matches ${state.opts.selectorType}, not ${msg.selectorType}`);
  if (!(state.opts.allowReveal ?? ['requester', 'responder', 'both', 'cardinality']).includes(msg.reveal)) return refuse('CORVID_ERR_COOPERATE_REFUSED', `reveal mode ${msg.reveal} is not allowed by policy`);
  if (msg.size > (state.opts.maxRequesterSize ?? 10_000_000)) return refuse('CORVID_ERR_COOPERATE_REFUSED', 'requester set too large');
  const nonce = newNonce();
  state.session = msg.session;
  state.reveal = msg.reveal;
  state.requesterSize = msg.size;
  state.batchSize = msg.batchSize;
  const dst = sessionDst(state.opts.selectorType, msg.session, msg.nonce, nonce);
  const enc = new TextEncoder();
  const pages = batchCount(state.ys.length, state.batchSize);
  // Pages are computed one after another in the background; fetches wait for theirs.
  let prev: Promise<unknown> = Promise.resolve();
  for (let p = 0; p < pages; p++) {
    const [a, b] = batchRange(p, state.ys.length, state.batchSize);
    const page = prev.then(async () => state.engine.multiply(state.scalar, await state.engine.hash(dst, state.ys.slice(a, b).map((y) => enc.encode(y)))));
    page.catch(() => undefined); // observed by the fetch that needs it
    state.ownPages.push(page);
    prev = page;
  }
  return { v: PSI_VERSION, session: msg.session, type: 'psi.accept', nonce, size: state.ys.length };
}

async function ownPage(state: ResponderState, page: number): Promise<PsiMessage> {
  const last = Math.max(0, state.ownPages.length - 1);
  if (page > last) throw sessionError(`no page ${page}`);
  const points = state.ownPages.length ? await state.ownPages[page] : Buffer.alloc(0);
  return { v: PSI_VERSION, session: state.session as string, type: 'psi.page', what: 'responder-set', page, points: pack(points), last: page === last };
}

/** Cardinality: all of H(x)^ab, shuffled once over the whole set so that no position (not even a batch) survives. */
function shuffledPage(state: ResponderState, page: number): PsiMessage {
  if (state.reveal !== 'cardinality') throw sessionError('shuffled pages exist only in cardinality mode');
  if (state.reblinded.length !== batchCount(state.requesterSize, state.batchSize)) throw sessionError('not every batch has arrived');
  state.shuffled ??= shufflePoints(Buffer.concat(state.reblinded));
  const pages = Math.max(1, batchCount(state.requesterSize, state.batchSize));
  if (page >= pages) throw sessionError(`no page ${page}`);
  const [a, b] = batchRange(page, state.requesterSize, state.batchSize);
  const points = state.shuffled.subarray(a * POINT_BYTES, b * POINT_BYTES);
  return { v: PSI_VERSION, session: state.session as string, type: 'psi.page', what: 'shuffled', page, points: pack(points), last: page === pages - 1 };
}

function finish(state: ResponderState): ResponderResult {
  const reveal = state.reveal as Reveal;
  const base = { session: state.session as string, reveal, requesterSize: state.requesterSize, responderSize: state.ys.length };
  if (reveal !== 'responder' && reveal !== 'both') return base;
  if (state.returned.length !== state.ownPages.length) throw new CorvidError('CORVID_ERR_COOPERATE_SESSION', 'done before every page was returned');
  const theirs = new Set<string>();
  for (const b of state.reblinded) for (const k of pointKeys(b)) theirs.add(k);
  const intersection: string[] = [];
  state.returned.forEach((page, p) => {
    const [a] = batchRange(p, state.ys.length, state.batchSize);
    pointKeys(page).forEach((k, i) => {
      if (theirs.has(k)) intersection.push(state.ys[a + i]);
    });
  });
  return { ...base, intersection };
}
