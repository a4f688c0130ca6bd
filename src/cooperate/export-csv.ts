/**
 * CSV export of statements with their provenance and handling. Cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) are prefixed with an apostrophe (OWASP's CSV-injection advice).
 */
import { stringify } from 'csv-stringify/sync';
import type { Context } from '../model/context.ts';
import type { Store } from '../store/port.ts';
import { exportableEntities, type ExportCounts, type ExportPolicy } from './export-policy.ts';

export const CSV_COLUMNS = ['entity_id', 'schema', 'prop', 'value', 'original', 'dataset', 'source', 'record', 'first_seen', 'last_seen', 'grading', 'compartment', 'tlp', 'handling', 'handling_note', 'importer'] as const;

/** Neutralises a cell that spreadsheet software would evaluate. */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export async function exportCsv(ctx: Context, store: Store, policy: ExportPolicy, write: (chunk: string) => Promise<void> | void): Promise<ExportCounts> {
  const counts: ExportCounts = { entities: 0, statements: 0, withheldH2: 0 };
  await write(stringify([CSV_COLUMNS as unknown as string[]]));
  for await (const { statements } of exportableEntities(ctx, store, policy, counts)) {
    const rows = statements.map((s) =>
      [s.entityId, s.schema, s.prop, s.value, s.original, s.dataset, s.source, s.record, s.firstSeen, s.lastSeen, s.grading, s.compartment, s.tlp, s.handling, s.handlingNote, s.importer].map(neutralizeCell),
    );
    await write(stringify(rows));
  }
  return counts;
}
