/** Generates the demo investigation (seeded) into the data directory and imports every source of it. */
import { join } from 'node:path';
import { generateDemo } from '../demo/generate.ts';
import { importFile } from '../ingest/pipeline.ts';
import type { ImportSummary } from '../ingest/options.ts';
import type { Context } from '../model/context.ts';
import type { Store } from '../store/port.ts';

export interface DemoLoadResult {
  seed: number;
  truth: string;
  imports: ImportSummary[];
}

/**
 * Creates each demo dataset, then imports each source file with its own grading and handling.
 * @example await loadDemo(ctx, store, './corvid-data', { seed: 20251 })
 */
export async function loadDemo(ctx: Context, store: Store, dataDir: string, opts: { seed?: number; scale?: number; onFile?: (file: string) => void } = {}): Promise<DemoLoadResult> {
  const manifest = await generateDemo({ outDir: join(dataDir, 'demo'), ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.scale !== undefined ? { scale: opts.scale } : {}) });
  const imports: ImportSummary[] = [];
  for (const f of manifest.files) {
    opts.onFile?.(f.path);
    if (!(await store.getDataset(ctx, f.dataset))) await store.upsertDataset(ctx, { name: f.dataset, title: f.title });
    imports.push(
      await importFile(ctx, store, {
        file: f.path,
        dataset: f.dataset,
        format: f.format,
        rejectsDir: join(dataDir, 'rejects'),
        grading: f.grading,
        tlp: f.tlp,
        handling: f.handling,
        handlingNote: f.handlingNote ?? '',
        compartment: f.compartment,
        ...(f.mapping ? { mapping: f.mapping } : {}),
        ...(f.defaultCountry ? { defaultCountry: f.defaultCountry } : {}),
      }),
    );
  }
  return { seed: manifest.seed, truth: manifest.truth, imports };
}
