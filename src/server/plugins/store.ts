/** Puts the store, the resolved configuration and the background import runner on the instance. */
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../../store/port.ts';
import { ImportRunner } from '../import-runner.ts';
import type { ServerConfig } from '../types.ts';
import { shared } from './shared.ts';

export interface StorePluginOptions extends Record<string, unknown> {
  store: Store;
  config: ServerConfig;
}

/**
 * The store belongs to whoever opened it (the CLI, a test): closing the app stops the running imports
 * but leaves the store open for its owner to close.
 */
export const storePlugin: FastifyPluginAsync<StorePluginOptions> = shared(async (app, opts: StorePluginOptions) => {
  // As a getter: Fastify would read a `getter` member of a plain value as an accessor definition.
  app.decorate('store', { getter: () => opts.store });
  app.decorate('corvid', opts.config);
  const runner = new ImportRunner(opts.store, opts.config.rejectsDir, app.log);
  app.decorate('imports', runner);
  app.addHook('onClose', async () => runner.close());
});
