// The PSI requester: drives one session over any transport (a `send` that returns the peer's reply), in batches, with progress and cancellation.
import { CorvidError, throwIfAborted } from '../../errors.ts';
import type { SelectorType } from '../selectors.ts';
import { newScalar } from './group.ts';
import { inlineEngine, type PsiEngine } from './engine.ts';
import { pack, parseMessage, PSI_VERSION, unpack, type PsiMessage, type Reveal } from './messages.ts';
import { batchCount, batchRange, DEFAULT_BATCH, expectCount, newNonce, newSessionId, pointKeys, sessionDst, sessionError, shuffledDistinct, type PsiProgress } from './session.ts';

/** Sends one message to the responder and resolves with its reply (an untrusted value, parsed here). */
export type PsiSend = (msg: PsiMessage) => Promise<unknown>;

export interface RequesterOptions {
  selectorType: SelectorType;
  /** Normalised selectors (see normalizeSelector); duplicates are dropped. */
  selectors: Iterable<string>;
  reveal: Reveal;
  batchSize?: number;
  engine?: PsiEngine;
  onProgress?: (p: PsiProgress) => void;
  signal?: AbortSignal;
}

/** What the requester learned. `intersection` only when reveal is requester or both; `cardinality` always. */
export interface RequesterResult {
  session: string;
  reveal: Reveal;
  requesterSize: number;
  responderSize: number;
  cardinality: number;
  intersection?: string[];
}

interface Run {
  opts: RequesterOptions;
  engine: PsiEngine;
  send: (msg: PsiMessage) => Promise<PsiMessage>;
  session: string;
  xs: string[];
  scalar: Buffer;
  batchSize: number;
  dst: Buffer;
  responderSize: number;
}

/**
 * Runs a whole PSI session as the requester: hello, blinded batches (the next one computed while the current
 * one travels), the responder's set page by page, the returns when the responder is to learn, done.
 * A `psi.refuse` reply throws CORVID_ERR_COOPERATE_REFUSED with the peer's code and reason.
 * @example const r = await runRequester({ selectorType: 'phone', selectors, reveal: 'requester' }, (m) => post(peer, m));
 *   r.intersection // ['+31612345678']
 */
export async function runRequester(opts: RequesterOptions, send: PsiSend): Promise<RequesterResult> {
  const run = await open(opts, send);
  const mine = await blindAndExchange(run);
  const theirs = await fetchResponderSet(run);
  let cardinality: number;
  let intersection: string[] | undefined;
  if (opts.reveal === 'cardinality') {
    cardinality = await countShuffled(run, theirs);
  } else if (opts.reveal === 'responder') {
    cardinality = 0;
  } else {
    intersection = run.xs.filter((_, i) => theirs.has(mine[i]));
    cardinality = intersection.length;
  }
  await run.send({ v: PSI_VERSION, session: run.session, type: 'psi.done' });
  const base = { session: run.session, reveal: opts.reveal, requesterSize: run.xs.length, responderSize: run.responderSize };
  return intersection ? { ...base, cardinality, intersection } : { ...base, cardinality };
}

async function open(opts: RequesterOptions, send: PsiSend): Promise<Run> {
  const session = newSessionId();
  const xs = shuffledDistinct(opts.selectors);
  const batchSize = opts.batchSize ?? DEFAULT_BATCH;
  const nonce = newNonce();
  const guarded = async (msg: PsiMessage): Promise<PsiMessage> => {
    throwIfAborted(opts.signal);
    const reply = parseMessage(await send(msg));
    if (reply.session !== session) throw sessionError('reply for another session');
    if (reply.type === 'psi.refuse') throw new CorvidError('CORVID_ERR_COOPERATE_REFUSED', reply.reason, { code: reply.code });
    return reply;
  };
  const hello: PsiMessage = { v: PSI_VERSION, session, type: 'psi.hello', selectorType: opts.selectorType, reveal: opts.reveal, nonce, size: xs.length, batchSize };
  const accept = await guarded(hello);
  if (accept.type !== 'psi.accept') throw sessionError(`expected psi.accept, got ${accept.type}`);
  const dst = sessionDst(opts.selectorType, session, nonce, accept.nonce);
  return { opts, engine: opts.engine ?? inlineEngine(), send: guarded, session, xs, scalar: newScalar(), batchSize, dst, responderSize: accept.size };
}

