/**
 * Payments as links between accounts. The network API draws a Payment between its payer and beneficiary (FtM's
 * edge); money records often name only the accounts (payerAccount, beneficiaryAccount), which is what the ledger
 * follows. For evidence and traces the chart draws those transfers itself, account to account.
 */
import type { NetworkEdge } from '../chart/types.ts';
import type { Entity } from '../types.ts';

const first = (e: Entity, ...props: string[]): string | undefined => props.map((p) => e.properties[p]?.[0]).find((v) => v !== undefined);

/**
 * The link a transfer makes between accounts (payer's account → beneficiary's account, as the ledger reads it), or null.
 * @example transferEdge(payment)?.from // 'bank.acct-1'
 */
export function transferEdge(e: Entity): NetworkEdge | null {
  const crypto = e.schema === 'CryptoTransfer';
  const from = crypto ? first(e, 'sender') : first(e, 'payerAccount', 'payer');
  const to = crypto ? first(e, 'receiver') : first(e, 'beneficiaryAccount', 'beneficiary');
  if (!from || !to) return null;
  const date = first(e, 'date', 'startDate');
  const amount = first(e, 'amount');
  return {
    id: e.id,
    from,
    to,
    directed: true,
    kind: 'interstitial',
    schema: e.schema,
    label: amount ? `${amount} ${first(e, 'currency') ?? ''}`.trim() : crypto ? 'sent crypto to' : 'paid',
    source: e.id,
    ...(date ? { start: date.slice(0, 10), end: date.slice(0, 10) } : {}),
    weight: 1,
    datasets: e.datasets,
  };
}
