/** `corvid match PEER --type T [--fuzzy] [--cardinality]`: a private exchange with a peer; prints the hits and the exchange id. */
import type { Command } from 'commander';
import { CorvidError } from '../../errors.ts';
import { loadIdentityFromEnv } from '../../cooperate/node/identity.ts';
import { runMatch, type MatchOutcome } from '../../cooperate/peer/exchange.ts';
import { parseSelectorType } from '../../cooperate/peer/holdings.ts';
import { getPeer } from '../../cooperate/peer/peers.ts';
import { output, progressBar, withRuntime, type GlobalOptions } from '../runtime.ts';

interface MatchFlags extends GlobalOptions {
  type: string;
  fuzzy?: boolean;
  cardinality?: boolean;
  both?: boolean;
  threshold?: string;
  batch?: string;
}

function human(o: MatchOutcome): string {
  const head = `exchange ${o.exchange} with ${o.peer}: ${o.selectors} ${o.type} selectors here, ${o.peerSelectors} there, ${o.count} in common`;
  if (!o.hits) return head;
  const rows = o.hits.map((h) => `  ${h.selector}${h.score !== undefined ? ` (${h.score.toFixed(2)})` : ''}  ${h.entities.map((e) => `${e.caption} [${e.id}]`).join('; ')}`);
  return [head, ...rows].join('\n');
}

export function registerMatch(program: Command): void {
  program
    .command('match <peer>')
    .description('find the selectors this node and a peer have in common, and nothing else (private set intersection)')
    .requiredOption('-t, --type <type>', 'phone | iban | wallet | email | id | name')
    .option('--fuzzy', 'fuzzy name matching (Bloom-filter encodings) instead of exact')
    .option('--cardinality', 'learn only how many selectors are in common')
    .option('--both', 'let the peer learn the intersection too (exact matching)')
    .option('--threshold <dice>', 'fuzzy: the lowest Dice coefficient that is a hit', '0.8')
    .option('--batch <n>', 'selectors per batch')
    .action(async (name: string, _o: MatchFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<MatchFlags>();
      await withRuntime(o, async (rt) => {
        if (o.fuzzy && o.cardinality) throw new CorvidError('CORVID_ERR_VALIDATION', '--fuzzy and --cardinality do not go together');
        const type = parseSelectorType(o.type);
        const bar = progressBar(`match ${name}`, 1);
        try {
          const out = await runMatch(rt.ctx, rt.store, loadIdentityFromEnv(rt.dataDir), getPeer(rt.dataDir, name), {
            type,
            mode: o.fuzzy ? 'fuzzy' : o.cardinality ? 'cardinality' : 'intersection',
            ...(o.batch ? { batchSize: Math.max(1, Number(o.batch)) } : {}),
            ...(o.both ? { both: true } : {}),
            ...(o.fuzzy && o.threshold ? { threshold: Number(o.threshold) } : {}),
            onProgress: (done, total) => bar.update((done / total) * 1, { info: `batch ${done}/${total}` }),
          });
          bar.stop();
          output(rt, out, () => human(out));
        } finally {
          bar.stop();
        }
      });
    });
}
