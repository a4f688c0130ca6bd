/**
 * The demo-data generator's entry point: simulates the story for a seed and renders it into overlapping
 * source files (FtM JSON lines, CSV with FtM mappings), a manifest and the ground-truth file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ValidationError } from '../errors.ts';
import { Rng } from './rng.ts';
import { simulate } from './simulate.ts';
import { renderChain } from './sources/chain-analytics.ts';
import type { SourceContext, SourceFile } from './sources/context.ts';
import { renderFiuNl } from './sources/fiu-nl.ts';
import { renderPoliceDe } from './sources/police-de.ts';
import { renderPoliceNl } from './sources/police-nl.ts';
import { renderTelco } from './sources/telco-cdr.ts';
import { renderTns } from './sources/tns-platform.ts';
import { TruthCollector } from './truth.ts';

export const DEFAULT_SEED = 20251;

/** One generated file, as `generateDemo` returns it: like the manifest's entries, with absolute paths. */
export type DemoFile = SourceFile;

export interface DemoManifest {
  seed: number;
  scale: number;
  files: DemoFile[];
  /** Absolute path of the ground-truth JSON. */
  truth: string;
}

/**
 * Generates the demo investigation into `outDir`: source files in sub-folders per dataset, `truth.json`
 * and `manifest.json` (the same manifest with paths relative to `outDir`). The same seed and scale give
 * byte-identical files.
 * @example const m = await generateDemo({ outDir: '/tmp/corvid-demo' }); m.files.length // 14
 */
export async function generateDemo(opts: { outDir: string; seed?: number; scale?: number }): Promise<DemoManifest> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const scale = opts.scale ?? 1;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new ValidationError('CORVID_ERR_VALIDATION', `demo seed must be an integer from 0 to 2^32-1: ${seed}`);
  if (!Number.isFinite(scale) || scale < 0.1 || scale > 100)
    throw new ValidationError('CORVID_ERR_VALIDATION', `demo scale must be between 0.1 and 100: ${scale}`);
  const outDir = resolve(opts.outDir);
  mkdirSync(outDir, { recursive: true });
  for (const d of ['police-nl', 'police-de', 'fiu-nl', 'telco-cdr', 'tns-platform', 'chain-analytics']) mkdirSync(join(outDir, d), { recursive: true });

  const story = simulate(seed, scale);
  const truth = new TruthCollector();
  const ctx: SourceContext = { outDir, story, truth, rng: new Rng(seed, 'sources') };
  const rel: SourceFile[] = [...renderPoliceNl(ctx), ...renderPoliceDe(ctx), ...renderFiuNl(ctx), ...renderTelco(ctx), ...renderTns(ctx), ...renderChain(ctx)];

  writeFileSync(join(outDir, 'truth.json'), `${JSON.stringify(truth.build(story.world, seed, scale), null, 1)}\n`);
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify({ seed, scale, files: rel, truth: 'truth.json' }, null, 2)}\n`);
  return {
    seed,
    scale,
    files: rel.map((f) => ({ ...f, path: join(outDir, f.path), ...(f.mapping ? { mapping: join(outDir, f.mapping) } : {}) })),
    truth: join(outDir, 'truth.json'),
  };
}
