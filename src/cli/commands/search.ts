/** `corvid search TEXT` and `corvid show ID`: find entities and look at one with its provenance. */
import type { Command } from 'commander';
import type { Statement } from '../../model/statement.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

interface SearchFlags extends GlobalOptions {
  schema?: string[];
  dataset?: string[];
  limit?: string;
  exact?: boolean;
}

export function registerSearch(program: Command): void {
  program
    .command('search <text...>')
    .description('typo-tolerant search over names and identifiers')
    .option('-s, --schema <name...>', 'only these schemata (e.g. Person Company)')
    .option('-d, --dataset <name...>', 'only these datasets')
    .option('-n, --limit <n>', 'how many results', '20')
    .option('--exact', 'no typo tolerance')
    .action(async (words: string[], _o: SearchFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<SearchFlags>();
      await withRuntime(o, async (rt) => {
        const hits = await rt.store.search(rt.ctx, {
          text: words.join(' '),
          limit: Number(o.limit ?? 20),
          fuzzy: !o.exact,
          ...(o.schema ? { schemata: o.schema } : {}),
          ...(o.dataset ? { datasets: o.dataset } : {}),
        });
        output(rt, { results: hits }, () =>
          hits.length === 0
            ? 'no matches'
            : hits.map((h) => `${h.score.toFixed(2)}  ${h.entity.schema.padEnd(14)} ${h.entity.caption}  [${h.entity.id}]${h.matched !== h.entity.caption ? `  (matched: ${h.matched})` : ''}`).join('\n'),
        );
        return hits.length === 0 ? 1 : 0;
      });
    });

  program
    .command('show <id>')
    .description('an entity with every statement and its provenance, grading and handling')
    .action(async (id: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const entity = await rt.store.getEntity(rt.ctx, id);
        if (!entity) {
          output(rt, { error: { code: 'CORVID_ERR_NOT_FOUND', message: `entity not found: ${id}` } }, () => `entity not found: ${id}`);
          return 2;
        }
        const links = await rt.store.getLinks(rt.ctx, id, 100);
        output(rt, { entity, links }, () => {
          const lines = [`${entity.caption}  (${entity.schema}, ${entity.id})`, `datasets: ${entity.datasets.join(', ')}   seen ${entity.firstSeen} … ${entity.lastSeen}`];
          for (const s of entity.statements.filter((x) => x.prop !== 'id')) lines.push(`  ${s.prop.padEnd(18)} ${s.value}${s.original ? ` (as written: ${s.original})` : ''}    ${provenance(s)}`);
          if (links.length) lines.push('linked from:', ...links.map((l) => `  ${l.entity.schema}.${l.prop} ← ${l.entity.caption} [${l.entity.id}]`));
          return lines.join('\n');
        });
      });
    });
}

function provenance(s: Statement): string {
  const handling = `${s.tlp === 'CLEAR' ? 'TLP:CLEAR' : `TLP:${s.tlp}`} ${s.handling}${s.handlingNote ? ` "${s.handlingNote}"` : ''}${s.compartment ? ` [${s.compartment}]` : ''}`;
  return `— ${s.dataset}/${s.source}:${s.record} ${s.grading} ${handling} by ${s.importer}, ${s.firstSeen.slice(0, 10)}`;
}
