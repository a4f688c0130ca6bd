/**
 * The money benchmark's synthetic ledger: seeded, power-law account activity (account i's weight falls as a
 * power of its rank, so a0 is the busiest), rows in time order (exponential gaps), amounts log-uniform in cents,
 * 2% in USD. Written once to a CSV in the ledger fast-path format and cached under .bench-data/.
 */
import { closeSync, existsSync, openSync, renameSync, writeSync } from 'node:fs';
import { mulberry32 } from '../src/model/random.ts';
import { LEDGER_CSV_HEADER } from '../src/money/csv.ts';
import { benchPath } from './lib.ts';

export const T0 = 1_704_067_200; // 2024-01-01

/** Cumulative activity weights ∝ (rank + 10)^−1.1 over `accounts` accounts. */
function cumulative(accounts: number): Float64Array {
  const cum = new Float64Array(accounts);
  let s = 0;
  for (let i = 0; i < accounts; i++) cum[i] = s += (i + 10) ** -1.1;
  for (let i = 0; i < accounts; i++) cum[i]! /= s;
  return cum;
}

function pick(cum: Float64Array, u: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The path of the cached CSV of `transfers` rows (generated on first use).
 * @example const file = ensureLedgerCsv(10_000_000, 7);
 */
export function ensureLedgerCsv(transfers: number, seed: number): string {
  const path = benchPath(`money-${transfers}-${seed}.csv`);
  if (existsSync(path)) return path;
  const next = mulberry32(seed);
  const accounts = Math.max(100, Math.round(transfers / 10));
  const cum = cumulative(accounts);
  const fd = openSync(`${path}.tmp`, 'w');
  let out = `${LEDGER_CSV_HEADER}\n`;
  let t = T0;
  for (let i = 0; i < transfers; i++) {
    const a = pick(cum, next());
    let b = pick(cum, next());
    if (b === a) b = (a + 1 + Math.floor(next() * (accounts - 1))) % accounts;
    t += Math.floor(-Math.log(1 - next()) * 3);
    const cents = Math.floor(10 ** (2 + 4 * next()));
    const currency = next() < 0.02 ? 'USD' : 'EUR';
    out += `a${a},a${b},${t},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')},${currency},p${i.toString(36)}\n`;
    if (out.length > 1 << 20) {
      writeSync(fd, out);
      out = '';
    }
  }
  writeSync(fd, out);
  closeSync(fd);
  renameSync(`${path}.tmp`, path);
  return path;
}
