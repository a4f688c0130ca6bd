/**
 * Well-formed crypto identifiers: Bitcoin bech32 (BIP 173) P2WPKH addresses, TRON base58check addresses,
 * transaction hashes. Random key material, correct checksums, so format validators accept them.
 */
import { createHash } from 'node:crypto';
import type { Rng } from './rng.ts';

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function bech32Polymod(values: readonly number[]): number {
  let chk = 1;
  for (const v of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ v;
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= BECH32_GEN[i]!;
  }
  return chk >>> 0;
}

function hrpExpand(hrp: string): number[] {
  const out: number[] = [];
  for (const c of hrp) out.push(c.charCodeAt(0) >> 5);
  out.push(0);
  for (const c of hrp) out.push(c.charCodeAt(0) & 31);
  return out;
}

/** Regroups 8-bit bytes into 5-bit words (with padding), as segwit addresses need. */
function toWords(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** Encodes a bech32 string for a human-readable part and 5-bit data words. */
export function bech32Encode(hrp: string, data: readonly number[]): string {
  const values = [...hrpExpand(hrp), ...data, 0, 0, 0, 0, 0, 0];
  const mod = bech32Polymod(values) ^ 1;
  let out = `${hrp}1`;
  for (const d of data) out += BECH32_CHARSET[d];
  for (let i = 0; i < 6; i++) out += BECH32_CHARSET[(mod >>> (5 * (5 - i))) & 31];
  return out;
}

/** True when a bech32 string's checksum is right (used by tests). */
export function bech32Valid(address: string): boolean {
  const pos = address.lastIndexOf('1');
  if (pos < 1) return false;
  const hrp = address.slice(0, pos);
  const data: number[] = [];
  for (const c of address.slice(pos + 1)) {
    const v = BECH32_CHARSET.indexOf(c);
    if (v < 0) return false;
    data.push(v);
  }
  return bech32Polymod([...hrpExpand(hrp), ...data]) === 1;
}

/** A mainnet P2WPKH address (`bc1q…`, 42 characters) for a random 20-byte key hash. */
export function btcAddress(rng: Rng): string {
  return bech32Encode('bc', [0, ...toWords(rng.bytes(20))]);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58(bytes: Uint8Array): string {
  const digits: number[] = [0];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i++) {
      carry += digits[i]! << 8;
      digits[i] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '';
  for (const b of bytes) {
    if (b !== 0) break;
    out += '1';
  }
  for (let i = digits.length - 1; i >= 0; i--) out += BASE58[digits[i]!];
  return out;
}

function sha256(data: Uint8Array): Uint8Array {
  return createHash('sha256').update(data).digest();
}

/** A TRON address (`T…`, 34 characters): 0x41 + 20 bytes, base58check. */
export function tronAddress(rng: Rng): string {
  const payload = new Uint8Array(21);
  payload[0] = 0x41;
  payload.set(rng.bytes(20), 1);
  const check = sha256(sha256(payload)).subarray(0, 4);
  const full = new Uint8Array(25);
  full.set(payload, 0);
  full.set(check, 21);
  return base58(full);
}

/** A transaction hash: 64 lower-case hex digits. */
export function txHash(rng: Rng): string {
  return rng.hex(64);
}

/** The USDT (TRC-20) token contract on TRON, a public constant. */
export const USDT_TRC20_CONTRACT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
