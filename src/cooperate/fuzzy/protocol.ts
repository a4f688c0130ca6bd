// Private fuzzy name matching between two nodes: an ephemeral X25519 agreement gives the session's HMAC key, filters travel in batches, the responder answers with matching pairs.
import { createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { CorvidError, throwIfAborted } from '../../errors.ts';
import { DEFAULT_BLOOM, weight, type BloomParams } from './bloom.ts';
import { BLOCK_BYTES, BLOCK_SLOTS, compareEncoded, encodeNames, type EncodedNames } from './match.ts';

export const FUZZY_VERSION = 1;

/** A node's stance on fuzzy matching: off unless enabled, because filters leak more than PSI does (docs/psi.md). */
export interface FuzzyPolicy {
  allowFuzzy: boolean;
  /** Lowest Dice threshold the node accepts (default 0.8): a low threshold is a wide net. */
  minThreshold?: number;
  maxRequesterSize?: number;
}

export interface FuzzyHello {
  v: 1;
  type: 'fuzzy.hello';
  session: string;
  nonce: string;
  /** The requester's ephemeral X25519 public key, base64url. */
  publicKey: string;
  size: number;
  threshold: number;
  params: BloomParams;
}
export interface FuzzyAccept { v: 1; type: 'fuzzy.accept'; session: string; nonce: string; publicKey: string; size: number }
export interface FuzzyRefuse { v: 1; type: 'fuzzy.refuse'; session: string; code: string; reason: string }
/** Filters as little-endian 32-bit words, block keys as BLOCK_SLOTS × BLOCK_BYTES per record, both base64url. */
export interface FuzzyFilters { v: 1; type: 'fuzzy.filters'; session: string; batch: number; offset: number; filters: string; blocks: string }
/** [requester index, responder reference, Dice] per pair at or above the threshold. */
export interface FuzzyMatches { v: 1; type: 'fuzzy.matches'; session: string; batch: number; matches: Array<[number, number, number]> }
export type FuzzyMessage = FuzzyHello | FuzzyAccept | FuzzyRefuse | FuzzyFilters | FuzzyMatches;

const bad = (why: string) => new CorvidError('CORVID_ERR_COOPERATE_BAD_MESSAGE', `fuzzy message refused: ${why}`, { why });
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

/** HKDF-SHA-256 over the ephemeral X25519 secret, bound to the session and both nonces: the per-session HMAC key. */
function sessionKey(mine: KeyObject, theirs: string, session: string, nonceReq: string, nonceResp: string): Buffer {
  const raw = Buffer.from(theirs, 'base64url');
  if (raw.length !== 32) throw bad('publicKey is not 32 bytes');
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: mine, publicKey: createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' }) });
  } catch {
    throw new CorvidError('CORVID_ERR_COOPERATE_BAD_POINT', 'fuzzy: small-order public key');
  }
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(session, 'base64url'), `CORVID-FUZZY-V1:${nonceReq}:${nonceResp}`, 32));
}

function ephemeral(): { priv: KeyObject; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { priv: privateKey, pub: (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12).toString('base64url') };
}

function checkParams(p: unknown): BloomParams {
  const o = p as Partial<BloomParams> | null;
  if (typeof o !== 'object' || o === null) throw bad('params missing');
  const { bits, k, fold, flip } = o;
  if (typeof bits !== 'number' || ![256, 512, 1024, 2048, 4096].includes(bits)) throw bad('bits must be a power of two in [256, 4096]');
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || k > 64) throw bad('k must be in [1, 64]');
  if (typeof fold !== 'boolean' || typeof flip !== 'number' || !(flip >= 0 && flip < 0.5)) throw bad('fold/flip invalid');
  return { bits, k, fold, flip };
}

export interface FuzzyResponderState {
  names: string[];
  policy: FuzzyPolicy;
  session?: string;
  threshold: number;
  requesterSize: number;
  received: number;
  own?: EncodedNames;
  params: BloomParams;
}

/**
 * A responder over the node's names (its record order is its reference space: `ref` i is names[i]).
 * @example const r = createFuzzyResponder(['Jan Jansen'], { allowFuzzy: true });
 */
export function createFuzzyResponder(names: readonly string[], policy: FuzzyPolicy): FuzzyResponderState {
  return { names: [...names], policy, threshold: 1, requesterSize: 0, received: 0, params: DEFAULT_BLOOM };
}

/**
 * One step: a hello is answered by accept or, when policy forbids fuzzy matching, a `fuzzy.refuse`; each filter batch
 * by the pairs that reach the agreed threshold. Malformed input throws CORVID_ERR_COOPERATE_BAD_MESSAGE.
 * @example const reply = fuzzyRespond(state, JSON.parse(body));
 */
