/** What every source renderer gets (the story, the truth collector, a random stream) and what it reports back. */
import { join } from 'node:path';
import type { Grading, HandlingCode, Tlp } from '../../model/handling.ts';
import type { Rng } from '../rng.ts';
import type { Story } from '../simulate.ts';
import type { TruthCollector } from '../truth.ts';

export interface SourceContext {
  outDir: string;
  story: Story;
  truth: TruthCollector;
  rng: Rng;
}

/** One generated file as the manifest lists it; `path` and `mapping` are relative to the output folder. */
export interface SourceFile {
  path: string;
  format: 'ftm' | 'csv';
  mapping?: string;
  dataset: string;
  title: string;
  grading: Grading;
  tlp: Tlp;
  handling: HandlingCode;
  handlingNote?: string;
  compartment: string;
  defaultCountry?: string;
  /** Lines of FtM entities, or CSV data rows. */
  records: number;
}

/** The absolute path of a file in the output folder. */
export function outPath(ctx: SourceContext, rel: string): string {
  return join(ctx.outDir, rel);
}
