/**
 * Seeded synthetic ledgers with planted typologies and their ground truth: background traffic (background.ts) plus
 * instances of AMLSim's fan-out, fan-in, cycle, scatter-gather, gather-scatter, bipartite and stack, and mules,
 * structuring, peel chains, rapid movement through new accounts and split payments (alone and fanned in). AMLSim's "random" typology is not planted: a
 * random walk among accounts carries no structural or amount signal a detector could or should find.
 */
import type { Ledger } from '../ledger.ts';
import { background, type BackgroundOptions } from './background.ts';
import { draws } from './draw.ts';
import { plantBipartite, plantCycle, plantFanIn, plantFanOut, plantGatherScatter, plantScatterGather, plantStack } from './plant-amlsim.ts';
import { plantMule, plantPeelChain, plantRapidNew, plantStructuring } from './plant-fatf.ts';
import { Kit, type PlantedTruth } from './plant-kit.ts';
import { plantSplitFanIn, plantSplitPayment } from './plant-split.ts';
import { CsvSink, LedgerSink, type RowSink } from './sink.ts';

export type { PlantedTruth } from './plant-kit.ts';

export interface SynthOptions extends BackgroundOptions {
  /** Instances planted per typology; default max(3, accounts / 5,000). */
  perTypology?: number;
}

const PLANTERS: readonly ((k: Kit) => void)[] = [
  plantFanOut,
  plantFanIn,
  plantCycle,
  plantScatterGather,
  plantGatherScatter,
  plantBipartite,
  plantStack,
  plantMule,
  plantStructuring,
  plantPeelChain,
  plantRapidNew,
  plantSplitPayment,
  plantSplitFanIn,
];

/** Background then planted rows into any sink; returns the ground truth. */
export function synthesize(o: SynthOptions, sink: RowSink): { truth: PlantedTruth[]; rows: number } {
  const { pop, rows } = background(o, sink);
  const kit = new Kit(sink, draws((o.seed ?? 1) ^ 0x5eed), pop, o.currency ?? 'EUR');
  const per = o.perTypology ?? Math.max(3, Math.round(o.accounts / 5000));
  for (const plant of PLANTERS) for (let i = 0; i < per; i++) plant(kit);
  return { truth: kit.truth, rows: rows + kit.truth.reduce((s, t) => s + t.transfers.length, 0) };
}

/**
 * A synthetic ledger in memory with its ground truth. Same options and seed → the same ledger.
 * @example const { ledger, truth } = synthLedger({ accounts: 100_000, transfers: 1_500_000, seed: 7 })
 */
export function synthLedger(o: SynthOptions): { ledger: Ledger; truth: PlantedTruth[] } {
  const sink = new LedgerSink();
  const { truth } = synthesize(o, sink);
  return { ledger: sink.build(), truth };
}

/** The same rows streamed to a CSV file (`transfer_id,from,to,time,amount,currency`), for sizes not worth holding. */
export function writeSynthCsv(path: string, o: SynthOptions): { truth: PlantedTruth[]; rows: number } {
  const sink = new CsvSink(path);
  const res = synthesize(o, sink);
  sink.close();
  return res;
}
