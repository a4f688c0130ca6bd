/**
 * The selectors this node may put into an exchange with a peer, and the local entities holding each:
 * read from the store under the peer's clearance (its compartments and TLP ceiling, capped by the
 * analyst's own), H2 values left out unless the peer has a recorded permission. The I/O edge.
 */
import { tlpLevel } from '../../model/handling.ts';
import type { Context } from '../../model/context.ts';
import type { Store } from '../../store/port.ts';
import { CorvidError } from '../../errors.ts';
import { extractSelectors, normalizeSelector, SELECTOR_TYPES, selectorTypeOf, type SelectorType } from '../selectors.ts';
import type { Peer } from './peers.ts';

export { normalizeSelector, SELECTOR_TYPES, type SelectorType };

export function parseSelectorType(input: string): SelectorType {
  const t = SELECTOR_TYPES.find((x) => x === input);
  if (!t) throw new CorvidError('CORVID_ERR_VALIDATION', `unknown selector type: ${input} (${SELECTOR_TYPES.join(', ')})`);
  return t;
}

/** True when this node refuses fuzzy (Bloom-filter) matching with everyone: CORVID_NO_FUZZY=1. */
export function fuzzyRefusedHere(): boolean {
  return process.env.CORVID_NO_FUZZY === '1';
}

/**
 * The Context a peer exchange reads with: the analyst's, narrowed to what the peer may receive.
 * @example const ctx = peerScope(analystCtx, peer); // compartments ∩, the lower TLP ceiling
 */
export function peerScope(ctx: Context, peer: Peer): Context {
  const compartments = ctx.compartments === '*' ? peer.compartments : ctx.compartments.filter((c) => peer.compartments.includes(c));
  const tlpCeiling = tlpLevel(peer.tlpCeiling) < tlpLevel(ctx.tlpCeiling) ? peer.tlpCeiling : ctx.tlpCeiling;
  return { actor: ctx.actor, compartments, tlpCeiling, roles: [], ...(ctx.signal ? { signal: ctx.signal } : {}) };
}

/** Selectors and their holders: the sorted distinct values, and for each the entity ids holding it. */
export interface Holdings {
  type: SelectorType;
  selectors: string[];
  holders: Map<string, string[]>;
}

/**
 * Reads the selectors of a type that may go to the peer.
 * @example const h = await holdings(ctx, store, peer, 'phone'); h.selectors.length
 */
export async function holdings(ctx: Context, store: Store, peer: Peer, type: SelectorType): Promise<Holdings> {
  const scope = peerScope(ctx, peer);
  const props = new Set(['country', 'nationality', 'jurisdiction']);
  for (const schema of store.model.schemata.values()) for (const p of schema.properties.values()) if (selectorTypeOf(p) === type) props.add(p.name);
  const records: { schema: string; prop: string; value: string; entityId: string }[] = [];
  for await (const batch of store.iterateStatements(scope, { props: [...props] }, 5000)) {
    for (const s of batch) if (s.handling !== 'H2' || peer.allowH2) records.push({ schema: s.schema, prop: s.prop, value: s.value, entityId: s.entityId });
  }
  const found = extractSelectors(type, records, { model: store.model });
  const selectors = [...found.keys()].sort();
  return { type, selectors, holders: new Map(selectors.map((v) => [v, [...found.get(v)!].sort()])) };
}
