/** `corvid resolve run|review|judge|undo|show|judgements`: entity resolution from the command line. */
import type { Command } from 'commander';
import { groupOf, summarizeRun } from '../../resolve/views.ts';
import { ValidationError } from '../../errors.ts';
import { decide, parseVerdict, reviewQueue, undo, type UndoTarget } from '../../resolve/review.ts';
import { resolveStore, type ResolveRunOptions } from '../../resolve/run.ts';
import type { Judgement, JudgementFilter } from '../../store/port.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';
import { formatGroup, formatJudgement, formatJudgements, formatReview, formatRun, formatUndo } from './resolve-format.ts';

interface RunFlags extends GlobalOptions {
  full?: boolean;
  retrain?: boolean;
  threshold?: string;
  reviewFrom?: string;
}

interface ReviewFlags extends GlobalOptions {
  limit?: string;
  offset?: string;
  decide?: string;
  reason?: string;
}

interface UndoFlags extends GlobalOptions {
  judgement?: string;
  run?: string;
  reason?: string;
}

interface ListFlags extends GlobalOptions {
  run?: string;
  entity?: string;
  all?: boolean;
}

/** A probability option: a number from 0 to 1, or a clear CORVID_ERR_VALIDATION. */
function probability(name: string, raw: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new ValidationError('CORVID_ERR_VALIDATION', `--${name} must be a number from 0 to 1, not ${raw}`);
  return n;
}

/** A whole number option (ids, limits), or a clear CORVID_ERR_VALIDATION. */
function whole(name: string, raw: string, min = 0): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || n < min)
    throw new ValidationError('CORVID_ERR_VALIDATION', `${name} must be a whole number${min ? ` of at least ${min}` : ''}, not ${raw}`);
  return n;
}

/** Progress stages on stderr, so stdout stays the result (and --json stays parseable). */
function progress(stage: string): void {
  process.stderr.write(`resolve: ${stage}…\n`);
}

export function registerResolve(program: Command): void {
  const resolve = program
    .command('resolve')
    .description('entity resolution: find the records that are one person, company or account, with a human in the loop');

  resolve
    .command('run')
    .description('compare new and changed records, merge the sure pairs, queue the uncertain ones for review')
    .option('--full', 'compare everything and retrain, ignoring what earlier runs remember')
    .option('--retrain', 'retrain the match models even on an incremental run')
    .option('--threshold <p>', 'merge pairs at or above this match probability', '0.7')
    .option('--review-from <p>', 'queue pairs from this probability up to the threshold for review', '0.3')
    .action(async (_o: RunFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<RunFlags>();
      await withRuntime(o, async (rt) => {
        const threshold = probability('threshold', o.threshold ?? '0.7');
        const reviewFrom = probability('review-from', o.reviewFrom ?? '0.3');
        if (reviewFrom > threshold) throw new ValidationError('CORVID_ERR_VALIDATION', '--review-from must not be above --threshold');
        const opts: ResolveRunOptions = {
          threshold,
          reviewFrom,
          ...(o.full ? { full: true } : {}),
          ...(o.retrain ? { retrain: true } : {}),
          onProgress: progress,
        };
        const summary = summarizeRun(await resolveStore(rt.ctx, rt.store, opts));
        output(rt, summary, () => formatRun(summary));
      });
    });

  resolve
    .command('review [verdict]')
    .description('the open review candidates, best first; with --decide ID same|different|unsure, decide one')
    .option('-n, --limit <n>', 'how many candidates', '10')
    .option('--offset <n>', 'skip this many', '0')
    .option('--decide <id>', 'decide this candidate (give the verdict after it)')
    .option('--reason <text>', 'why, in a sentence (recorded with the decision)')
    .action(async (verdict: string | undefined, _o: ReviewFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ReviewFlags>();
      await withRuntime(o, async (rt) => {
        if (o.decide !== undefined || verdict !== undefined) {
          if (o.decide === undefined || verdict === undefined)
            throw new ValidationError('CORVID_ERR_VALIDATION', 'decide with: corvid resolve review --decide ID same|different|unsure');
          const j = await decide(rt.ctx, rt.store, { candidate: whole('the candidate id', o.decide, 1) }, parseVerdict(verdict), o.reason ?? '');
          output(rt, { judgement: j }, () => formatJudgement(j));
          return;
        }
        const items = await reviewQueue(rt.ctx, rt.store, { limit: whole('--limit', o.limit ?? '10', 1), offset: whole('--offset', o.offset ?? '0') });
        output(rt, { items }, () => formatReview(items));
      });
    });

  resolve
    .command('judge <left> <right> <verdict>')
    .description('decide whether two entities are the same (same | different | unsure)')
    .option('--reason <text>', 'why, in a sentence (recorded with the decision)')
    .action(async (left: string, right: string, verdict: string, _o: GlobalOptions & { reason?: string }, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { reason?: string }>();
      await withRuntime(o, async (rt) => {
        const j = await decide(rt.ctx, rt.store, { left, right }, parseVerdict(verdict), o.reason ?? '');
        output(rt, { judgement: j }, () => formatJudgement(j));
      });
    });

  resolve
    .command('undo')
    .description('undo one judgement (--judgement ID) or everything a run decided (--run RUN)')
    .option('--judgement <id>', 'the judgement to retract')
    .option('--run <run>', 'the run whose judgements to retract and whose open candidates to withdraw')
    .option('--reason <text>', 'why (recorded with the retraction)')
    .action(async (_o: UndoFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<UndoFlags>();
      await withRuntime(o, async (rt) => {
        if ((o.judgement === undefined) === (o.run === undefined))
          throw new ValidationError('CORVID_ERR_VALIDATION', 'give exactly one of --judgement ID and --run RUN');
        const target: UndoTarget = o.run !== undefined ? { run: o.run } : { judgement: whole('--judgement', o.judgement ?? '', 1) };
        const result = await undo(rt.ctx, rt.store, target, o.reason ?? '');
        output(rt, result, () => formatUndo(result));
      });
    });

  resolve
    .command('show <id>')
    .description('the canonical entity an entity belongs to: its members and the judgements that hold it together')
    .action(async (id: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const group = await groupOf(rt.ctx, rt.store, id);
        output(rt, group, () => formatGroup(group));
      });
    });

  resolve
    .command('judgements')
    .description('judgements in the order they were made (active ones unless --all)')
    .option('--run <run>', 'only those of this run')
    .option('--entity <id>', 'only those about this entity')
    .option('--all', 'include retracted (undone) judgements')
    .action(async (_o: ListFlags, cmd: Command) => {
      const o = cmd.optsWithGlobals<ListFlags>();
      await withRuntime(o, async (rt) => {
        const filter: Omit<JudgementFilter, 'afterId' | 'limit'> = {
          ...(o.run ? { run: o.run } : {}),
          ...(o.entity ? { entityIds: [o.entity] } : {}),
          ...(o.all ? {} : { active: true }),
        };
        const judgements: Judgement[] = [];
        for await (const batch of rt.store.iterateJudgements(rt.ctx, filter)) judgements.push(...batch);
        output(rt, { judgements }, () => formatJudgements(judgements));
      });
    });
}
