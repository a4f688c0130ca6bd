/** `corvid jobs` and `corvid jobs cancel ID`: long work (imports, later resolution and analysis) and its progress. */
import type { Command } from 'commander';
import type { JobState } from '../../store/port.ts';
import { output, withRuntime, type GlobalOptions } from '../runtime.ts';

export function registerJobs(program: Command): void {
  const jobs = program.command('jobs').description('long-running jobs: list, show, cancel');
  jobs
    .command('list', { isDefault: true })
    .description('recent jobs, newest first')
    .option('--state <s...>', 'only these states (queued running done failed cancelled)')
    .option('-n, --limit <n>', 'how many', '20')
    .action(async (_o: GlobalOptions & { state?: JobState[]; limit?: string }, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions & { state?: JobState[]; limit?: string }>();
      await withRuntime(o, async (rt) => {
        const list = await rt.store.listJobs(rt.ctx, { limit: Number(o.limit ?? 20), ...(o.state ? { states: o.state } : {}) });
        output(rt, { jobs: list }, () =>
          list.map((j) => `${j.id.padEnd(52)} ${j.kind.padEnd(8)} ${j.state.padEnd(10)} ${j.progress.total ? `${Math.round((100 * j.progress.done) / j.progress.total)}%` : ''} ${j.progress.message ?? ''} ${j.error ?? ''}`).join('\n') || 'no jobs',
        );
      });
    });
  jobs
    .command('show <id>')
    .description('one job with its parameters, checkpoint and result')
    .action(async (id: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const job = await rt.store.getJob(rt.ctx, id);
        output(rt, job ?? { error: { code: 'CORVID_ERR_NOT_FOUND', message: `no job ${id}` } }, () => (job ? JSON.stringify(job, null, 2) : `no job ${id}`));
        return job ? 0 : 2;
      });
    });
  jobs
    .command('cancel <id>')
    .description('ask a running job to stop at its next checkpoint (an import can be resumed later by running it again)')
    .action(async (id: string, _o: GlobalOptions, cmd: Command) => {
      const o = cmd.optsWithGlobals<GlobalOptions>();
      await withRuntime(o, async (rt) => {
        const job = await rt.store.requestCancel(rt.ctx, id);
        output(rt, job, () => `cancel requested for ${job.id} (${job.state})`);
      });
    });
}
