/** Round-trip test helpers: a store planted with statements, and an export re-imported into a fresh store through our own readers. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFile } from '../ingest/pipeline.ts';
import type { ImportFormat, ImportSummary } from '../ingest/options.ts';
import { systemContext } from '../model/context.ts';
import { assembleEntity, type Entity, type Statement } from '../model/statement.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/port.ts';

const sys = systemContext();

/** A fresh store in `dir` holding `statements` (each dataset created first). */
export async function plantedStore(dir: string, statements: Statement[]): Promise<Store> {
  const store = await openStore({ data: dir });
  for (const ds of new Set(statements.map((s) => s.dataset))) {
    await store.upsertDataset(sys, { name: ds, title: ds });
    await store.writeBatch(sys, { dataset: ds, statements: statements.filter((s) => s.dataset === ds) });
  }
  return store;
}

/** One re-imported entity with the statements it was assembled from. */
export interface Back {
  entity: Entity;
  statements: Statement[];
}

export interface Reimported {
  summary: ImportSummary;
  entities: Back[];
  /** The entities holding this value in this property. */
  holding(prop: string, value: string): Back[];
  close(): Promise<void>;
}

/**
 * Writes `text` to a file, imports it with `format` into dataset `received` of a fresh store, and
 * answers every entity that came back.
 */
export async function reimport(text: string, format: ImportFormat, fileName: string): Promise<Reimported> {
  const dir = await mkdtemp(join(tmpdir(), 'corvid-roundtrip-'));
  const file = join(dir, fileName);
  await writeFile(file, text);
  const store = await openStore({ data: join(dir, 'store') });
  const summary = await importFile(sys, store, { file, format, dataset: 'received', rejectsDir: join(dir, 'rejects') });
  const byId = new Map<string, Statement[]>();
  for await (const batch of store.iterateStatements(sys, {}, 5000)) {
    for (const s of batch) byId.set(s.entityId, [...(byId.get(s.entityId) ?? []), s]);
  }
  const entities = [...byId.values()].map((statements) => ({ entity: assembleEntity(store.model, statements), statements }));
  return {
    summary,
    entities,
    holding: (prop, value) => entities.filter((b) => b.entity.properties[prop]?.includes(value)),
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The TLP labels of the statements of one entity, distinct and sorted. */
export const tlpsOf = (b: Back): string[] => [...new Set(b.statements.filter((s) => s.prop !== 'id').map((s) => s.tlp))].sort();
