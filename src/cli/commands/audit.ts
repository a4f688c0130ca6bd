/** `corvid audit verify|list`, `corvid audit --exchange ID`: check the hash chain of the audit log, read it, follow one exchange. */
import type { Command } from 'commander';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

interface ListFlags extends GlobalOptions {
  action?: string;
  actor?: string;
  target?: string;
  after?: string;
  limit?: string;
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('the append-only, hash-chained audit log')
    .option('--exchange <id>', 'every record of one peer exchange (match, follow-ups, disclosures), in order')
    .action(async (_o: GlobalOptions & { exchange?: string }, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { exchange?: string }>();
      if (!o.exchange) return void cmd.help();
      await withRuntime(o, async (rt) => {
        const records = await rt.store.listAudit(rt.ctx, { target: o.exchange, limit: 10_000 });
        output(rt, { exchange: o.exchange, records }, () => records.map((r) => `${String(r.seq).padStart(6)} ${r.at} ${r.actor.padEnd(16)} ${r.action.padEnd(24)} ${JSON.stringify(r.detail)}`).join('\n') || 'no records for this exchange');
      });
    });
  audit
    .command('verify')
    .description('recompute the hash chain and report the first record that was changed or removed')
    .action(async (_o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const v = await rt.store.verifyAudit(rt.ctx);
        output(rt, v, () => (v.ok ? `audit log intact: ${v.checked} records verified` : `AUDIT LOG TAMPERED at record ${v.broken?.seq}: ${v.broken?.reason} (${v.checked} records verified before it)`));
        return v.ok ? 0 : 3;
      });
    });
  audit
    .command('list')
    .description('audit records, oldest first')
    .option('--action <a>', 'only this action (e.g. import.finish)')
    .option('--actor <name>', 'only this actor')
    .option('--target <t>', 'only this target')
    .option('--after <seq>', 'records after this sequence number')
    .option('-n, --limit <n>', 'how many', '100')
    .action(async (_o: ListFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ListFlags>();
      await withRuntime(o, async (rt) => {
        const records = await rt.store.listAudit(rt.ctx, {
          limit: Number(o.limit ?? 100),
          ...(o.action ? { action: o.action } : {}),
          ...(o.actor ? { actor: o.actor } : {}),
          ...(o.target ? { target: o.target } : {}),
          ...(o.after ? { afterSeq: Number(o.after) } : {}),
        });
        output(rt, { records }, () => records.map((r) => `${String(r.seq).padStart(6)} ${r.at} ${r.actor.padEnd(16)} ${r.action.padEnd(16)} ${r.target} ${JSON.stringify(r.detail)}`).join('\n') || 'no records');
      });
    });
}
