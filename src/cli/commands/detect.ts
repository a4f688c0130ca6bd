/** `corvid detect run|alerts|review`: laundering-typology detection over the ledger, and the alert queue. */
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { getAlert, listAlerts, reviewAlert, type AlertStatus, type AlertView } from '../../detect/alerts/alerts.ts';
import type { Grading } from '../../model/handling.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';
import { registerDetectRun } from './detect-run.ts';

interface AlertsFlags extends GlobalOptions {
  status?: string;
  typology?: string;
  limit?: string;
}

interface ReviewFlags extends GlobalOptions {
  reason?: string;
  grading?: string;
}

/** One alert as a short block: score, typology, status, explanation and evidence counts. */
export function formatAlert(a: AlertView): string {
  const head = `${a.score.toFixed(3)}  ${a.typology.padEnd(18)} ${a.status.padEnd(9)} ${a.id}`;
  const lines = [head, `       ${a.explanation}`, `       ${a.accounts.length} accounts, ${a.transfers.length} transfers; raised ${a.raisedAt}`];
  if (a.reviewReason) lines.push(`       review: ${a.reviewReason}`);
  return lines.join('\n');
}

const STATUSES = ['open', 'confirmed', 'dismissed'];

export function registerDetect(program: Command): void {
  const detect = program.command('detect').description('laundering-typology detection over bank and crypto flows, and the alert queue');
  registerDetectRun(detect);

  detect
    .command('alerts')
    .description('the alert queue: alerts you may see, highest score first')
    .option('--status <s>', 'open, confirmed or dismissed (default: all)')
    .option('--typology <t>', 'only this typology (fan-in, cycle, structuring, …)')
    .option('--limit <n>', 'at most this many', '50')
    .action(async (_o: AlertsFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<AlertsFlags>();
      await withRuntime(o, async (rt) => {
        if (o.status !== undefined && !STATUSES.includes(o.status))
          throw new ValidationError('CORVID_ERR_VALIDATION', `--status must be one of ${STATUSES.join(', ')}`);
        const limit = Number(o.limit ?? '50');
        if (!Number.isInteger(limit) || limit < 1)
          throw new ValidationError('CORVID_ERR_VALIDATION', `--limit must be a whole number of at least 1, not ${o.limit}`);
        const alerts = await listAlerts(rt.ctx, rt.store, {
          ...(o.status ? { status: o.status as AlertStatus } : {}),
          ...(o.typology ? { typology: o.typology } : {}),
          limit,
        });
        output(rt, { alerts }, () => (alerts.length === 0 ? 'no alerts' : alerts.map(formatAlert).join('\n')));
      });
    });

  detect
    .command('show')
    .argument('<id>', 'alert id')
    .description('one alert with the ids of its accounts and transfers')
    .action(async (id: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const a = await getAlert(rt.ctx, rt.store, id);
        output(rt, a, () =>
          [formatAlert(a), '  accounts:', ...a.accounts.map((x) => `    ${x}`), '  transfers:', ...a.transfers.map((x) => `    ${x}`)].join('\n'),
        );
      });
    });

  detect
    .command('review')
    .argument('<id>', 'alert id')
    .argument('<verdict>', 'confirmed, dismissed or open')
    .requiredOption('--reason <text>', 'why (recorded with the verdict)')
    .option('--grading <g>', 'your grading of a confirmed finding (Europol 4x4, e.g. B2; default B3)')
    .description('confirm or dismiss an alert; a confirmed one writes a graded note on every involved account')
    .action(async (id: string, verdict: string, _o: ReviewFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ReviewFlags>();
      await withRuntime(o, async (rt) => {
        const a = await reviewAlert(rt.ctx, rt.store, id, {
          verdict: verdict as 'confirmed',
          reason: o.reason ?? '',
          ...(o.grading ? { grading: o.grading as Grading } : {}),
        });
        output(rt, a, () => formatAlert(a));
      });
    });
}
