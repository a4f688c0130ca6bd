// A trace request in the location hash (#/trace?from=…&direction=…), so every trace has a link that survives reloads.
import type { TraceDirection, TraceModel, TraceRequest } from './types.ts';

export type TraceParams = TraceRequest;

export const DIRECTIONS: readonly TraceDirection[] = ['forward', 'backward'];
export const MODELS: readonly TraceModel[] = ['fifo', 'haircut', 'poison'];
export const DEFAULT_MAX_HOPS = 6;

/**
 * The trace the hash asks for, or null when it names no start.
 * @example parseTraceParams(new URLSearchParams('from=bank.a1&model=haircut')) // { from: 'bank.a1', direction: 'forward', model: 'haircut', maxHops: 6 }
 */
export function parseTraceParams(qs: URLSearchParams): TraceParams | null {
  const from = qs.get('from')?.trim();
  if (!from) return null;
  const direction = qs.get('direction') as TraceDirection | null;
  const model = qs.get('model') as TraceModel | null;
  const hops = Number(qs.get('maxHops'));
  const minAmount = qs.get('minAmount')?.trim();
  return {
    from,
    direction: direction && DIRECTIONS.includes(direction) ? direction : 'forward',
    model: model && MODELS.includes(model) ? model : 'fifo',
    maxHops: Number.isInteger(hops) && hops > 0 ? hops : DEFAULT_MAX_HOPS,
    ...(minAmount ? { minAmount } : {}),
  };
}

/** The query string of a trace (the inverse of parseTraceParams; defaults are left out). */
export function traceQuery(t: TraceParams): URLSearchParams {
  const qs = new URLSearchParams({ from: t.from });
  if (t.direction !== 'forward') qs.set('direction', t.direction);
  if (t.model !== 'fifo') qs.set('model', t.model);
  if (t.maxHops !== undefined && t.maxHops !== DEFAULT_MAX_HOPS) qs.set('maxHops', String(t.maxHops));
  if (t.minAmount) qs.set('minAmount', t.minAmount);
  return qs;
}