/** Blinds and sends every batch; returns H(x)^ab as point keys in the requester's order (empty when withheld). */
async function blindAndExchange(run: Run): Promise<string[]> {
  const n = batchCount(run.xs.length, run.batchSize);
  const enc = new TextEncoder();
  const blind = (i: number): Promise<Buffer> => {
    const [a, b] = batchRange(i, run.xs.length, run.batchSize);
    return run.engine.hash(run.dst, run.xs.slice(a, b).map((x) => enc.encode(x))).then((h) => run.engine.multiply(run.scalar, h));
  };
  const keys: string[] = [];
  const withheld = run.opts.reveal === 'cardinality' || run.opts.reveal === 'responder';
  let next = n > 0 ? blind(0) : undefined;
  for (let i = 0; i < n; i++) {
    const points = await (next as Promise<Buffer>);
    next = i + 1 < n ? blind(i + 1) : undefined;
    next?.catch(() => undefined); // a failure surfaces when awaited
    const reply = await run.send({ v: PSI_VERSION, session: run.session, type: 'psi.blinded', batch: i, points: pack(points) });
    if (reply.type !== 'psi.reblinded' || reply.batch !== i) throw sessionError(`expected psi.reblinded ${i}`);
    const re = unpack(reply.points);
    const [a, b] = batchRange(i, run.xs.length, run.batchSize);
    if (withheld) expectCount(re, 0, 'reblinded batch');
    else {
      expectCount(re, b - a, 'reblinded batch');
      keys.push(...pointKeys(re));
    }
    run.opts.onProgress?.({ phase: 'blind', done: b, total: run.xs.length });
  }
  return keys;
}

/**
 * Fetches the responder's blinded set page by page and re-blinds it: H(y)^ba, as a set; returned when the responder
 * is to learn. One message is in flight at a time, and the network overlaps the arithmetic: page p + 1 is fetched,
 * and page p − 1 returned, while page p is being multiplied (fetch 0, fetch 1, return 0, fetch 2, return 1, …).
 */
async function fetchResponderSet(run: Run): Promise<Set<string>> {
  const theirs = new Set<string>();
  const giveBack = run.opts.reveal === 'responder' || run.opts.reveal === 'both';
  const fetchPage = async (page: number) => {
    const reply = await run.send({ v: PSI_VERSION, session: run.session, type: 'psi.fetch', what: 'responder-set', page });
    if (reply.type !== 'psi.page' || reply.what !== 'responder-set' || reply.page !== page) throw sessionError(`expected responder page ${page}`);
    return reply;
  };
  const giveBackPage = async (page: number, points: Buffer, end: number) => {
    const ack = await run.send({ v: PSI_VERSION, session: run.session, type: 'psi.return', page, points: pack(points) });
    if (ack.type !== 'psi.ack') throw sessionError('expected psi.ack');
    run.opts.onProgress?.({ phase: 'return', done: end, total: run.responderSize });
  };
  let owed: [number, Buffer, number] | undefined;
  let reply = await fetchPage(0);
  for (let page = 0; ; page++) {
    const [a, b] = batchRange(page, run.responderSize, run.batchSize);
    const points = unpack(reply.points);
    expectCount(points, Math.max(0, b - a), 'responder page');
    const product = run.engine.multiply(run.scalar, points);
    product.catch(() => undefined); // awaited below
    if (owed) await giveBackPage(...owed);
    owed = undefined;
    const last = reply.last;
    if (!last && b >= run.responderSize) throw sessionError('responder sent more pages than its size');
    const next = last ? undefined : fetchPage(page + 1);
    next?.catch(() => undefined); // awaited below
    const re = await product;
    for (const k of pointKeys(re)) theirs.add(k);
    run.opts.onProgress?.({ phase: 'reblind', done: Math.max(0, b), total: run.responderSize });
    if (giveBack && b > a) owed = [page, re, b];
    if (!next) break;
    reply = await next;
  }
  if (owed) await giveBackPage(...owed);
  return theirs;
}

/** Cardinality: the responder's shuffled H(x)^ab, counted against H(y)^ba; no position is ever known. */
async function countShuffled(run: Run, theirs: Set<string>): Promise<number> {
  let count = 0;
  for (let page = 0; ; page++) {
    const reply = await run.send({ v: PSI_VERSION, session: run.session, type: 'psi.fetch', what: 'shuffled', page });
    if (reply.type !== 'psi.page' || reply.what !== 'shuffled' || reply.page !== page) throw sessionError(`expected shuffled page ${page}`);
    for (const k of pointKeys(unpack(reply.points))) if (theirs.has(k)) count++;
    run.opts.onProgress?.({ phase: 'fetch', done: Math.min(run.xs.length, (page + 1) * run.batchSize), total: run.xs.length });
    if (reply.last) return count;
  }
}
