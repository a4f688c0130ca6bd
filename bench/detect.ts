/**
 * `npm run bench -- detect [--accounts 100000 --transfers 1500000 --big 10000000 --skip-big | --only-big]`: typology detectors
 * (a) on the synthetic generator's planted ground truth (P/R/F1 per typology, account and pattern level), (a') on its
 * background alone (findings per detector by score: what a threshold means), (b) on the
 * third-party AMLSim sample (account-level P/R/F1 against isFraud, compared with published graph models), and
 * (c) all detectors over 10M generated transfers, timed, with peak memory.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluate, setPRF, type PRF } from '../src/detect/evaluate.ts';
import { DETECTORS } from '../src/detect/registry.ts';
import { runDetectors } from '../src/detect/run.ts';
import { LedgerBuilder, type Ledger } from '../src/money/ledger.ts';
import { synthLedger } from '../src/money/synth/generate.ts';
import { figure, fmt, mb } from './lib.ts';

const AMLSIM = '/work/shared/data/amlsim';
/** Minority-class F1 of the best published graph models on IBM AML HI-Small (Egressy et al., AAAI 2024: Multi-GNN ≈ 0.68). */
const PUBLISHED_F1 = 0.68;

const p3 = (x: number) => x.toFixed(2);
const prfText = (r: PRF) => `P ${p3(r.precision)}  R ${p3(r.recall)}  F1 ${p3(r.f1)}  (${fmt(r.tp)}/${fmt(r.predicted)} of ${fmt(r.actual)})`;

function seconds(t0: number): string {
  return `${((performance.now() - t0) / 1000).toFixed(1)} s`;
}

function synthetic(accounts: number, transfers: number): void {
  process.stdout.write(`\n-- (a) synthetic ledger, planted typologies (seed 7)\n`);
  let t = performance.now();
  const { ledger, truth } = synthLedger({ accounts, transfers, seed: 7 });
  figure('accounts / transfers / planted patterns', `${fmt(ledger.nodeCount)} / ${fmt(ledger.size)} / ${fmt(truth.length)} (${seconds(t)})`);
  t = performance.now();
  const run = runDetectors(ledger);
  figure('all detectors', `${seconds(t)}, ${fmt(run.findings.length)} findings (${fmt(run.dropped)} duplicates dropped)`);
  const e = evaluate(run.findings, truth);
  process.stdout.write(`${'typology'.padEnd(20)} ${'account level'.padEnd(48)} pattern level (found = covers ≥ half its accounts)\n`);
  for (const [ty, v] of Object.entries(e.byTypology)) process.stdout.write(`${ty.padEnd(20)} ${prfText(v.accounts).padEnd(48)} ${prfText(v.patterns)}\n`);
  figure('all typologies, account level', prfText(e.accounts));
}

/** Calibration: the same background with nothing planted; a score of 0.5 means one such finding expected by chance. */
function calibration(accounts: number, transfers: number): void {
  process.stdout.write(`\n-- (a') calibration: the generator's background alone (seed 11, nothing planted)\n`);
  const { ledger } = synthLedger({ accounts, transfers, seed: 11, perTypology: 0 });
  for (const d of DETECTORS) {
    const scores = d.run(ledger).findings.map((f) => f.score);
    const at = (s: number) => fmt(scores.filter((x) => x >= s).length);
    figure(`  ${d.name}: findings scoring ≥ 0.5 / ≥ 0.9 / ≥ 0.99`, `${at(0.5)} / ${at(0.9)} / ${at(0.99)}`);
  }
}

function amlsimLedger(): { ledger: Ledger; fraud: Set<string> } {
  const b = new LedgerBuilder();
  const lines = readFileSync(`${AMLSIM}/transactions.csv`, 'utf8').trim().split('\n').slice(1);
  lines.forEach((line, i) => {
    const [from, to, value, step] = line.split(',');
    b.add({ from: from!, to: to!, amount: value!, time: Number(step) * 86_400, currency: 'USD', transferId: `t${i}` });
  });
  const fraud = new Set<string>();
  for (const line of readFileSync(`${AMLSIM}/nodes.csv`, 'utf8').trim().split('\n').slice(1)) {
    const [id, isFraud] = line.split(',');
    if (isFraud === '1') fraud.add(id!);
  }
  return { ledger: b.build(), fraud };
}

function amlsim(): void {
  process.stdout.write(`\n-- (b) AMLSim sample (${AMLSIM}): isFraud used only here, for evaluation; default parameters\n`);
  const t = performance.now();
  const { ledger, fraud } = amlsimLedger();
  const run = runDetectors(ledger);
  figure('accounts / transfers / fraud accounts', `${fmt(ledger.nodeCount)} / ${fmt(ledger.size)} / ${fmt(fraud.size)} (${seconds(t)})`);
  for (const r of run.results)
    figure(`  ${r.detector} (${fmt(r.findings.length)} findings)`, prfText(setPRF(new Set(r.findings.flatMap((f) => f.accounts)), fraud)));
  const splits = run.findings.filter((f) => f.typology.startsWith('split-'));
  figure('union of the split detectors (split-payment, split-fan-in)', prfText(setPRF(new Set(splits.flatMap((f) => f.accounts)), fraud)));
  const union = setPRF(new Set(run.findings.flatMap((f) => f.accounts)), fraud);
  figure('union of all alerts, account level', prfText(union));
  figure('published: best graph models, HI-Small minority F1', `≈ ${PUBLISHED_F1} (Egressy et al., AAAI 2024; supervised, another data set)`);
}

function speed(transfers: number): void {
  process.stdout.write(`\n-- (c) speed: all detectors over ${fmt(transfers)} generated transfers\n`);
  let t = performance.now();
  const { ledger } = synthLedger({ accounts: Math.round(transfers / 15), transfers, seed: 9 });
  figure('generate + build ledger', `${fmt(ledger.size)} rows, ${fmt(ledger.nodeCount)} nodes in ${seconds(t)}`);
  let total = 0;
  for (const d of DETECTORS) {
    t = performance.now();
    const n = d.run(ledger).findings.length;
    const s = (performance.now() - t) / 1000;
    total += s;
    figure(`  ${d.name}`, `${s.toFixed(1)} s, ${fmt(n)} findings`);
  }
  figure('all detectors (goal ≤ 300 s on 2 cores)', `${total.toFixed(1)} s ${total <= 300 ? '(met)' : '(missed)'}`);
  figure('peak memory (RSS)', mb(process.resourceUsage().maxRSS * 1024));
}

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      accounts: { type: 'string', default: '100000' },
      transfers: { type: 'string', default: '1500000' },
      big: { type: 'string', default: '10000000' },
      'skip-big': { type: 'boolean' },
      'only-big': { type: 'boolean' },
    },
  });
  if (!values['only-big']) {
    synthetic(Number(values.accounts), Number(values.transfers));
    calibration(Number(values.accounts), Number(values.transfers));
    amlsim();
  }
  if (!values['skip-big']) speed(Number(values.big));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
