/**
 * The values of Bitcoin JSON, checked and made exact: amounts in BTC (Bitcoin Core writes BTC as JSON
 * numbers, Esplora writes satoshis as integers) become satoshis (bigint) and then exact decimal text;
 * Unix times become ISO dates. Each check returns the value or the reason it is not one.
 */
import { formatUnits, parseUnits } from '../../money/amount.ts';

/** 21 million BTC in satoshis: no amount can be larger. */
export const MAX_SATS = 21_000_000n * 100_000_000n;

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };
const bad = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

/** A short, safe rendering of a bad value for a reason. */
export function shown(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v === null || typeof v !== 'object') return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function inRange(sats: bigint, what: string): Checked<bigint> {
  if (sats < 0n) return bad(`${what} is negative`);
  if (sats > MAX_SATS) return bad(`${what} is more than 21 million BTC`);
  return { ok: true, value: sats };
}

/**
 * A BTC amount as Bitcoin Core writes it (a JSON number such as 0.0001; a decimal string is taken too)
 * in satoshis. A JSON number is a binary float, but one with at most 8 decimals below 21 million is
 * recovered exactly by rounding value × 10^8 (the error is far below half a satoshi).
 * @example btcToSats(0.1, 'value') // { ok: true, value: 10000000n }
 */
export function btcToSats(v: unknown, what: string): Checked<bigint> {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return bad(`${what} is not a finite number`);
    if (v < 0) return bad(`${what} is negative`);
    if (v > 21e6) return bad(`${what} is more than 21 million BTC`);
    const scaled = v * 1e8;
    const sats = Math.round(scaled);
    if (Math.abs(scaled - sats) > 1e-3) return bad(`${what} ${v} has more than 8 decimals (finer than a satoshi)`);
    return inRange(BigInt(sats), what);
  }
  if (typeof v === 'string') {
    const p = parseUnits(v, 8);
    if (!p) return bad(`${what} is not a number: ${shown(v)}`);
    if (p.rounded) return bad(`${what} ${shown(v)} has more than 8 decimals (finer than a satoshi)`);
    return inRange(p.units, what);
  }
  return bad(`${what} is not a number: ${shown(v)}`);
}

/** A satoshi amount as Esplora writes it (a non-negative JSON integer). */
export function satsOf(v: unknown, what: string): Checked<bigint> {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) return bad(`${what} is not a whole number of satoshis: ${shown(v)}`);
  return inRange(BigInt(v), what);
}

/** Satoshis as exact BTC text ("0.0001"). */
export function satsToBtc(sats: bigint): string {
  return formatUnits(sats, 8);
}

/** A non-negative integer (block height, output index), or the reason it is not one. */
export function indexOf(v: unknown, what: string): Checked<number> {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) return bad(`${what} is not a non-negative integer: ${shown(v)}`);
  return { ok: true, value: v };
}

/** Latest accepted Unix time: 9999-12-31, the last day an ISO date can name. */
const MAX_UNIX = 253402300799;

/** A Unix time in seconds (a non-negative integer up to 9999-12-31). */
export function unixTime(v: unknown, what: string): Checked<number> {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > MAX_UNIX) return bad(`${what} is not a Unix time in seconds: ${shown(v)}`);
  return { ok: true, value: v };
}

/** A checked Unix time as an ISO timestamp ("2009-01-03T18:15:05Z"). */
export function isoOfUnix(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** A transaction id: 64 hex digits, kept in lower case. */
export function txidOf(v: unknown, what: string): Checked<string> {
  if (typeof v !== 'string' || !/^[0-9a-fA-F]{64}$/.test(v)) return bad(`${what} is not a transaction id (64 hex digits): ${shown(v)}`);
  return { ok: true, value: v.toLowerCase() };
}
