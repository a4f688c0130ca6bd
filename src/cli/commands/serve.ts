/** `corvid serve` (what `npm start` runs) and `corvid demo`: the API server, and the demo investigation. */
import type { Command } from 'commander';
import { join, resolve } from 'node:path';
import { serveTls } from '../../cooperate/node/tls.ts';
import { startServer } from '../../server/start.ts';
import { detectInStore } from '../../detect/alerts/detect-store.ts';
import { loadDemo } from '../load-demo.ts';
import { openRuntime, output, reportError, withRuntime, type GlobalOptions } from '../runtime.ts';

/** Where `npm run build:web` puts the analyst UI. */
const WEB_DIST = resolve(import.meta.dirname, '../../../web/dist');

interface ServeFlags extends GlobalOptions {
  web?: string;
  port?: string;
  host?: string;
  demo?: boolean;
  tls?: boolean;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the API server (and the web UI once built)')
    .option('-p, --port <n>', 'port (default 8470, or the next free one)')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--web <dir>', 'the built web UI to serve', WEB_DIST)
    .option('--demo', 'load the demo investigation on first start (when the store holds no data)')
    .option('--tls', "serve HTTPS with the node's self-signed certificate (remembered; CORVID_TLS=1)")
    .option('--no-tls', 'serve plain HTTP (remembered; CORVID_TLS=0)')
    .action(async (_o: ServeFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ServeFlags>();
      try {
        const rt = await openRuntime(o);
        if (o.demo && (await rt.store.listDatasets(rt.ctx)).length === 0) {
          process.stderr.write('loading the demo investigation (first start)…\n');
          const demo = await loadDemo(rt.ctx, rt.store, rt.dataDir, { onFile: (f) => process.stderr.write(`  importing ${f}\n`) });
          const n = demo.imports.reduce((a, s) => a + s.statements.inserted, 0);
          process.stderr.write(`demo loaded: ${demo.imports.length} sources, ${n} statements\n`);
          const alerts = await detectInStore(rt.ctx, rt.store, { save: true, compartment: '', tlp: 'AMBER' });
          process.stderr.write(`detectors ran over the demo ledger: ${alerts.saved?.raised ?? 0} alerts in the queue\n`);
        }
        const tls = serveTls(rt.dataDir, o.tls);
        const server = await startServer({ store: rt.store, dataDir: rt.dataDir, host: o.host ?? '127.0.0.1', webRoot: o.web ?? WEB_DIST, ...(o.port ? { port: Number(o.port) } : {}), ...(tls ? { tls } : {}) });
        const lines = [
          `Corvid is running at ${server.url}`,
          `  API docs:     ${server.url}/api/docs`,
          `  data:         ${rt.dataDir} (${rt.store.kind})`,
          ...(tls ? [`  TLS:          self-signed certificate ${tls.file} for the node key (peers pin the key)`] : []),
          server.admin ? `  admin login:  user "admin", password in ${server.admin.file} (created now)` : `  admin login:  user "admin", password in ${join(rt.dataDir, 'admin-credentials.txt')}`,
          '  stop with Ctrl-C',
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        const stop = async (): Promise<void> => {
          await server.close();
          await rt.store.close();
          process.exit(0);
        };
        process.once('SIGINT', () => void stop());
        process.once('SIGTERM', () => void stop());
      } catch (err) {
        reportError(err, o.json ?? false);
        process.exitCode = 1;
      }
    });

  program
    .command('demo')
    .description('generate the demo investigation (seeded) and import it')
    .option('--seed <n>', 'generator seed', '20251')
    .option('--scale <x>', 'size multiplier', '1')
    .action(async (_o: GlobalOptions & { seed?: string; scale?: string }, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { seed?: string; scale?: string }>();
      await withRuntime(o, async (rt) => {
        const res = await loadDemo(rt.ctx, rt.store, rt.dataDir, { seed: Number(o.seed ?? 20251), scale: Number(o.scale ?? 1), onFile: (f) => process.stderr.write(`importing ${f}\n`) });
        output(rt, res, () => res.imports.map((s) => `${s.dataset.padEnd(16)} read ${s.read}, imported ${s.imported}, rejected ${s.rejected}, new statements ${s.statements.inserted}`).join('\n') + `\nground truth: ${res.truth}`);
      });
    });
}
