/** The `corvid` command: one composition root that registers every sub-command. */
import { Command } from 'commander';
import { registerAudit } from './commands/audit.ts';
import { registerDetect } from './commands/detect.ts';
import { registerExport } from './commands/export.ts';
import { registerImport } from './commands/import.ts';
import { registerJobs } from './commands/jobs.ts';
import { registerMatch } from './commands/match.ts';
import { registerNetwork } from './commands/network.ts';
import { registerPeer } from './commands/peer.ts';
import { registerResolve } from './commands/resolve.ts';
import { registerSearch } from './commands/search.ts';
import { registerServe } from './commands/serve.ts';
import { registerTrace } from './commands/trace.ts';
import { registerUsers } from './commands/users.ts';
import { registerWallets } from './commands/wallets.ts';

const program = new Command('corvid')
  .description('Corvid: one entity graph over many intelligence sources, with provenance, grading and handling on every value')
  .option('--data <dir>', 'data directory (default ./corvid-data, or CORVID_DATA)')
  .option('--db <url>', 'PostgreSQL store, postgres://… (or CORVID_DB); default: SQLite in the data directory')
  .option('--as <user>', 'act as this user (their compartments and TLP ceiling)')
  .option('--json', 'machine-readable output')
  .showHelpAfterError();

registerImport(program);
registerSearch(program);
registerExport(program);
registerResolve(program);
registerAudit(program);
registerServe(program);
registerUsers(program);
registerJobs(program);
registerNetwork(program);
registerDetect(program);
registerTrace(program);
registerPeer(program);
registerMatch(program);
registerWallets(program);

await program.parseAsync(process.argv);
