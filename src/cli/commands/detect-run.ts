/** `corvid detect run`: every typology detector over the ledger you may see; alerts printed, and queued with --save. */
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { detectInStore, type DetectOutcome } from '../../detect/alerts/detect-store.ts';
import { detectorByName } from '../../detect/registry.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

interface RunFlags extends GlobalOptions {
  detectors?: string;
  param?: string[];
  dataset?: string[];
  save?: boolean;
  compartment?: string;
  top?: string;
}

/** `--param cycle.maxLength=5` → { cycle: { maxLength: 5 } }, checked against the detector's parameter specs. */
export function parseDetectorParams(items: readonly string[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const item of items) {
    const m = /^([a-z-]+)\.([A-Za-z]+)=(.+)$/.exec(item);
    if (!m) throw new ValidationError('CORVID_ERR_VALIDATION', `--param wants detector.name=number, got ${item}`);
    const [, det, name, raw] = m as unknown as [string, string, string, string];
    const d = detectorByName(det);
    if (!d) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown detector ${det}`, { detector: det });
    const spec = d.params.find((p) => p.name === name);
    if (!spec) throw new ValidationError('CORVID_ERR_VALIDATION', `${det} has no parameter ${name} (it has ${d.params.map((p) => p.name).join(', ')})`);
    const v = Number(raw);
    if (!Number.isFinite(v) || (spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max) || (spec.integer && !Number.isInteger(v)))
      throw new ValidationError(
        'CORVID_ERR_VALIDATION',
        `${det}.${name} must be ${spec.integer ? 'a whole number' : 'a number'}${spec.min !== undefined ? ` ≥ ${spec.min}` : ''}${spec.max !== undefined ? ` ≤ ${spec.max}` : ''}, not ${raw}`,
      );
    (out[det] ??= {})[name] = v;
  }
  return out;
}

function human(r: DetectOutcome, top: number): string {
  const lines = [
    `ledger: ${r.ledger.nodes} accounts and wallets, ${r.ledger.transfers} transfers${r.ledger.setAside.length ? ` (set aside: ${r.ledger.setAside.map((s) => `${s.count} ${s.reason}`).join(', ')})` : ''}`,
  ];
  lines.push(`detectors: ${r.detectors.map((d) => `${d.name} ${d.findings}`).join(', ')}; ${r.alerts.length} alerts after ${r.dropped} duplicates dropped`);
  if (r.saved) lines.push(`queued: ${r.saved.raised} new, ${r.saved.existing} already in the queue`);
  for (const a of r.alerts.slice(0, top)) {
    lines.push('', `${a.score.toFixed(3)}  ${a.typology}  ${a.id}`, `       ${a.explanation}`);
    lines.push(
      `       accounts: ${a.accounts
        .slice(0, 8)
        .map((x) => x.identifier ?? x.source)
        .join(', ')}${a.accounts.length > 8 ? `, … (${a.accounts.length})` : ''}`,
    );
  }
  if (r.alerts.length > top) lines.push('', `… ${r.alerts.length - top} more (--top N, or --json for all)`);
  return lines.join('\n');
}

export function registerDetectRun(detect: Command): void {
  detect
    .command('run')
    .description('run the typology detectors over the ledger you may see and print every alert with its evidence')
    .option('--detectors <list>', 'comma-separated detector names (default: all)')
    .option('--param <detector.name=value...>', 'a detector parameter, e.g. cycle.maxLength=5 (repeatable)')
    .option('--dataset <name...>', 'only these datasets')
    .option('--save', 'put the alerts in the review queue (corvid detect alerts)')
    .option('--compartment <c>', 'the compartment saved alerts go into (needed if you are in several)')
    .option('--top <n>', 'alerts to print without --json', '20')
    .action(async (_o: RunFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<RunFlags>();
      await withRuntime(o, async (rt) => {
        const detectors = o.detectors
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        for (const d of detectors ?? []) if (!detectorByName(d)) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown detector ${d}`, { detector: d });
        const top = Number(o.top ?? '20');
        process.stderr.write('detect: loading the ledger and running the detectors…\n');
        const r = await detectInStore(rt.ctx, rt.store, {
          ...(detectors ? { detectors } : {}),
          params: parseDetectorParams(o.param ?? []),
          ...(o.dataset ? { datasets: o.dataset } : {}),
          ...(o.save ? { save: true } : {}),
          ...(o.compartment !== undefined ? { compartment: o.compartment } : {}),
        });
        output(rt, r, () => human(r, Number.isInteger(top) && top > 0 ? top : 20));
      });
    });
}
