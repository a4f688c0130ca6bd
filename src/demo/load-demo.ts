/**
 * Reads a generated demo folder back into entities — FtM lines as they are, CSV rows through their
 * FtM mappings (column, columns+join, literal, entity, keys/key_literal/id_column) — so tests can check
 * the files against the model and the truth without depending on the import pipeline.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { parse as parseYaml } from 'yaml';
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

interface PropMapping {
  column?: string;
  columns?: string[];
  join?: string;
  literal?: string;
  entity?: string;
}

interface EntityMapping {
  schema: string;
  key?: string;
  keys?: string[];
  key_literal?: string;
  id_column?: string;
  tlp?: PropMapping;
  properties?: Record<string, PropMapping>;
}

/** The FtM-style key id: SHA-1 over the key literal and the sorted non-empty key values. */
export function mappingId(m: EntityMapping, row: Record<string, string>): string | undefined {
  if (m.id_column) return row[m.id_column] || undefined;
  const values = keyNames(m)
    .map((k) => (row[k] ?? '').trim())
    .filter((v) => v !== '')
    .sort();
  if (values.length === 0) return undefined;
  const h = createHash('sha1');
  if (m.key_literal) h.update(m.key_literal);
  for (const v of values) h.update(v);
  return h.digest('hex');
}

function keyNames(m: EntityMapping): string[] {
  return [...(m.key ? [m.key] : []), ...(m.keys ?? [])];
}

function mapValue(p: PropMapping, row: Record<string, string>, ids: Record<string, string | undefined>): string[] {
  if (p.literal !== undefined) return [String(p.literal)];
  if (p.entity !== undefined) return ids[p.entity] ? [ids[p.entity]!] : [];
  if (p.columns) {
    const joined = p.columns
      .map((c) => row[c] ?? '')
      .filter((v) => v.trim() !== '')
      .join(p.join ?? ' ');
    return joined.trim() === '' ? [] : [joined];
  }
  if (p.column !== undefined) return (row[p.column] ?? '').trim() === '' ? [] : [row[p.column]!];
  return [];
}

/** Loads every file the folder's manifest lists. */
export function loadDemo(outDir: string): LoadedDemo {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as LoadedDemo['manifest'];
  const entities: LoadedEntity[] = [];
  for (const f of manifest.files) {
    const text = readFileSync(join(outDir, f.path), 'utf8');
    if (f.format === 'ftm') {
      text.split('\n').forEach((line, i) => {
        if (line.trim() === '') return;
        const e = JSON.parse(line) as { id: string; schema: string; properties: Record<string, string[]> };
        entities.push({ dataset: f.dataset, file: f.path, id: e.id, schema: e.schema, properties: e.properties, line: i + 1 });
      });
      continue;
    }
    const mapping = parseYaml(readFileSync(join(outDir, f.mapping!), 'utf8')) as { queries: { entities: Record<string, EntityMapping> }[] };
    const rows = parseCsv(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    rows.forEach((row, i) => {
      for (const q of mapping.queries) {
        const ids: Record<string, string | undefined> = {};
        for (const [name, m] of Object.entries(q.entities)) ids[name] = mappingId(m, row);
        for (const [name, m] of Object.entries(q.entities)) {
          const id = ids[name];
          if (!id) continue;
          const properties: Record<string, string[]> = {};
          for (const [prop, pm] of Object.entries(m.properties ?? {})) {
            const values = mapValue(pm, row, ids);
            if (values.length > 0) properties[prop] = values;
          }
          const tlp = m.tlp ? mapValue(m.tlp, row, ids)[0] : undefined;
          entities.push({
            dataset: f.dataset,
            file: f.path,
            id,
            schema: m.schema,
            properties,
            entity: name,
            keys: keyNames(m).map((k) => row[k] ?? ''),
            ...(tlp ? { tlp } : {}),
            line: i + 2,
          });
        }
      }
    });
  }
  return { manifest, entities };
}
