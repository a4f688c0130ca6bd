/** Test helpers: wallets and UTXO transfers with their legs as statements, the way an importer would write them. */
import type { Statement } from '../../model/statement.ts';
import { makeStatement as st } from '../../store/conformance/fixture.ts';

const ref = { isRef: true };

/** A CryptoWallet `${dataset}.${key}` with address `addr-${key}`. */
export function walletStatements(dataset: string, key: string, extra: Partial<Statement> = {}): Statement[] {
  const id = `${dataset}.${key}`;
  return [st(id, 'CryptoWallet', 'publicKey', `addr-${key}`, extra), st(id, 'CryptoWallet', 'currency', 'BTC', extra)];
}

/**
 * A BTC CryptoTransfer `${dataset}.${key}` (hash `hash-${key}`) with one CryptoTransferLeg per input and output,
 * each given as [wallet key, amount in BTC]; positions count inputs and outputs separately.
 * @example transferStatements('chain', 't1', '2024-02-01', [['a', '0.3']], [['s', '0.2999']])
 */
export function transferStatements(dataset: string, key: string, date: string, inputs: [string, string][], outputs: [string, string][]): Statement[] {
  const id = `${dataset}.${key}`;
  // Positions count inputs and outputs separately (vin, vout), as Bitcoin nodes and the Bitcoin reader do.
  const legs = [...inputs.map((l, n) => [...l, 'input', n] as const), ...outputs.map((l, n) => [...l, 'output', n] as const)];
  return [
    st(id, 'CryptoTransfer', 'transactionHash', `hash-${key}`),
    st(id, 'CryptoTransfer', 'date', date),
    st(id, 'CryptoTransfer', 'currency', 'BTC'),
    ...legs.flatMap(([k, amount, direction, n], i) => {
      const leg = `${id}.leg${i}`;
      return [
        st(leg, 'CryptoTransferLeg', 'transfer', id, ref),
        st(leg, 'CryptoTransferLeg', 'wallet', `${dataset}.${k}`, ref),
        st(leg, 'CryptoTransferLeg', 'direction', direction),
        st(leg, 'CryptoTransferLeg', 'amount', amount),
        st(leg, 'CryptoTransferLeg', 'position', String(n)),
      ];
    }),
  ];
}
