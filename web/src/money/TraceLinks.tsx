// "Trace money forward / backward" from an account, wallet or payment: links to the money-flow view.
import { hrefOf } from '../router.ts';
import { DEFAULT_MAX_HOPS } from './trace-params.ts';

/** Schemata money can be traced from: where it sits, and the transfers that move it. */
export const TRACEABLE = new Set(['BankAccount', 'CryptoWallet', 'Payment', 'CryptoTransfer']);

export function traceHref(from: string, direction: 'forward' | 'backward'): string {
  return hrefOf({ page: 'trace', trace: { from, direction, model: 'fifo', maxHops: DEFAULT_MAX_HOPS } });
}

export function TraceLinks(props: { id: string; schema: string; className?: string }) {
  if (!TRACEABLE.has(props.schema)) return null;
  return (
    <p className={props.className}>
      <a href={traceHref(props.id, 'forward')}>Trace money forward</a> · <a href={traceHref(props.id, 'backward')}>Trace money backward</a>
    </p>
  );
}
