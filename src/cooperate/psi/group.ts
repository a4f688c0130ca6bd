// The blinding: X25519 (RFC 7748) through libsodium (sodium-native), over packed 32-byte u-coordinates.
import { createPrivateKey, randomBytes, type KeyObject } from 'node:crypto';
import { CorvidError } from '../../errors.ts';
import { nativeSodium } from './ristretto.ts';

/** Bytes of one u-coordinate. */
export const POINT_BYTES = 32;

// PKCS#8 prefix of an X25519 private key (RFC 8410 §7): the 32 raw bytes follow.
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');

/**
 * A fresh secret scalar for one session: 32 random bytes, used as an X25519 private key (clamped by X25519 itself).
 * @example const k = newScalar(); // Buffer(32)
 */
export function newScalar(): Buffer {
  return randomBytes(32);
}

/** The scalar as an OpenSSL key object (kept for callers of the earlier API; multiply takes raw bytes). */
export function scalarKey(scalar: Uint8Array): KeyObject {
  if (scalar.length !== 32) throw new CorvidError('CORVID_ERR_VALIDATION', 'a PSI scalar is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_X25519, scalar]), format: 'der', type: 'pkcs8' });
}

/**
 * True when the 32 bytes are a canonical u-coordinate: top bit clear and value below p = 2²⁵⁵ − 19. X25519 would
 * silently reduce the others (RFC 7748 §5), giving one point two encodings; we refuse them instead.
 */
export function isCanonical(points: Uint8Array, at: number): boolean {
  const top = points[at + 31];
  if (top > 0x7f) return false;
  if (top < 0x7f) return true;
  for (let i = 30; i >= 1; i--) if (points[at + i] !== 0xff) return true;
  return points[at] < 0xed;
}

/**
 * [k]·P for every packed u-coordinate P (X25519(k, u), RFC 7748 §5): blinding and re-blinding are the same call.
 * Clamping makes k a multiple of 8, so any small-order component of P vanishes, and the two parties' clamped
 * scalars commute: X25519(a, X25519(b, u)) = u([a′b′]P) = X25519(b, X25519(a, u)). Refuses non-canonical
 * encodings and small-order points (libsodium refuses them and an all-zero result) with CORVID_ERR_COOPERATE_BAD_POINT.
 * libsodium's X25519 takes raw bytes, so no key object is made per point (the cost that OpenSSL's API imposes).
 * @example const blinded = multiply(newScalar(), hashToGroup([Buffer.from('+31612345678')], dst));
 */
export function multiply(scalar: Uint8Array | KeyObject, points: Uint8Array): Buffer {
  if (points.length % POINT_BYTES !== 0) throw new CorvidError('CORVID_ERR_COOPERATE_BAD_MESSAGE', 'packed points are not a multiple of 32 bytes');
  const k = scalar instanceof Uint8Array ? scalar : Buffer.from(scalar.export({ format: 'jwk' }).d as string, 'base64url');
  if (k.length !== 32) throw new CorvidError('CORVID_ERR_VALIDATION', 'a PSI scalar is 32 bytes');
  const n = points.length / POINT_BYTES;
  const out = Buffer.alloc(points.length);
  const view = Buffer.from(points.buffer, points.byteOffset, points.byteLength);
  // Two reused 32-byte buffers rather than two subarrays per point: no garbage per point.
  const u = Buffer.alloc(POINT_BYTES);
  const r = Buffer.alloc(POINT_BYTES);
  for (let i = 0; i < n; i++) {
    const at = i * POINT_BYTES;
    if (!isCanonical(points, at)) throw badPoint(i, 'non-canonical encoding');
    view.copy(u, 0, at, at + POINT_BYTES);
    try {
      nativeSodium.crypto_scalarmult(r, k, u);
    } catch {
      throw badPoint(i, 'small-order point');
    }
    r.copy(out, at);
  }
  return out;
}

function badPoint(index: number, why: string): CorvidError {
  return new CorvidError('CORVID_ERR_COOPERATE_BAD_POINT', `point ${index} refused: ${why}`, { index, why });
}
