/**
 * The I/O edge of wallet clustering: reads the UTXO legs the caller may see (CryptoTransferLeg: transfer, wallet,
 * direction, amount, position), their transfers' hashes and dates and the wallets' addresses, streamed with the
 * store's bulk statement iteration, and hands plain ClusterTx records to the pure core.
 */
import { currencyScale, parseUnits } from '../amount.ts';
import type { Context } from '../../model/context.ts';
import type { Statement } from '../../model/statement.ts';
import type { Store } from '../../store/port.ts';
import type { ClusterTx, TxLeg } from './types.ts';

type Props = Map<string, string[]>;

export interface UtxoData {
  txs: ClusterTx[];
  /** Wallets the caller sees (a statement of theirs is visible): only these may be judged. */
  wallets: Set<string>;
  /** Wallet id → address (publicKey). */
  addresses: Map<string, string>;
  /** Transfer id → decimal places of its currency, to print amounts. */
  scales: Map<string, number>;
  /** Legs without a transfer or a direction of input/output, not read. */
  skippedLegs: number;
}

const SCHEMATA = ['CryptoTransferLeg', 'CryptoTransfer', 'CryptoWallet'];

/** Collects each entity's distinct property values, in the order the store streams them. */
function collect(byEntity: Map<string, Props>, s: Statement): void {
  let props = byEntity.get(s.entityId);
  if (!props) byEntity.set(s.entityId, (props = new Map()));
  const list = props.get(s.prop);
  if (!list) props.set(s.prop, [s.value]);
  else if (!list.includes(s.value)) list.push(s.value);
}

interface RawLeg {
  id: string;
  transfer: string;
  wallets: string[];
  input: boolean;
  position: number;
  amount: string | undefined;
  currency: string | undefined;
  /** For inputs: the outpoint spent, "txid:vout". */
  spends: string | undefined;
}

function rawLeg(id: string, p: Props): RawLeg | null {
  const first = (k: string): string | undefined => p.get(k)?.[0];
  const transfer = first('transfer');
  const direction = first('direction')?.trim().toLowerCase();
  if (!transfer || (direction !== 'input' && direction !== 'output')) return null;
  const pos = Number(first('position'));
  return {
    id, transfer, wallets: p.get('wallet') ?? [], input: direction === 'input', position: Number.isFinite(pos) ? pos : Number.MAX_SAFE_INTEGER,
    amount: first('amount'), currency: first('currency'), spends: first('spends')?.trim().toLowerCase(),
  };
}

/**
 * Inputs that name only the output they spend (no prevout in the source) take that output's wallet and amount, when
 * the spent transaction is in the data: outpoint "txid:vout" = the transfer's hash and the output leg's position.
 */
function resolveSpends(byTransfer: ReadonlyMap<string, RawLeg[]>, transfers: ReadonlyMap<string, Props>): void {
  const outpoints = new Map<string, RawLeg>();
  for (const [id, legs] of byTransfer) {
    const hash = transfers.get(id)?.get('transactionHash')?.[0]?.trim().toLowerCase();
    if (hash) for (const l of legs) if (!l.input && l.wallets.length === 1) outpoints.set(`${hash}:${l.position}`, l);
  }
  for (const legs of byTransfer.values()) {
    for (const l of legs) {
      const spent = l.input && l.spends ? outpoints.get(l.spends) : undefined;
      if (!spent) continue;
      if (l.wallets.length === 0) l.wallets = spent.wallets;
      l.amount ??= spent.amount;
    }
  }
}

/** Seconds since the epoch of a transfer's date (or start date), NaN when it has none. */
function timeOf(p: Props | undefined): number {
  const d = p?.get('date')?.[0] ?? p?.get('startDate')?.[0];
  return d ? Date.parse(d) / 1000 : Number.NaN;
}

/**
 * One transaction from its legs, in position order (then leg id). A leg with no wallet (coinbase, an unresolved
 * input) or several (bare multisig) is left out and marks the transaction partial: the change rules skip it, and
 * common-input-ownership links the inputs that remain, which is still sound.
 */
function assemble(id: string, legs: RawLeg[], transfer: Props | undefined): { tx: ClusterTx; scale: number } {
  legs.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : 1));
  const currency = transfer?.get('currency')?.[0] ?? legs.find((l) => l.currency)?.currency ?? 'BTC';
  const scale = currencyScale(currency);
  let partial = false;
  const toLegs = (list: RawLeg[]): TxLeg[] => {
    const out: TxLeg[] = [];
    for (const l of list) {
      const units = l.amount === undefined ? null : parseUnits(l.amount, scale);
      if (!units || l.wallets.length !== 1) partial = true;
      if (l.wallets.length === 1) out.push({ wallet: l.wallets[0], amount: units?.units ?? 0n });
    }
    return out;
  };
  const inputs = toLegs(legs.filter((l) => l.input));
  const outputs = toLegs(legs.filter((l) => !l.input));
  const hash = transfer?.get('transactionHash')?.[0] ?? '';
  return { tx: { id, hash, time: timeOf(transfer), scale, inputs, outputs, ...(partial ? { partial } : {}) }, scale };
}

/**
 * Every UTXO transaction the caller may see, with its legs.
 * @example const { txs, wallets } = await loadUtxo(ctx, store); clusterWallets(txs, { linkable: (w) => wallets.has(w) });
 */
export async function loadUtxo(ctx: Context, store: Store, batchSize = 10_000): Promise<UtxoData> {
  const schemata = [...new Set(SCHEMATA.flatMap((s) => [s, ...store.model.descendants(s)]))];
  const legs = new Map<string, Props>();
  const transfers = new Map<string, Props>();
  const walletProps = new Map<string, Props>();
  const family = (schema: string): Map<string, Props> =>
    store.model.schemata.get(schema)?.ancestors.has('CryptoTransferLeg') ? legs : store.model.schemata.get(schema)?.ancestors.has('CryptoTransfer') ? transfers : walletProps;
  for await (const batch of store.iterateStatements(ctx, { schemata }, batchSize)) {
    ctx.signal?.throwIfAborted();
    for (const s of batch) collect(family(s.schema), s);
  }
  const byTransfer = new Map<string, RawLeg[]>();
  let skippedLegs = 0;
  for (const [id, p] of legs) {
    const l = rawLeg(id, p);
    if (!l) skippedLegs++;
    else if (byTransfer.has(l.transfer)) byTransfer.get(l.transfer)?.push(l);
    else byTransfer.set(l.transfer, [l]);
  }
  resolveSpends(byTransfer, transfers);
  const txs: ClusterTx[] = [];
  const scales = new Map<string, number>();
  for (const [id, list] of byTransfer) {
    const { tx, scale } = assemble(id, list, transfers.get(id));
    txs.push(tx);
    scales.set(id, scale);
  }
  const addresses = new Map<string, string>();
  for (const [id, p] of walletProps) {
    const a = p.get('publicKey')?.[0];
    if (a) addresses.set(id, a);
  }
  return { txs, wallets: new Set(walletProps.keys()), addresses, scales, skippedLegs };
}
