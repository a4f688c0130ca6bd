/** `corvid network analyses` and `corvid network analyze ALGORITHM`: list the analyses and run one over the store. */
import type { Command } from 'commander';
import { ValidationError } from '../../errors.ts';
import { analysisCatalogue, getAnalysis, type ParamSpec } from '../../network/analyses.ts';
import { analyzeNetwork } from '../../network/analyze.ts';
import { annotate, type AnnotationOutcome } from '../../network/annotate.ts';
import type { NetworkFilter } from '../../network/filter.ts';
import type { EdgeKind } from '../../network/types.ts';
import type { JsonObject } from '../../store/port.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

interface AnalyzeFlags extends GlobalOptions {
  param?: string[];
  ids?: string[];
  from?: string;
  to?: string;
  kinds?: string[];
  schemata?: string[];
  dataset?: string[];
  minGrading?: string;
  directed?: boolean;
  amount?: boolean;
  top?: string;
  save?: boolean;
  compartment?: string;
}

/** `k=v` typed by the analysis's parameter spec: numbers, booleans, strings, comma lists where a list is accepted. */
export function parseParam(specs: readonly ParamSpec[], text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new ValidationError('CORVID_ERR_VALIDATION', `--param wants name=value, got ${text}`);
  const name = text.slice(0, eq);
  const raw = text.slice(eq + 1);
  const spec = specs.find((p) => p.name === name);
  if (!spec) return [name, raw]; // checkParams names the unknown parameter
  if (spec.type === 'number' || spec.type === 'integer') return [name, raw.trim() === '' ? Number.NaN : Number(raw)];
  if (spec.type === 'boolean') return [name, raw === 'true' ? true : raw === 'false' ? false : raw];
  if (spec.orList && raw.includes(',')) return [name, raw.split(',').filter((x) => x !== '')];
  return [name, raw];
}

/** Per-entity scores as a ranked table with labels; communities as sizes; the rest as JSON. */
function human(labelOf: (id: string) => string, result: unknown, top: number): string {
  const label = (id: string): string => (labelOf(id) === id ? id : `${labelOf(id)}  [${id}]`);
  if (typeof result === 'number') return String(result);
  if (result && typeof result === 'object' && 'communities' in result) {
    const r = result as { communities: Record<string, number>; count: number; modularity: number };
    const sizes = new Map<number, number>();
    for (const c of Object.values(r.communities)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
    return [
      `${r.count} communities, modularity ${r.modularity.toFixed(3)}`,
      ...[...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, top).map(([c, n]) => `  community ${c}: ${n} entities`),
    ].join('\n');
  }
  const values = result && typeof result === 'object' && !Array.isArray(result) ? Object.entries(result as Record<string, unknown>) : [];
  if (values.length > 0 && values.every(([, v]) => typeof v === 'number')) {
    const ranked = (values as [string, number][]).sort((a, b) => b[1] - a[1]).slice(0, top);
    return ranked.map(([id, v]) => `${v.toPrecision(4).padStart(10)}  ${label(id)}`).join('\n');
  }
  return JSON.stringify(result, null, 2);
}

export function registerNetwork(program: Command): void {
  const network = program.command('network').description('link analysis over the entities you may see');

  network
    .command('analyses')
    .description('the analyses on offer, with their citations and parameters')
    .action(async (_o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      const list = analysisCatalogue();
      output({ json: o.json ?? false }, list, () =>
        list
          .map(
            (a) =>
              `${a.name.padEnd(24)} ${a.description}\n${' '.repeat(25)}${a.params.map((p) => `${p.name}=${JSON.stringify(p.default)}`).join(' ') || '(no parameters)'}`,
          )
          .join('\n'),
      );
    });

  network
    .command('analyze <algorithm>')
    .description('run an analysis over the whole network you may see (or among --ids)')
    .option('-p, --param <name=value...>', 'parameters (see `corvid network analyses`)')
    .option('--ids <id...>', 'only the network among these entities')
    .option('--from <date>', 'keep edges that still hold on or after this date')
    .option('--to <date>', 'keep edges that began on or before this date')
    .option('--kinds <kind...>', 'interstitial, reference, shared-identifier')
    .option('--schemata <name...>', 'edge schemata (Payment, Call, …)')
    .option('-d, --dataset <name...>', 'only these datasets')
    .option('--min-grading <grading>', 'lowest grading kept, e.g. B2')
    .option('--directed', "keep FtM's direction (mixed graph)")
    .option('--amount', 'weigh payments by amount')
    .option('-n, --top <n>', 'rows shown without --json', '20')
    .option('--save', 'save the per-entity results on the entities (community id or score), computed by the algorithm with its parameters')
    .option('--compartment <name>', 'with --save: the compartment the saved values go into (default: yours, if you have one)')
    .action(async (algorithm: string, _o: AnalyzeFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<AnalyzeFlags>();
      await withRuntime(o, async (rt) => {
        const spec = getAnalysis(algorithm);
        const params = Object.fromEntries((o.param ?? []).map((t) => parseParam(spec.params, t)));
        const filter: NetworkFilter = {
          ...(o.from ? { from: o.from } : {}),
          ...(o.to ? { to: o.to } : {}),
          ...(o.kinds ? { kinds: o.kinds as EdgeKind[] } : {}),
          ...(o.schemata ? { schemata: o.schemata } : {}),
          ...(o.dataset ? { datasets: o.dataset } : {}),
          ...(o.minGrading ? { minGrading: o.minGrading } : {}),
        };
        const { analysis, graph, label } = await analyzeNetwork(rt.ctx, rt.store, {
          algorithm: spec.name,
          params,
          filter,
          directed: o.directed ?? false,
          weight: o.amount ? 'amount' : 'count',
          ...(o.ids ? { ids: o.ids } : {}),
        });
        let saved: AnnotationOutcome | undefined;
        if (o.save) {
          if (!spec.annotate) throw new ValidationError('CORVID_ERR_VALIDATION', `${spec.name} has no per-entity result to save`, { algorithm: spec.name });
          saved = await annotate(rt.ctx, rt.store, {
            algorithm: analysis.algorithm,
            params: analysis.params as JsonObject,
            result: spec.annotate.values(analysis.result),
            property: spec.annotate.property,
            ...(o.compartment !== undefined ? { compartment: o.compartment } : {}),
          });
        }
        output(rt, { ...analysis, graph, ...(saved ? { saved } : {}) }, () =>
          [
            `${analysis.algorithm} over ${graph.nodes} entities, ${graph.edges} links — ${analysis.citation}`,
            human(label, analysis.result, Number(o.top ?? 20)),
            ...(saved ? [`saved on the entities: ${saved.written} new values, ${saved.unchanged} unchanged (source “${saved.source}”)`] : []),
          ].join('\n'),
        );
      });
    });
}
