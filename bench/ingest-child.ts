/** Runs one import in its own process and prints its summary with the process's peak memory (RSS). */
import { openStore } from '../src/store/open.ts';
import { importFile } from '../src/ingest/pipeline.ts';
import { systemContext } from '../src/model/context.ts';

const [file, dataDir, format, mapping] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: ingest-child FILE DATADIR [FORMAT] [MAPPING]');
const store = await openStore({ data: dataDir });
const t0 = Date.now();
const s = await importFile(systemContext(), store, {
  file,
  dataset: 'bench',
  rejectsDir: `${dataDir}/rejects`,
  ...(format ? { format: format as 'ftm' | 'csv' } : {}),
  ...(mapping ? { mapping } : {}),
});
await store.close();
process.stdout.write(`${JSON.stringify({ seconds: (Date.now() - t0) / 1000, statements: s.statements.written, records: s.read, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`);
