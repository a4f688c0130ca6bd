/** `corvid import FILE`: streams a file into a dataset and prints its counts. */
import type { Command } from 'commander';
import { basename } from 'node:path';
import { FORMATS } from '../../ingest/formats.ts';
import { importFile } from '../../ingest/pipeline.ts';
import type { ImportFormat } from '../../ingest/options.ts';
import { parseCompartment, parseGrading, parseHandlingCode, parseTlp } from '../../model/handling.ts';
import { output, progressBar, rejectsDir, withRuntime, type GlobalOptions } from '../runtime.ts';

interface ImportFlags extends GlobalOptions {
  mapping?: string;
  dataset?: string;
  format?: ImportFormat;
  grading?: string;
  handling?: string;
  handlingNote?: string;
  tlp?: string;
  compartment?: string;
  country?: string;
  encoding?: BufferEncoding;
  source?: string;
  force?: boolean;
  batch?: string;
}

/** The default dataset name from a file name: `Case Files 2024.csv` → `case-files-2024`. */
export function datasetFromFile(file: string): string {
  const stem = basename(file).replace(/\.(ftm\.)?(json|jsonl|ndjson|csv|tsv|txt)$/i, '');
  return stem.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'default';
}

export function registerImport(program: Command): void {
  program
    .command('import <file>')
    .description('import a file (FtM JSON, CSV with a mapping, STIX 2.1, MISP, camt.053, Bitcoin/Ethereum, AMLSim, TagPack) into a dataset')
    .option('-m, --mapping <file>', 'FollowTheMoney mapping YAML (for CSV)')
    .option('-d, --dataset <name>', 'dataset to import into (default: from the file name)')
    .option('-f, --format <format>', `${FORMATS.join(' | ')} (default: detected)`)
    .option('--grading <code>', 'source grading, Europol 4x4 (B2) or Admiralty (adm:C3)')
    .option('--handling <code>', 'Europol handling code H0–H3')
    .option('--handling-note <text>', 'the restriction text of H3')
    .option('--tlp <label>', 'TLP 2.0: CLEAR, GREEN, AMBER, AMBER+STRICT, RED')
    .option('--compartment <name>', 'need-to-know compartment of everything imported')
    .option('--country <cc>', 'default country for phone numbers without a country code')
    .option('--encoding <enc>', 'input encoding when not UTF-8 (e.g. latin1)')
    .option('--source <label>', 'provenance label (default: the file name)')
    .option('--batch <n>', 'statements per transaction', '20000')
    .option('--force', 'import again even if this file was imported before')
    .action(async (file: string, _o: ImportFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ImportFlags>();
      await withRuntime(o, async (rt) => {
        let bar: ReturnType<typeof progressBar> | undefined;
        const summary = await importFile(rt.ctx, rt.store, {
          file,
          dataset: o.dataset ?? datasetFromFile(file),
          rejectsDir: rejectsDir(rt.dataDir),
          batchSize: Number(o.batch ?? 20000),
          ...(o.mapping ? { mapping: o.mapping } : {}),
          ...(o.format ? { format: o.format } : {}),
          ...(o.grading ? { grading: parseGrading(o.grading) } : {}),
          ...(o.handling ? { handling: parseHandlingCode(o.handling) } : {}),
          ...(o.handlingNote ? { handlingNote: o.handlingNote } : {}),
          ...(o.tlp ? { tlp: parseTlp(o.tlp) } : {}),
          ...(o.compartment !== undefined ? { compartment: parseCompartment(o.compartment) } : {}),
          ...(o.country ? { defaultCountry: o.country } : {}),
          ...(o.encoding ? { encoding: o.encoding } : {}),
          ...(o.source ? { source: o.source } : {}),
          ...(o.force ? { force: true } : {}),
          onProgress: (p) => {
            bar ??= progressBar(`import ${basename(file)}`, p.bytesTotal);
            bar.update(p.bytesRead, { unit: 'bytes', info: `${p.records} records, ${p.statements} statements` });
          },
        });
        bar?.stop();
        output(rt, summary, () =>
          [
            summary.alreadyImported ? `already imported (job ${summary.jobId}); use --force to import again` : `imported ${summary.file} into ${summary.dataset}${summary.resumed ? ' (resumed)' : ''}`,
            `  read ${summary.read}, imported ${summary.imported}, rejected ${summary.rejected}, skipped ${summary.skipped}, values rejected ${summary.rejectedValues}`,
            `  entities ${summary.entities}, statements written ${summary.statements.written} (new ${summary.statements.inserted})`,
            summary.rejectsFile ? `  rejects: ${summary.rejectsFile}` : '',
            `  ${summary.seconds.toFixed(1)} s`,
          ].filter(Boolean).join('\n'),
        );
      });
    });
}
