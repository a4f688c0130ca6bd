// The money-flow view's call to the public API: one trace, computed on the server over the ledger.
import { api } from '../api.ts';
import type { TraceRequest, TraceView } from './types.ts';

/** POST /money/trace: where money went from (forward) or came from (backward) an account, wallet or payment. */
export function traceMoney(body: TraceRequest, signal?: AbortSignal): Promise<TraceView> {
  return api('POST', '/money/trace', body, signal);
}
