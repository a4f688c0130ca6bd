/**
 * What may leave the store in an export: only what the exporting user sees, nothing above the
 * recipient's TLP ceiling, and no H2 value without a recorded permission. Shared by every export format.
 */
import { tlpLevel, type Tlp } from '../model/handling.ts';
import type { Context } from '../model/context.ts';
import type { Statement } from '../model/statement.ts';
import { assembleEntity, type Entity } from '../model/statement.ts';
import type { Model } from '../model/schema.ts';
import type { StatementFilter, Store } from '../store/port.ts';

export interface ExportPolicy {
  /** The recipient's TLP ceiling; default: the exporter's own. */
  tlpMax?: Tlp;
  /** H2 values are withheld unless the provider's permission is recorded and this is set. */
  allowH2?: boolean;
  datasets?: readonly string[];
  schemata?: readonly string[];
  /** Only these entities (a follow-up's disclosure). */
  entityIds?: readonly string[];
}

export interface ExportCounts {
  entities: number;
  statements: number;
  withheldH2: number;
}

/** The Context an export reads with: the exporter's, capped at the recipient's ceiling. */
export function exportContext(ctx: Context, policy: ExportPolicy): Context {
  if (!policy.tlpMax || tlpLevel(policy.tlpMax) >= tlpLevel(ctx.tlpCeiling)) return ctx;
  return { ...ctx, tlpCeiling: policy.tlpMax };
}

/**
 * Streams the exportable statements grouped by entity (the store orders them by entity id), applying
 * the policy; counts what was withheld so the export can say so.
 */
export async function* exportableEntities(ctx: Context, store: Store, policy: ExportPolicy, counts: ExportCounts): AsyncIterable<{ entity: Entity; statements: Statement[] }> {
  const filter: StatementFilter = { ...(policy.datasets ? { datasets: policy.datasets } : {}), ...(policy.schemata ? { schemata: policy.schemata } : {}), ...(policy.entityIds ? { entityIds: policy.entityIds } : {}) };
  let current: Statement[] = [];
  const model: Model = store.model;
  const emit = (): { entity: Entity; statements: Statement[] } | null => {
    if (current.length === 0) return null;
    const out = { entity: assembleEntity(model, current), statements: current };
    current = [];
    return out;
  };
  for await (const batch of store.iterateStatements(exportContext(ctx, policy), filter, 5000)) {
    for (const s of batch) {
      if (s.handling === 'H2' && !policy.allowH2) {
        counts.withheldH2++;
        continue;
      }
      if (current.length > 0 && current[0]!.entityId !== s.entityId) {
        const e = emit();
        if (e) {
          counts.entities++;
          yield e;
        }
      }
      current.push(s);
      counts.statements++;
    }
  }
  const last = emit();
  if (last) {
    counts.entities++;
    yield last;
  }
}
