/** FollowTheMoney JSON-lines export: one entity a line, readable by Aleph, yente and Corvid itself. */
import type { Context } from '../model/context.ts';
import type { Entity } from '../model/statement.ts';
import type { Store } from '../store/port.ts';
import { exportableEntities, type ExportCounts, type ExportPolicy } from './export-policy.ts';

/** One entity as an FtM line's object (what `corvid import` and Aleph read back). */
export function ftmLine(entity: Entity): Record<string, unknown> {
  return { id: entity.id, schema: entity.schema, properties: entity.properties, datasets: entity.datasets, first_seen: entity.firstSeen, last_seen: entity.lastSeen };
}

/** Writes entities as FtM JSON lines through `write`; returns what was exported and withheld. */
export async function exportFtm(ctx: Context, store: Store, policy: ExportPolicy, write: (line: string) => Promise<void> | void): Promise<ExportCounts> {
  const counts: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  for await (const { entity } of exportableEntities(ctx, store, policy, counts)) {
    await write(`${JSON.stringify(ftmLine(entity))}\n`);
  }
  return counts;
}
