/** Test helpers: small hand-drawn ledgers from compact rows, and amount look-ups in trace results. */
import { LedgerBuilder, type Ledger } from './ledger.ts';
import type { TraceResult } from './trace-types.ts';

/** [from, to, time, amount in EUR (or `currency`), transfer id?, currency?] */
export type Row = [string, string, number, string, string?, string?];

/**
 * A ledger of EUR rows (transfer ids r0, r1, … unless given) with optional tags.
 * @example const l = ledgerOf([['S', 'A', 1, '100']], { A: 'exchange' });
 */
export function ledgerOf(rows: readonly Row[], tags: Record<string, string> = {}): Ledger {
  const b = new LedgerBuilder();
  rows.forEach(([from, to, time, amount, id, currency], i) => {
    if (!b.add({ from, to, time, amount, currency: currency ?? 'EUR', transferId: id ?? `r${i}` })) throw new Error(`bad test row ${i}`);
  });
  for (const [node, category] of Object.entries(tags)) b.tag(node, category, 'account');
  return b.build();
}

/** Endpoint amounts by node id, as decimal text. */
export function endpointAmounts(r: TraceResult): Record<string, string> {
  return Object.fromEntries(r.endpoints.map((e) => [e.node, e.amount.amount]));
}

/** Checks the exact books of a conserving trace: left = endpoints + intermediate + below minimum, in units. */
export function books(r: TraceResult): { left: bigint; accounted: bigint } {
  const t = r.totals;
  const endpoints = r.endpoints.reduce((s, e) => s + BigInt(e.amount.units), 0n);
  const intermediate = r.intermediate.reduce((s, e) => s + BigInt(e.held.units), 0n);
  return { left: BigInt(t.left.units), accounted: endpoints + intermediate + BigInt(t.belowMinimum.units) };
}

//   X --30 @10--> A --50 @40--> D
//   S --60 @20--> A --40 @60--> E
//   S --40 @30--> B --40 @50--> D
/** Diamond with an old balance at A (times in seconds, EUR); the source is S's 100 EUR from t = 0. */
export const DIAMOND: Row[] = [
  ['X', 'A', 10, '30'],
  ['S', 'A', 20, '60'],
  ['S', 'B', 30, '40'],
  ['A', 'D', 40, '50'],
  ['B', 'D', 50, '40'],
  ['A', 'E', 60, '40'],
];

