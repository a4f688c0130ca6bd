/** Test support: generates the demo into a temporary folder and removes it afterwards. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemo, type DemoManifest } from './generate.ts';

export interface DemoFixture {
  dir: string;
  manifest: DemoManifest;
  cleanup(): void;
}

/** Generates the demo (default seed and scale unless given) into a fresh temporary folder. */
export async function makeDemoFixture(opts: { seed?: number; scale?: number } = {}): Promise<DemoFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'corvid-demo-'));
  const manifest = await generateDemo({ outDir: dir, ...opts });
  return { dir, manifest, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
