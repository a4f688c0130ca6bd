// The PSI wire format: plain JSON-able messages (version, session, base64url bytes) and the one strict parser for them.
import { CorvidError } from '../../errors.ts';
import { SELECTOR_TYPES, type SelectorType } from '../selectors.ts';
import { POINT_BYTES } from './group.ts';

export const PSI_VERSION = 1;

/** Who learns what: the intersection on one side or both, or only its size (the requester). */
export type Reveal = 'requester' | 'responder' | 'both' | 'cardinality';
export const REVEALS: readonly Reveal[] = ['requester', 'responder', 'both', 'cardinality'];

/** The largest batch a node accepts in one message (2²⁰ points, 32 MiB before base64). */
export const MAX_BATCH = 1 << 20;

interface Base {
  v: typeof PSI_VERSION;
  /** 16 random bytes, base64url, chosen by the requester. */
  session: string;
}

/** Requester → responder: open a session. */
export interface HelloMessage extends Base {
  type: 'psi.hello';
  selectorType: SelectorType;
  reveal: Reveal;
  /** The requester's 32-byte session nonce, base64url. */
  nonce: string;
  /** How many distinct selectors the requester holds. */
  size: number;
  /** Points per batch in both directions. */
  batchSize: number;
}

/** Responder → requester: the session is open. */
export interface AcceptMessage extends Base {
  type: 'psi.accept';
  nonce: string;
  size: number;
}

/** Either side: this session will not run (policy, limits, a bad message). */
export interface RefuseMessage extends Base {
  type: 'psi.refuse';
  code: string;
  reason: string;
}

/** Requester → responder: batch `batch` of the requester's blinded selectors, H(x)^a, in the requester's order. */
export interface BlindedMessage extends Base {
  type: 'psi.blinded';
  batch: number;
  points: string;
}

/** Responder → requester: that batch re-blinded, H(x)^ab, same order; `''` when the requester may not see positions. */
export interface ReblindedMessage extends Base {
  type: 'psi.reblinded';
  batch: number;
  points: string;
}

/** What a page holds: the responder's own blinded set H(y)^b (shuffled), or all of H(x)^ab shuffled (cardinality). */
export type PageKind = 'responder-set' | 'shuffled';

/** Requester → responder: send page `page` of `what`. */
export interface FetchMessage extends Base {
  type: 'psi.fetch';
  what: PageKind;
  page: number;
}

/** Responder → requester: one page. */
export interface PageMessage extends Base {
  type: 'psi.page';
  what: PageKind;
  page: number;
  points: string;
  last: boolean;
}

/** Requester → responder (reveal responder/both): page `page` of the responder's set, double-blinded H(y)^ba. */
export interface ReturnMessage extends Base {
  type: 'psi.return';
  page: number;
  points: string;
}

/** Requester → responder: the exchange is over; the responder may compute its result and forget the session. */
export interface DoneMessage extends Base {
  type: 'psi.done';
}

/** Responder → requester: received. */
export interface AckMessage extends Base {
  type: 'psi.ack';
}

export type PsiMessage =
  | HelloMessage
  | AcceptMessage
  | RefuseMessage
  | BlindedMessage
  | ReblindedMessage
  | FetchMessage
  | PageMessage
  | ReturnMessage
  | DoneMessage
  | AckMessage;

const B64URL = /^[A-Za-z0-9_-]*$/;

function bad(why: string): CorvidError {
  return new CorvidError('CORVID_ERR_COOPERATE_BAD_MESSAGE', `PSI message refused: ${why}`, { why });
}

function field(o: Record<string, unknown>, k: string): unknown {
  if (!(k in o)) throw bad(`missing ${k}`);
  return o[k];
}

function str(o: Record<string, unknown>, k: string, max = 256): string {
  const v = field(o, k);
  if (typeof v !== 'string' || v.length > max) throw bad(`${k} is not a string of at most ${max} characters`);
  return v;
}

function int(o: Record<string, unknown>, k: string, max: number): number {
  const v = field(o, k);
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) throw bad(`${k} is not an integer in [0, ${max}]`);
  return v;
}

function bytes(o: Record<string, unknown>, k: string, len: number): string {
  const v = str(o, k, 64);
  if (!B64URL.test(v) || Buffer.from(v, 'base64url').length !== len) throw bad(`${k} is not ${len} bytes of base64url`);
  return v;
}

function points(o: Record<string, unknown>, k: string): string {
  const v = str(o, k, Math.ceil((MAX_BATCH * POINT_BYTES * 4) / 3) + 4);
  if (!B64URL.test(v) || ((v.length * 3) >> 2) % POINT_BYTES !== 0 || v.length % 4 === 1) throw bad(`${k} is not packed 32-byte points in base64url`);
  return v;
}

