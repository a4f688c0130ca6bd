/** Runs uploaded imports in the background, in-process, and stops them cleanly when the server closes. */
import { rm } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import { isCorvidError } from '../errors.ts';
import { withSignal, type Context } from '../model/context.ts';
import { importFile } from '../ingest/pipeline.ts';
import type { ImportOptions } from '../ingest/options.ts';
import type { Store } from '../store/port.ts';

export type BackgroundImport = Omit<ImportOptions, 'onJob' | 'onProgress' | 'rejectsDir'>;

/**
 * Keeps track of the imports this process runs, so a cancel can stop one at once (besides the store's
 * cancel flag, which the pipeline polls) and closing the server waits for none of them to be mid-batch.
 */
export class ImportRunner {
  private readonly controllers = new Map<string, AbortController>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly rejectsDir: string,
    private readonly log: FastifyBaseLogger,
  ) {}

  /**
   * Starts `importFile` in the background and resolves with the job id as soon as the job exists.
   * Rejects (with the pipeline's error) when the import fails before it has a job, e.g. an unknown
   * format or a CSV without mapping. `uploadDir` is removed once the import has settled.
   */
  async start(ctx: Context, opts: BackgroundImport, uploadDir?: string): Promise<string> {
    const controller = new AbortController();
    let jobId: string | undefined;
    let announce: (id: string) => void = () => undefined;
    const announced = new Promise<string>((resolve) => (announce = resolve));
    const onJob = (id: string): void => {
      jobId = id;
      this.controllers.set(id, controller);
      announce(id);
    };
    // The job outlives the request: its own signal, not the request's.
    const run = importFile(withSignal(ctx, controller.signal), this.store, { ...opts, rejectsDir: this.rejectsDir, onJob });
    const settled = (async (): Promise<void> => {
      try {
        const summary = await run;
        this.log.info({ job: summary.jobId, imported: summary.imported, rejected: summary.rejected }, 'import finished');
      } catch (err) {
        if (jobId !== undefined) this.log.warn({ job: jobId, code: isCorvidError(err) ? err.code : 'CORVID_ERR_INTERNAL' }, 'import stopped');
      } finally {
        if (jobId !== undefined) this.controllers.delete(jobId);
        // Every upload is its own copy: a retry uploads again and the pipeline knows the file by its hash.
        if (uploadDir) await rm(uploadDir, { recursive: true, force: true }).catch(() => undefined);
      }
    })();
    // Counted as running until the upload is gone too, so idle() and close() wait for the clean-up.
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return Promise.race([announced, run.then((summary) => summary.jobId)]);
  }

  /** Aborts an import running in this process; false when it does not run here. */
  abort(jobId: string): boolean {
    const c = this.controllers.get(jobId);
    if (!c) return false;
    c.abort('cancelled');
    return true;
  }

  get running(): number {
    return this.inFlight.size;
  }

  /** Resolves once no import runs in this process (and their uploads are removed). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Stops every running import at its next safe point and waits until they have let go of the store. */
  async close(): Promise<void> {
    for (const c of this.controllers.values()) c.abort('server closing');
    await this.idle();
  }
}
