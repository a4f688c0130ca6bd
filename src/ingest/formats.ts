/** The one place that knows which reader reads which format. */
import { CorvidError } from '../errors.ts';
import type { ImportFormat, ImportOptions } from './options.ts';
import type { Reader } from './reader.ts';
import { readCsvMapping } from './readers/csv-mapping.ts';
import { loadMappingFile } from './readers/mapping.ts';
import { readFtm } from './readers/ftm.ts';
import { readMisp } from './readers/misp.ts';
import { readStix } from './readers/stix.ts';

export const FORMATS: readonly ImportFormat[] = ['ftm', 'csv', 'stix', 'misp'];

/** The reader for a format; CSV loads and checks its mapping first (a bad mapping fails the import before any row). */
export async function openReader(format: ImportFormat, opts: Pick<ImportOptions, 'mapping'>): Promise<Reader> {
  switch (format) {
    case 'ftm':
      return readFtm;
    case 'stix':
      return readStix;
    case 'misp':
      return readMisp;
    case 'csv': {
      if (!opts.mapping) throw new CorvidError('CORVID_ERR_INGEST_MAPPING', 'a CSV import needs a mapping file');
      return readCsvMapping(await loadMappingFile(opts.mapping));
    }
    default:
      throw new CorvidError('CORVID_ERR_INGEST_FORMAT', `unknown format: ${String(format)}`);
  }
}
