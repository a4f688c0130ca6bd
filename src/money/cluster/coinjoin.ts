/**
 * The CoinJoin guard: transactions that look like CoinJoins (many inputs, several equal-valued outputs) are not
 * evidence of common ownership. After Möser & Böhme 2017, "Anonymous alone? Measuring Bitcoin's second-generation
 * anonymization techniques" (IEEE EuroS&PW), and Kappos et al. 2022, "How to peel a million: validating and
 * expanding Bitcoin clusters" (USENIX Security); patterns of JoinMarket, Samourai Whirlpool and Wasabi.
 */
import type { ClusterTx } from './types.ts';

export interface CoinJoinOptions {
  /** Equal-output rule: at least this many outputs of one value (default 2: a two-party JoinMarket join). */
  minEqualOutputs?: number;
  /** Many-to-many rule: at least this many distinct input wallets and this many outputs (default 5). */
  manyToMany?: number;
}

export interface CoinJoinVerdict {
  coinjoin: boolean;
  /** Which rule matched: `equal-outputs` or `many-to-many`; '' when none. */
  rule: '' | 'equal-outputs' | 'many-to-many';
  /** The most frequent output value and how many outputs carry it. */
  value: bigint;
  equalOutputs: number;
}

export const COINJOIN_DEFAULTS: Required<CoinJoinOptions> = { minEqualOutputs: 2, manyToMany: 5 };

/** The most frequent output value (the smallest on ties) and its count. */
function modalOutput(tx: ClusterTx): { value: bigint; count: number; repeated: number } {
  const counts = new Map<bigint, number>();
  for (const o of tx.outputs) counts.set(o.amount, (counts.get(o.amount) ?? 0) + 1);
  let value = 0n;
  let count = 0;
  let repeated = 0;
  for (const [v, c] of counts) {
    if (c >= 2) repeated += c;
    if (c > count || (c === count && v < value)) [value, count] = [v, c];
  }
  return { value, count, repeated };
}

/**
 * Whether a transaction looks like a CoinJoin. Rules (either suffices):
 * - equal-outputs: k ≥ minEqualOutputs outputs share one value, at least k distinct wallets pay in, and those k
 *   outputs are at least half of all outputs (each participant gets one equal output and at most one change output);
 * - many-to-many: at least `manyToMany` distinct input wallets and outputs, and at least half of the outputs carry a
 *   value that recurs (Wasabi 2's several standard denominations).
 * A false alarm only withholds links, so the guard errs on the side of flagging.
 * @example isCoinJoin(tx).coinjoin // true for 5 inputs and 5 outputs of 0.01 BTC each
 */
export function isCoinJoin(tx: ClusterTx, options: CoinJoinOptions = {}): CoinJoinVerdict {
  const o = { ...COINJOIN_DEFAULTS, ...options };
  const inputs = new Set(tx.inputs.map((l) => l.wallet)).size;
  const n = tx.outputs.length;
  const m = modalOutput(tx);
  if (m.count >= o.minEqualOutputs && inputs >= m.count && 2 * m.count >= n) {
    return { coinjoin: true, rule: 'equal-outputs', value: m.value, equalOutputs: m.count };
  }
  if (inputs >= o.manyToMany && n >= o.manyToMany && 2 * m.repeated >= n) {
    return { coinjoin: true, rule: 'many-to-many', value: m.value, equalOutputs: m.count };
  }
  return { coinjoin: false, rule: '', value: m.value, equalOutputs: m.count };
}
