/** UTXO transactions for clustering from the columnar ledger: its `tx` nodes, inputs wallet → tx, outputs tx → wallet. */
import { amountOf, NODE_KINDS, type Ledger } from '../ledger.ts';
import type { ClusterTx, TxLeg } from './types.ts';

const TX = NODE_KINDS.indexOf('tx');

/**
 * Every `tx` node of a ledger as a ClusterTx. Legs keep the ledger's time order; the hash is the node's entity id
 * unless `hashes` (entity id → transaction hash) names it.
 * @example const txs = txsFromLedger(ledger); clusterWallets(txs);
 */
export function txsFromLedger(l: Ledger, hashes: ReadonlyMap<string, string> = new Map()): ClusterTx[] {
  const out: ClusterTx[] = [];
  for (let n = 0; n < l.nodeCount; n++) {
    if (l.nodeKind[n] !== TX) continue;
    const inputs: TxLeg[] = [];
    const outputs: TxLeg[] = [];
    let time = Number.POSITIVE_INFINITY;
    let currency = -1;
    for (let k = l.inStart[n]; k < l.inStart[n + 1]; k++) {
      const r = l.inRows[k];
      inputs.push({ wallet: l.nodeIds[l.from[r]], amount: amountOf(l, r) });
      time = Math.min(time, l.time[r]);
      currency = l.currency[r];
    }
    for (let k = l.outStart[n]; k < l.outStart[n + 1]; k++) {
      const r = l.outRows[k];
      outputs.push({ wallet: l.nodeIds[l.to[r]], amount: amountOf(l, r) });
      time = Math.min(time, l.time[r]);
      currency = l.currency[r];
    }
    const id = l.nodeIds[n];
    const scale = currency < 0 ? 8 : l.currencies[currency].scale;
    out.push({ id, hash: hashes.get(id) ?? id, time: Number.isFinite(time) ? time : 0, scale, inputs, outputs });
  }
  return out;
}
