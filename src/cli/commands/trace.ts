/** `corvid trace FROM`: follow the money forward or backward from an account, wallet or transfer, and save it to a case. */
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { saveTrace } from '../../money/views/save-trace.ts';
import { traceInStore, type TraceRequest, type TraceView } from '../../money/views/trace-view.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

interface TraceFlags extends GlobalOptions {
  direction?: string;
  model?: string;
  hops?: string;
  min?: string;
  at?: string;
  amount?: string;
  since?: string;
  until?: string;
  currency?: string;
  stopAt?: string;
  services?: boolean;
  dataset?: string[];
  save?: string;
  case?: string;
  rates?: string;
}

const fmt = (amount: string): string => {
  const [int, frac] = amount.split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''}`;
};

function human(v: TraceView): string {
  const c = v.currency;
  const name = (id: string): string => (v.captions[id] && v.captions[id] !== id ? `${v.captions[id]}  [${id}]` : id);
  const lines = [
    `${v.direction} ${v.model} trace from ${name(v.source.id)}: ${fmt(v.totals.left.amount)} ${c} ${v.direction === 'forward' ? 'left the source' : 'traced back'}`,
    `  at endpoints ${fmt(v.totals.atEndpoints.amount)}, still in intermediate accounts ${fmt(v.totals.inIntermediate.amount)}, below the minimum ${fmt(v.totals.belowMinimum.amount)}${v.totals.conserved ? '' : ' (poison measures exposure; it does not add up)'}`,
  ];
  lines.push('', v.cashOut.length ? 'cash-out points (recoverable):' : 'no cash-out point reached');
  for (const x of v.cashOut) lines.push(`  ${fmt(x.recoverable).padStart(18)} ${c}  ${x.tag.padEnd(10)} ${name(x.id)}`);
  lines.push('', `endpoints (${v.endpointCount}):`);
  for (const e of v.endpoints.slice(0, 15)) {
    lines.push(`  ${fmt(e.amount).padStart(18)} ${c}  ${(e.tag ?? '').padEnd(10)} ${name(e.id)}  (${e.reasons.join(', ')})`);
    for (const t of e.transfers.slice(0, 3)) lines.push(`  ${''.padStart(18)}      ← ${t.id} ${t.time}: ${fmt(t.tainted)} of ${fmt(t.amount)}`);
  }
  if (v.endpoints.length > 15) lines.push(`  … ${v.endpoints.length - 15} more (--json for all)`);
  if (v.paths[0]) lines.push('', `heaviest path (${fmt(v.paths[0].amount)} ${c}): ${v.paths[0].hops.map((h) => `${h.transfer}`).join(' → ')}`);
  for (const n of v.notFollowed) lines.push(`not followed: ${n.rows} transfers ${n.reason}`);
  if (v.summary) lines.push(`about ${v.summary.value.toFixed(2)} ${v.summary.reference} at the given rates (approximate)`);
  return lines.join('\n');
}

function oneOf(name: string, value: string | undefined, allowed: readonly string[]): string | undefined {
  if (value !== undefined && !allowed.includes(value))
    throw new ValidationError('CORVID_ERR_VALIDATION', `--${name} must be one of ${allowed.join(', ')}, not ${value}`);
  return value;
}

export function requestOf(from: string, o: TraceFlags): TraceRequest {
  const hops = o.hops !== undefined ? Number(o.hops) : undefined;
  if (hops !== undefined && (!Number.isInteger(hops) || hops < 1 || hops > 64))
    throw new ValidationError('CORVID_ERR_VALIDATION', `--hops must be a whole number from 1 to 64, not ${o.hops}`);
  const direction = oneOf('direction', o.direction, ['forward', 'backward']) as TraceRequest['direction'];
  const model = oneOf('model', o.model, ['fifo', 'haircut', 'poison']) as TraceRequest['model'];
  return {
    from,
    ...(direction ? { direction } : {}),
    ...(model ? { model } : {}),
    ...(hops !== undefined ? { maxHops: hops } : {}),
    ...(o.min !== undefined ? { minAmount: o.min } : {}),
    ...(o.at !== undefined ? { at: o.at } : {}),
    ...(o.amount !== undefined ? { amount: o.amount } : {}),
    ...(o.since !== undefined ? { since: o.since } : {}),
    ...(o.until !== undefined ? { until: o.until } : {}),
    ...(o.currency !== undefined ? { currency: o.currency } : {}),
    ...(o.stopAt !== undefined ? { stopCategories: o.stopAt.split(',').filter(Boolean) } : {}),
    ...(o.services === false ? { stopAtServices: false } : {}),
    ...(o.dataset ? { datasets: o.dataset } : {}),
    ...(o.rates !== undefined ? { rates: ratesOf(o.rates) } : {}),
  };
}

/** `EUR=1,USD=0.92,USDT=0.92` (the value of one unit in the first currency, which is the reference). */
export function ratesOf(text: string): { reference: string; values: Record<string, number> } {
  const values: Record<string, number> = {};
  let reference = '';
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z][A-Za-z0-9]{1,9})\s*=\s*([0-9]*\.?[0-9]+)\s*$/.exec(part);
    if (!m || Number(m[2]) <= 0) throw new ValidationError('CORVID_ERR_VALIDATION', `--rates wants CODE=value,… (the first is the reference), not ${part}`);
    const code = m[1]!.toUpperCase();
    if (reference === '') reference = code;
    values[code] = Number(m[2]);
  }
  return { reference, values };
}

export function registerTrace(program: Command): void {
  program
    .command('trace')
    .argument('<from>', 'entity id of an account, wallet, payment, crypto transfer or UTXO transaction')
    .description('follow the money: where it went (forward) or came from (backward), to the cash-out points')
    .option('--direction <d>', 'forward or backward', 'forward')
    .option('--model <m>', 'fifo, haircut or poison', 'fifo')
    .option('--hops <n>', 'transfers followed from the source at most', '6')
    .option('--min <amount>', 'do not follow traced amounts below this')
    .option('--at <time>', 'for an account or wallet: the money leaving it at or after this ISO time')
    .option('--amount <amount>', 'for an account or wallet: that much of it')
    .option('--since <date>', 'only transfers on or after this date')
    .option('--until <date>', 'only transfers on or before this date')
    .option('--currency <code>', 'the currency to trace (default: the source’s)')
    .option('--stop-at <categories>', 'also stop at wallets tagged so, e.g. sanctioned,scam')
    .option('--no-services', 'do not stop at exchanges, merchants, mixers and other services')
    .option('--dataset <name...>', 'only these datasets')
    .option('--save <name>', 'save the trace to a case as a link chart with this name')
    .option('--case <compartment>', 'the case to save it to (default: personal)', '')
    .option('--rates <table>', 'value the total in a reference currency for the summary, e.g. EUR=1,USDT=0.92,BTC=58000')
    .action(async (from: string, _o: TraceFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<TraceFlags>();
      await withRuntime(o, async (rt) => {
        const req = requestOf(from, o);
        const { view, result } = await traceInStore(rt.ctx, rt.store, req);
        await rt.store.appendAudit(rt.ctx, {
          action: 'money.trace',
          target: from,
          detail: { model: view.model, direction: view.direction, endpoints: view.endpointCount },
        });
        const saved = o.save ? await saveTrace(rt.ctx, rt.store, req, view, result, { name: o.save, case: o.case ?? '' }) : null;
        output(rt, saved ? { ...view, saved: { id: saved.id, name: saved.name, case: saved.case } } : view, () =>
          saved ? `${human(view)}\n\nsaved as chart ${saved.id} (${saved.name}) in ${saved.case || 'your personal charts'}` : human(view),
        );
      });
    });
}