function oneOf<T extends string>(o: Record<string, unknown>, k: string, allowed: readonly T[]): T {
  const v = field(o, k);
  if (!allowed.includes(v as T)) throw bad(`${k} must be one of ${allowed.join(', ')}`);
  return v as T;
}

const BOUND = 2 ** 40;

/**
 * Checks an untrusted value against the PSI message schema and returns it typed, with only the known fields;
 * anything else is refused with CORVID_ERR_COOPERATE_BAD_MESSAGE (wrong version, unknown type, bad bytes).
 * @example parseMessage(JSON.parse(body)) // { v: 1, type: 'psi.hello', session: '…', … }
 */
export function parseMessage(raw: unknown): PsiMessage {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('not an object');
  const o = raw as Record<string, unknown>;
  if (o.v !== PSI_VERSION) throw new CorvidError('CORVID_ERR_COOPERATE_UNSUPPORTED', `unsupported PSI version ${String(o.v)}`, { v: o.v });
  const base = { v: PSI_VERSION, session: bytes(o, 'session', 16) } as const;
  const type = str(o, 'type', 32);
  switch (type) {
    case 'psi.hello':
      return { ...base, type, selectorType: oneOf(o, 'selectorType', SELECTOR_TYPES), reveal: oneOf(o, 'reveal', REVEALS), nonce: bytes(o, 'nonce', 32), size: int(o, 'size', BOUND), batchSize: Math.max(1, int(o, 'batchSize', MAX_BATCH)) };
    case 'psi.accept':
      return { ...base, type, nonce: bytes(o, 'nonce', 32), size: int(o, 'size', BOUND) };
    case 'psi.refuse':
      return { ...base, type, code: str(o, 'code', 64), reason: str(o, 'reason', 1000) };
    case 'psi.blinded':
    case 'psi.reblinded':
      return { ...base, type, batch: int(o, 'batch', BOUND), points: points(o, 'points') };
    case 'psi.fetch':
      return { ...base, type, what: oneOf(o, 'what', ['responder-set', 'shuffled'] as const), page: int(o, 'page', BOUND) };
    case 'psi.page': {
      const last = field(o, 'last');
      if (typeof last !== 'boolean') throw bad('last is not a boolean');
      return { ...base, type, what: oneOf(o, 'what', ['responder-set', 'shuffled'] as const), page: int(o, 'page', BOUND), points: points(o, 'points'), last };
    }
    case 'psi.return':
      return { ...base, type, page: int(o, 'page', BOUND), points: points(o, 'points') };
    case 'psi.done':
    case 'psi.ack':
      return { ...base, type };
    default:
      throw bad(`unknown type ${type}`);
  }
}

/** Packed points from their base64url form (already checked by {@link parseMessage}). */
export function unpack(points: string): Buffer {
  return Buffer.from(points, 'base64url');
}

/** Packed points to base64url. */
export function pack(points: Uint8Array): string {
  return Buffer.from(points.buffer, points.byteOffset, points.byteLength).toString('base64url');
}

/** Content type of {@link encodeFrame}'s output, for a transport that can carry binary bodies. */
export const FRAME_CONTENT_TYPE = 'application/octet-stream';

/**
 * A message as one binary frame: 4-byte big-endian header length, the JSON header (the message without `points`),
 * then the points as raw bytes — 32 bytes per point instead of base64url's 42.7 inside JSON.
 * @example const body = encodeFrame(msg); const again = parseMessage(decodeFrame(body));
 */
export function encodeFrame(msg: PsiMessage): Buffer {
  const { points, ...rest } = msg as PsiMessage & { points?: string };
  const header = Buffer.from(JSON.stringify(points === undefined ? rest : { ...rest, points: true }));
  const raw = points === undefined ? Buffer.alloc(0) : unpack(points);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(header.length);
  return Buffer.concat([len, header, raw]);
}

/**
 * The untrusted value inside a frame, for {@link parseMessage} (which checks everything, the points included).
 * Refuses a frame whose header does not fit with CORVID_ERR_COOPERATE_BAD_MESSAGE.
 */
export function decodeFrame(frame: Uint8Array): unknown {
  const b = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (b.length < 4) throw bad('frame shorter than its header length');
  const len = b.readUInt32BE(0);
  if (len > 64 * 1024 || 4 + len > b.length) throw bad('frame header length out of range');
  let header: unknown;
  try {
    header = JSON.parse(b.toString('utf8', 4, 4 + len));
  } catch {
    throw bad('frame header is not JSON');
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header)) throw bad('frame header is not an object');
  const o = header as Record<string, unknown>;
  if (!('points' in o)) {
    if (b.length !== 4 + len) throw bad('bytes after a frame without points');
    return o;
  }
  if (o.points !== true) throw bad('frame header points must be true');
  if (b.length - 4 - len > MAX_BATCH * POINT_BYTES) throw bad('too many points in a frame');
  return { ...o, points: b.toString('base64url', 4 + len) };
}
