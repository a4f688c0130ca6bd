// What both sides of a PSI session share: the domain separation tag, batch geometry, shuffling, point sets.
import { randomBytes, randomInt } from 'node:crypto';
import { CorvidError } from '../../errors.ts';
import type { SelectorType } from '../selectors.ts';
import { POINT_BYTES } from './group.ts';
import { RISTRETTO_SUITE } from './ristretto.ts';

/** Default points per batch: 2¹⁶ points are 2 MiB of bytes, 2.7 MB of base64url. */
export const DEFAULT_BATCH = 1 << 16;

/** Progress of a long exchange, for a job's progress bar. */
export interface PsiProgress {
  phase: 'blind' | 'reblind' | 'fetch' | 'return';
  done: number;
  total: number;
}

/**
 * The session's DST (RFC 9380 §3.1): protocol, version, selector type, session id and both nonces, then the suite,
 * so that no hash of one session (or one selector type) is a hash of another. At most 255 bytes.
 * @example sessionDst('phone', sid, nReq, nResp).toString() // 'CORVID-PSI-V1:phone:<sid>:<nReq>:<nResp>:ristretto255_XMD:SHA-512_R255MAP_RO_'
 */
export function sessionDst(type: SelectorType, session: string, requesterNonce: string, responderNonce: string): Buffer {
  return Buffer.from(`CORVID-PSI-V1:${type}:${session}:${requesterNonce}:${responderNonce}:${RISTRETTO_SUITE}`);
}

export const newSessionId = (): string => randomBytes(16).toString('base64url');
export const newNonce = (): string => randomBytes(32).toString('base64url');

/** How many batches `size` items make, and the item range of batch `i`. */
export function batchCount(size: number, batchSize: number): number {
  return Math.ceil(size / batchSize);
}

export function batchRange(i: number, size: number, batchSize: number): [number, number] {
  return [i * batchSize, Math.min(size, (i + 1) * batchSize)];
}

/** The distinct selectors, in a uniformly random order (Fisher–Yates with a CSPRNG), so order says nothing of the store. */
export function shuffledDistinct(selectors: Iterable<string>): string[] {
  const out = [...new Set(selectors)];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const t = out[i];
    out[i] = out[j];
    out[j] = t;
  }
  return out;
}

/** Packed points in a uniformly random order. */
export function shufflePoints(points: Uint8Array): Buffer {
  const n = points.length / POINT_BYTES;
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const out = Buffer.alloc(points.length);
  for (let i = 0; i < n; i++) out.set(points.subarray(order[i] * POINT_BYTES, (order[i] + 1) * POINT_BYTES), i * POINT_BYTES);
  return out;
}

/** The points of a packed buffer as strings (one char per byte), for set membership. */
export function pointKeys(points: Uint8Array): string[] {
  const b = Buffer.from(points.buffer, points.byteOffset, points.byteLength);
  const out: string[] = new Array(b.length / POINT_BYTES);
  for (let i = 0; i < out.length; i++) out[i] = b.toString('latin1', i * POINT_BYTES, (i + 1) * POINT_BYTES);
  return out;
}

/** Refuses a batch whose point count is not what the geometry says. */
export function expectCount(points: Uint8Array, expected: number, what: string): void {
  if (points.length !== expected * POINT_BYTES) {
    throw new CorvidError('CORVID_ERR_COOPERATE_BAD_MESSAGE', `${what}: expected ${expected} points, got ${points.length / POINT_BYTES}`, { expected, got: points.length / POINT_BYTES });
  }
}

export function sessionError(why: string): CorvidError {
  return new CorvidError('CORVID_ERR_COOPERATE_SESSION', `PSI session: ${why}`, { why });
}