export function fuzzyRespond(state: FuzzyResponderState, raw: unknown): FuzzyMessage {
  const m = raw as Record<string, unknown>;
  if (typeof m !== 'object' || m === null || m.v !== FUZZY_VERSION || typeof m.session !== 'string' || !/^[A-Za-z0-9_-]{22}$/.test(m.session)) throw bad('not a fuzzy v1 message');
  const session = m.session;
  if (m.type === 'fuzzy.hello') {
    const refuse = (reason: string): FuzzyRefuse => ({ v: 1, type: 'fuzzy.refuse', session, code: 'CORVID_ERR_COOPERATE_REFUSED', reason });
    if (!state.policy.allowFuzzy) return refuse('this node does not take part in fuzzy matching (policy)');
    if (state.session !== undefined) throw new CorvidError('CORVID_ERR_COOPERATE_SESSION', 'this responder already serves a session');
    const params = checkParams(m.params);
    if (typeof m.threshold !== 'number' || !(m.threshold > 0 && m.threshold <= 1)) throw bad('threshold must be in (0, 1]');
    if (m.threshold < (state.policy.minThreshold ?? 0.8)) return refuse(`threshold below this node's minimum of ${state.policy.minThreshold ?? 0.8}`);
    if (typeof m.size !== 'number' || !Number.isSafeInteger(m.size) || m.size < 0) throw bad('size');
    if (m.size > (state.policy.maxRequesterSize ?? 1_000_000)) return refuse('requester set too large');
    if (typeof m.nonce !== 'string' || typeof m.publicKey !== 'string') throw bad('nonce/publicKey');
    const nonce = randomBytes(32).toString('base64url');
    const eph = ephemeral();
    const key = sessionKey(eph.priv, m.publicKey, session, m.nonce, nonce);
    Object.assign(state, { session, threshold: m.threshold, requesterSize: m.size, params, own: encodeNames(state.names, key, params) });
    return { v: 1, type: 'fuzzy.accept', session, nonce, publicKey: eph.pub, size: state.names.length };
  }
  if (session !== state.session || !state.own) throw new CorvidError('CORVID_ERR_COOPERATE_SESSION', 'unknown fuzzy session');
  if (m.type !== 'fuzzy.filters') throw bad(`unexpected ${String(m.type)}`);
  const theirs = decodeBatch(m, state.own.words, state.requesterSize - state.received);
  state.received += theirs.count;
  const { matches } = compareEncoded(theirs, state.own, state.threshold);
  const offset = m.offset as number;
  return { v: 1, type: 'fuzzy.matches', session, batch: m.batch as number, matches: matches.map((x) => [offset + x.a, x.b, Math.round(x.dice * 1e4) / 1e4]) };
}

function decodeBatch(m: Record<string, unknown>, words: number, room: number): EncodedNames {
  if (typeof m.filters !== 'string' || typeof m.blocks !== 'string' || !Number.isSafeInteger(m.batch) || !Number.isSafeInteger(m.offset)) throw bad('filters batch');
  const f = Buffer.from(m.filters, 'base64url');
  const blocks = Buffer.from(m.blocks, 'base64url');
  const count = f.length / (words * 4);
  if (!Number.isInteger(count) || blocks.length !== count * BLOCK_SLOTS * BLOCK_BYTES || count > room) throw bad('filters and block keys do not agree');
  const filters = new Uint32Array(count * words);
  for (let i = 0; i < filters.length; i++) filters[i] = f.readUInt32LE(4 * i);
  const weights = new Uint16Array(count);
  for (let i = 0; i < count; i++) weights[i] = weight(filters, i * words, words);
  return { count, words, filters, weights, blocks };
}

export interface FuzzyRequestOptions {
  names: readonly string[];
  threshold?: number;
  params?: BloomParams;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** One hit: the requester's name, the responder's reference for a follow-up request, the Dice coefficient. */
export interface FuzzyHit {
  name: string;
  index: number;
  ref: number;
  dice: number;
}

/**
 * Runs a fuzzy session as the requester. A policy refusal throws CORVID_ERR_COOPERATE_REFUSED.
 * @example const hits = await runFuzzyRequester({ names: ['Jon Jansen'] }, (m) => post(peer, m)); // [{ name: 'Jon Jansen', ref: 0, dice: 0.86 }]
 */
export async function runFuzzyRequester(opts: FuzzyRequestOptions, send: (m: FuzzyMessage) => Promise<unknown>): Promise<FuzzyHit[]> {
  const session = randomBytes(16).toString('base64url');
  const nonce = randomBytes(32).toString('base64url');
  const params = opts.params ?? DEFAULT_BLOOM;
  const eph = ephemeral();
  const hello: FuzzyHello = { v: 1, type: 'fuzzy.hello', session, nonce, publicKey: eph.pub, size: opts.names.length, threshold: opts.threshold ?? 0.8, params };
  const accept = (await send(hello)) as FuzzyMessage;
  if (accept?.type === 'fuzzy.refuse') throw new CorvidError('CORVID_ERR_COOPERATE_REFUSED', accept.reason, { code: accept.code });
  if (accept?.type !== 'fuzzy.accept' || accept.session !== session || typeof accept.publicKey !== 'string') throw bad('expected fuzzy.accept');
  const key = sessionKey(eph.priv, accept.publicKey, session, nonce, accept.nonce);
  const size = opts.batchSize ?? 10_000;
  const hits: FuzzyHit[] = [];
  for (let at = 0, batch = 0; at < opts.names.length; at += size, batch++) {
    throwIfAborted(opts.signal);
    const enc = encodeNames(opts.names.slice(at, at + size), key, params);
    const filters = Buffer.alloc(enc.filters.length * 4);
    enc.filters.forEach((w, i) => filters.writeUInt32LE(w, 4 * i));
    const reply = (await send({ v: 1, type: 'fuzzy.filters', session, batch, offset: at, filters: filters.toString('base64url'), blocks: enc.blocks.toString('base64url') })) as FuzzyMessage;
    if (reply?.type !== 'fuzzy.matches' || reply.batch !== batch || !Array.isArray(reply.matches)) throw bad('expected fuzzy.matches');
    for (const [index, ref, d] of reply.matches) {
      if (!Number.isInteger(index) || index < at || index >= at + enc.count) throw bad('match index outside the batch');
      hits.push({ name: opts.names[index], index, ref, dice: d });
    }
    opts.onProgress?.(Math.min(opts.names.length, at + size), opts.names.length);
  }
  return hits;
}
