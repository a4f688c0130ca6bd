/**
 * The change-address heuristic, weaker than common-input-ownership: in a payment with exactly two outputs, one is the
 * payment and the other returns the rest to the payer, so the change output's wallet joins the inputs' owner.
 * Meiklejohn et al. 2013, "A fistful of bitcoins" (IMC), heuristic 2 (one-time change addresses); Androulaki et al.
 * 2013, "Evaluating user privacy in Bitcoin" (FC); round amounts and address types as in Kalodner et al. 2020,
 * "BlockSci" (USENIX Security); the unnecessary-input ("optimal change") rule of Nick 2015 and Ermilov et al. 2017,
 * "Automatic Bitcoin address clustering" (ICMLA). Each rule is named and has its own, lower confidence.
 */
import { addressType } from './address-type.ts';
import type { ChangeRule, ClusterTx, TxLeg, WalletLink } from './types.ts';

/** Confidence per rule; when several agree the link takes the highest. All below CIO_CONFIDENCE on purpose. */
export const CHANGE_CONFIDENCE: Readonly<Record<ChangeRule, number>> = { fresh: 0.6, round: 0.45, type: 0.35, optimal: 0.3 };

/** Where each wallet first appears (index in the ordered transactions) and in how many transactions it receives. */
export interface AddressHistory {
  first: ReadonlyMap<string, number>;
  receipts: ReadonlyMap<string, number>;
}

/**
 * The history of every wallet over transactions in time order: the "seen before" and "reused" of the fresh rule.
 * @example addressHistory(txs).first.get('ds.w1') // 0 when ds.w1 appears in the first transaction
 */
export function addressHistory(txs: readonly ClusterTx[]): AddressHistory {
  const first = new Map<string, number>();
  const receipts = new Map<string, number>();
  txs.forEach((tx, i) => {
    for (const l of [...tx.inputs, ...tx.outputs]) if (!first.has(l.wallet)) first.set(l.wallet, i);
    for (const w of new Set(tx.outputs.map((l) => l.wallet))) receipts.set(w, (receipts.get(w) ?? 0) + 1);
  });
  return { first, receipts };
}

export interface ChangeContext {
  /** The transaction's index in the ordered list the history was built from. */
  index: number;
  history: AddressHistory;
  /** Wallet id → address text, for the address-type rule. */
  addresses?: ReadonlyMap<string, string>;
  /** Decimal places at most of a round amount (default 3: 0.001 BTC). */
  roundDecimals?: number;
}

/** The one output (0 or 1) for which `isChange` holds while it fails for the other; null otherwise. */
function onlyOne(outputs: readonly TxLeg[], isChange: (l: TxLeg) => boolean): number | null {
  const a = isChange(outputs[0]);
  const b = isChange(outputs[1]);
  return a === b ? null : a ? 0 : 1;
}

/** fresh: the change address appears for the first time here and never receives again; the payee was seen before. */
function fresh(tx: ClusterTx, c: ChangeContext): number | null {
  if (Number.isNaN(tx.time)) return null;
  const isNew = (l: TxLeg): boolean => c.history.first.get(l.wallet) === c.index && c.history.receipts.get(l.wallet) === 1;
  const i = onlyOne(tx.outputs, isNew);
  if (i === null) return null;
  const payee = tx.outputs[1 - i];
  return (c.history.first.get(payee.wallet) ?? c.index) < c.index ? i : null;
}

/** round: the payment is a round amount (at most `roundDecimals` decimals), the change is not. */
function round(tx: ClusterTx, c: ChangeContext): number | null {
  const unit = 10n ** BigInt(Math.max(0, tx.scale - (c.roundDecimals ?? 3)));
  const i = onlyOne(tx.outputs, (l) => l.amount % unit === 0n);
  return i === null ? null : 1 - i;
}

/** type: every input spends from one address type, and exactly one output has it. */
function type(tx: ClusterTx, c: ChangeContext): number | null {
  if (!c.addresses) return null;
  const typeOf = (l: TxLeg): string => addressType(c.addresses?.get(l.wallet) ?? '');
  const inputs = new Set(tx.inputs.map(typeOf));
  const [t] = [...inputs];
  if (inputs.size !== 1 || t === 'unknown') return null;
  if (tx.outputs.some((l) => typeOf(l) === 'unknown')) return null;
  return onlyOne(tx.outputs, (l) => typeOf(l) === t);
}

/** optimal: with two or more inputs, an output smaller than every input is change (a payment that small needed one input). */
function optimal(tx: ClusterTx): number | null {
  if (tx.inputs.length < 2) return null;
  let min = tx.inputs[0].amount;
  for (const l of tx.inputs) if (l.amount < min) min = l.amount;
  return onlyOne(tx.outputs, (l) => l.amount < min);
}

const RULES: Readonly<Record<ChangeRule, (tx: ClusterTx, c: ChangeContext) => number | null>> = { fresh, round, type, optimal };

/** Whether the change heuristic may look at the transaction at all (the caller applies the CoinJoin guard). */
function eligible(tx: ClusterTx): boolean {
  if (tx.partial || tx.outputs.length !== 2 || tx.inputs.length === 0) return false;
  if (tx.outputs[0].wallet === tx.outputs[1].wallet) return false;
  // Self-change (an output back to an input address) already names the change; nothing new to link.
  const inputs = new Set(tx.inputs.map((l) => l.wallet));
  return !tx.outputs.some((l) => inputs.has(l.wallet));
}

export interface ChangeOutcome {
  link: WalletLink | null;
  /** True when enabled rules pointed at different outputs: no link. */
  conflict: boolean;
}

/**
 * The change link of one transaction, if the enabled rules agree on which output is the change.
 * @example changeLink(tx, { index: 3, history }, ['fresh', 'round']).link?.rules // ['change:fresh', 'change:round']
 */
export function changeLink(tx: ClusterTx, c: ChangeContext, rules: readonly ChangeRule[], linkable: (w: string) => boolean = () => true): ChangeOutcome {
  if (!eligible(tx)) return { link: null, conflict: false };
  const votes = rules.map((r) => [r, RULES[r](tx, c)] as const).filter((v): v is readonly [ChangeRule, number] => v[1] !== null);
  if (votes.length === 0) return { link: null, conflict: false };
  const out = votes[0][1];
  if (votes.some((v) => v[1] !== out)) return { link: null, conflict: true };
  const payer = tx.inputs.map((l) => l.wallet).find(linkable);
  const change = tx.outputs[out].wallet;
  if (payer === undefined || !linkable(change)) return { link: null, conflict: false };
  const confidence = Math.max(...votes.map(([r]) => CHANGE_CONFIDENCE[r]));
  return { link: { a: payer, b: change, heuristic: 'change', rules: votes.map(([r]) => `change:${r}`), tx: tx.id, txHash: tx.hash, confidence }, conflict: false };
}
