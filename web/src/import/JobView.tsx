// Follows an import job (GET /jobs/:id) until it ends, then shows its summary and the rejected records.
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ErrorNotice, Status } from '../components/States.tsx';
import { plural } from '../format.ts';
import type { Job } from '../types.ts';
import { RejectList } from './RejectList.tsx';

const POLL_MS = 700;
const ENDED = new Set(['done', 'failed', 'cancelled']);

export function JobView(props: { jobId: string }) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ac = new AbortController();
    async function poll(): Promise<void> {
      try {
        const { job: j } = await api<{ job: Job }>('GET', `/jobs/${encodeURIComponent(props.jobId)}`, undefined, ac.signal);
        setJob(j);
        setError(null);
        if (!ENDED.has(j.state)) timer = setTimeout(() => void poll(), POLL_MS);
      } catch (err) {
        if (!ac.signal.aborted) setError(err instanceof Error ? err : new Error(String(err)));
      }
    }
    void poll();
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [props.jobId, attempt]);

  async function cancel(): Promise<void> {
    await api('POST', `/jobs/${encodeURIComponent(props.jobId)}/cancel`).catch((err: unknown) => setError(err instanceof Error ? err : new Error(String(err))));
  }

  const done = job?.progress?.done ?? 0;
  const total = job?.progress?.total ?? 0;
  const r = job?.result ?? null;
  return (
    <section className="job" aria-labelledby="job-title">
      <h2 id="job-title">
        Import <code className="id">{props.jobId}</code>
      </h2>
      {error ? <ErrorNotice title="The import’s progress could not be read." error={error} onRetry={() => setAttempt((a) => a + 1)} /> : null}
      <Status busy={!job || !ENDED.has(job.state)}>{job ? stateText(job) : 'Waiting for the server…'}</Status>
      <div className="progress-row">
        <progress max={total || 1} value={job?.state === 'done' ? total || 1 : done} aria-label="Import progress" />
        {job && !ENDED.has(job.state) ? (
          <button type="button" className="button button-quiet" onClick={() => void cancel()} disabled={job.cancelRequested}>
            {job.cancelRequested ? 'Cancelling…' : 'Cancel import'}
          </button>
        ) : null}
      </div>
      {job?.state === 'failed' ? (
        <p className="notice notice-error" role="alert">
          The import failed: {job.error ?? 'no reason given'}. Fix the file or the mapping and import again.
        </p>
      ) : null}
      {r ? (
        <dl className="summary">
          <div>
            <dt>Records read</dt>
            <dd>{r.read}</dd>
          </div>
          <div>
            <dt>Imported</dt>
            <dd>{r.imported}</dd>
          </div>
          <div>
            <dt>Rejected records</dt>
            <dd>{r.rejected}</dd>
          </div>
          <div>
            <dt>Rejected values</dt>
            <dd>{r.rejectedValues}</dd>
          </div>
          <div>
            <dt>Entities</dt>
            <dd>{r.entities}</dd>
          </div>
          <div>
            <dt>New statements</dt>
            <dd>{r.statements.inserted}</dd>
          </div>
        </dl>
      ) : null}
      {r?.alreadyImported ? (
        <p className="notice notice-info">This file had been imported into the dataset before, so nothing changed. Tick “Import again” to import it once more.</p>
      ) : null}
      {job && ENDED.has(job.state) && job.kind === 'import' ? <RejectList jobId={props.jobId} /> : null}
    </section>
  );
}

function stateText(job: Job): string {
  const p = job.progress;
  switch (job.state) {
    case 'queued':
      return 'Queued: the import starts when the one before it has finished.';
    case 'running':
      return `Importing… ${p?.message ?? ''}`.trim();
    case 'done': {
      const r = job.result;
      return r ? `Finished: ${plural(r.imported, 'record')} imported, ${plural(r.rejected, 'record')} and ${plural(r.rejectedValues, 'value')} rejected.` : 'Finished.';
    }
    case 'failed':
      return 'Failed.';
    case 'cancelled':
      return 'Cancelled: what was imported before the stop stays.';
  }
}
