/** `corvid export --format ftm|stix|misp|csv [--resolved]`: what the user sees, capped at the recipient's TLP, H2 withheld. */
import type { Command } from 'commander';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { ValidationError } from '../../errors.ts';
import { exportCsv } from '../../cooperate/export-csv.ts';
import { exportFtm } from '../../cooperate/export-ftm.ts';
import { exportMisp } from '../../cooperate/export-misp.ts';
import type { ExportCounts, ExportPolicy } from '../../cooperate/export-policy.ts';
import { exportResolvedFtm, type ResolvedExportCounts } from '../../cooperate/export-resolved.ts';
import { exportStix } from '../../cooperate/export-stix.ts';
import { parseTlp } from '../../model/handling.ts';
import type { Context } from '../../model/context.ts';
import type { Store } from '../../store/port.ts';
import { withRuntime, type GlobalOptions } from '../runtime.ts';

interface ExportFlags extends GlobalOptions {
  format: string;
  out?: string;
  dataset?: string[];
  schema?: string[];
  tlpMax?: string;
  allowH2?: boolean;
  resolved?: boolean;
  info?: string;
}

type Exporter = (ctx: Context, store: Store, policy: ExportPolicy, write: (s: string) => Promise<void> | void) => Promise<ExportCounts>;
const exporters = (o: ExportFlags): Record<string, Exporter> => ({
  ftm: exportFtm,
  csv: exportCsv,
  stix: exportStix,
  misp: (ctx, store, policy, write) => exportMisp(ctx, store, policy, write, o.info ? { info: o.info } : {}),
});

async function writeTo(stream: WriteStream | NodeJS.WriteStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export entities as FtM JSON lines, a STIX 2.1 bundle, a MISP event or CSV statements')
    .requiredOption('-f, --format <format>', 'ftm | stix | misp | csv')
    .option('-o, --out <file>', 'write to a file (default: standard output)')
    .option('-d, --dataset <name...>', 'only these datasets')
    .option('-s, --schema <name...>', 'only these schemata')
    .option('--tlp-max <label>', "the recipient's TLP ceiling: nothing above it is exported")
    .option('--allow-h2', 'include H2 values (only with the provider’s recorded permission)')
    .option('--info <text>', 'misp only: the event title (default "Corvid export")')
    .option('--resolved', 'ftm only: one line per canonical entity (resolved groups merged, with their member ids as referents)')
    .action(async (_o: ExportFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ExportFlags>();
      await withRuntime(o, async (rt) => {
        if (o.resolved && o.format !== 'ftm') throw new ValidationError('CORVID_ERR_VALIDATION', `--resolved works with --format ftm only, not ${o.format}`);
        const exporter = o.resolved ? exportResolvedFtm : exporters(o)[o.format];
        if (!exporter) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown export format: ${o.format} (ftm, stix, misp or csv)`);
        const policy: ExportPolicy = {
          ...(o.dataset ? { datasets: o.dataset } : {}),
          ...(o.schema ? { schemata: o.schema } : {}),
          ...(o.tlpMax ? { tlpMax: parseTlp(o.tlpMax) } : {}),
          ...(o.allowH2 ? { allowH2: true } : {}),
        };
        const stream = o.out ? createWriteStream(o.out) : process.stdout;
        const counts = await exporter(rt.ctx, rt.store, policy, (s) => writeTo(stream, s));
        if (o.out) {
          (stream as WriteStream).end();
          await once(stream, 'finish');
        }
        const detail = { ...counts, datasets: o.dataset ?? [], tlpMax: o.tlpMax ?? null, allowH2: o.allowH2 ?? false, out: o.out ?? 'stdout', ...(o.resolved ? { resolved: true } : {}) };
        await rt.store.appendAudit(rt.ctx, { action: 'export', target: o.format, detail });
        const summary = `exported ${counts.entities} entities (${counts.statements} statements)${counts.withheldH2 ? `, withheld ${counts.withheldH2} H2 values` : ''}${resolvedNote(counts)}`;
        if (o.out && o.json) process.stdout.write(`${JSON.stringify({ format: o.format, out: o.out, ...counts, ...(o.resolved ? { resolved: true } : {}) })}\n`);
        else process.stderr.write(`${summary}\n`);
      });
    });
}

function isResolved(c: ExportCounts): c is ResolvedExportCounts {
  return 'lines' in c;
}

/** The resolved export's own part of the summary: lines, merges, and groups whose schemata disagree. */
function resolvedNote(c: ExportCounts): string {
  if (!isResolved(c)) return '';
  const conflicts = c.schemaConflicts.length
    ? `\nnote: ${c.schemaConflicts.length} groups join unrelated schemata and were written with their first member's schema (${c.droppedValues} values dropped): ${c.schemaConflicts.slice(0, 10).join(', ')}`
    : '';
  return ` as ${c.lines} canonical entities (${c.merged} merged groups)${conflicts}`;
}
