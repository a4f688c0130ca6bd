/**
 * Reads a generated demo folder back into entities through Corvid's own readers (FtM lines; CSV rows
 * through their mappings), without a store, so tests check the files against the model and the truth.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RawEntity } from '../ingest/reader.ts';
import { csvRecords } from '../ingest/readers/csv-records.ts';
import { readFtm } from '../ingest/readers/ftm.ts';
import { entityId, mapRow } from '../ingest/readers/mapping-apply.ts';
import { parseMapping, type CompiledMapping } from '../ingest/readers/mapping.ts';
import type { SourceFile } from './sources/context.ts';

export interface LoadedEntity {
  dataset: string;
  file: string;
  id: string;
  schema: string;
  properties: Record<string, string[]>;
  /** For mapped CSV: the mapping's entity name and its key values (mapping order). */
  entity?: string;
  keys?: string[];
  tlp?: string;
  line: number;
}

export interface LoadedDemo {
  manifest: { seed: number; scale: number; files: SourceFile[]; truth: string };
  entities: LoadedEntity[];
}

async function* bytesOf(text: Buffer): AsyncGenerator<Buffer> {
  yield text;
}

async function loadFtm(f: SourceFile, bytes: Buffer, out: LoadedEntity[]): Promise<void> {
  for await (const item of readFtm(bytesOf(bytes), { fileName: f.path })) {
    if (item.kind !== 'entities') continue;
    for (const e of item.entities) out.push({ dataset: f.dataset, file: f.path, id: e.id, schema: e.schema, properties: e.properties, line: item.line });
  }
}

/**
 * Maps each row with the importer's own `mapRow`, then names each entity after the mapping entity it
 * came from: mapRow keeps the mapping's order and leaves out entities without an id, so the entities
 * with an id, in order, are its output.
 */
async function loadCsv(f: SourceFile, bytes: Buffer, mapping: CompiledMapping, out: LoadedEntity[]): Promise<void> {
  let header: Map<string, number> | undefined;
  for await (const r of csvRecords(bytesOf(bytes), { maxRecordBytes: 1 << 24, delimiter: 0x2c })) {
    if (r.kind !== 'record') continue;
    if (!header) {
      header = new Map(r.fields.map((h, i) => [h.trim(), i]));
      continue;
    }
    const cols = header;
    const row = (column: string): string => r.fields[cols.get(column) ?? -1] ?? '';
    const item = mapRow(mapping, row, r.line, '');
    if (item.kind !== 'entities') continue;
    const made: RawEntity[] = [...item.entities];
    for (const e of mapping.queries.flatMap((q) => q.entities)) {
      const id = entityId(e, row);
      if (id === undefined || made[0]?.id !== id || made[0].schema !== e.schema) continue;
      const raw = made.shift()!;
      out.push({
        dataset: f.dataset,
        file: f.path,
        id,
        schema: raw.schema,
        properties: raw.properties,
        entity: e.name,
        keys: e.keys.map(row),
        ...(raw.meta?.tlp ? { tlp: raw.meta.tlp } : {}),
        line: r.line,
      });
    }
  }
}

/** Loads every file the folder's manifest lists. */
export async function loadDemo(outDir: string): Promise<LoadedDemo> {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as LoadedDemo['manifest'];
  const entities: LoadedEntity[] = [];
  for (const f of manifest.files) {
    const bytes = readFileSync(join(outDir, f.path));
    if (f.format === 'ftm') await loadFtm(f, bytes, entities);
    else await loadCsv(f, bytes, parseMapping(readFileSync(join(outDir, f.mapping!), 'utf8'), f.mapping), entities);
  }
  return { manifest, entities };
}
