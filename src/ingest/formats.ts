/** The one place that knows which reader reads which format. */
import { CorvidError } from '../errors.ts';
import type { ImportFormat, ImportOptions } from './options.ts';
import type { Reader } from './reader.ts';
import { readCsvMapping } from './readers/csv-mapping.ts';
import { loadMappingFile } from './readers/mapping.ts';
import { readAmlsim } from './readers/amlsim.ts';
import { readBitcoin } from './readers/bitcoin.ts';
import { readCamt053 } from './readers/camt053.ts';
import { readEthereum } from './readers/ethereum.ts';
import { readFtm } from './readers/ftm.ts';
import { readMisp } from './readers/misp.ts';
import { readStix } from './readers/stix.ts';
import { readTagpack } from './readers/tagpack.ts';

export const FORMATS: readonly ImportFormat[] = ['ftm', 'csv', 'stix', 'misp', 'camt053', 'bitcoin', 'ethereum', 'amlsim', 'tagpack'];

/** The reader for a format; CSV loads and checks its mapping first (a bad mapping fails the import before any row). */
export async function openReader(format: ImportFormat, opts: Pick<ImportOptions, 'mapping'>): Promise<Reader> {
  switch (format) {
    case 'ftm':
      return readFtm;
    case 'stix':
      return readStix;
    case 'misp':
      return readMisp;
    case 'camt053':
      return readCamt053;
    case 'bitcoin':
      return readBitcoin;
    case 'ethereum':
      return readEthereum;
    case 'amlsim':
      return readAmlsim;
    case 'tagpack':
      return readTagpack;
    case 'csv': {
      if (!opts.mapping) throw new CorvidError('CORVID_ERR_INGEST_MAPPING', 'a CSV import needs a mapping file');
      return readCsvMapping(await loadMappingFile(opts.mapping));
    }
    default:
      throw new CorvidError('CORVID_ERR_INGEST_FORMAT', `unknown format: ${String(format)}`);
  }
}
