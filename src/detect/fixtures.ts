/** Small hand-built ledgers for the detector tests: a quiet town of recurring payments around which one pattern is planted. */
import { LedgerBuilder } from '../money/ledger.ts';

export const T0 = 1_704_067_200;
export const D = 86_400;

/** Adds a EUR payment on `day` (fractional days allowed). */
export function pay(b: LedgerBuilder, from: string, to: string, day: number, amount: string): void {
  b.add({ from, to, time: T0 + Math.round(day * D), amount, currency: 'EUR', transferId: `p${b.size}` });
}

/**
 * 30 people p0..p29 over 60 days: each pays the utility 50.00 on days 1 and 31, pays the next person 20.00 on day 10,
 * and buys once at the shop (30.00 on day 2i mod 60); the utility and the shop become hubs.
 */
export function town(b = new LedgerBuilder()): LedgerBuilder {
  for (let i = 0; i < 30; i++) {
    pay(b, `p${i}`, 'utility', 1, '50');
    pay(b, `p${i}`, 'utility', 31, '50');
    pay(b, `p${i}`, `p${(i + 1) % 30}`, 10, '20');
    pay(b, `p${i}`, 'shop', (2 * i) % 60, '30');
  }
  return b;
}
