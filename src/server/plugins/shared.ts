/** Marks a plugin as shared with its parent scope instead of encapsulated (what fastify-plugin does). */
import type { FastifyPluginAsync } from 'fastify';

/**
 * Shares a plugin's decorators and hooks with the scope that registers it, through Fastify's
 * documented `skip-override` property (Reference/Plugins.md), so we need no extra dependency.
 * @example await app.register(shared(errorsPlugin));
 */
export function shared<O extends Record<string, unknown>>(plugin: FastifyPluginAsync<O>): FastifyPluginAsync<O> {
  Object.defineProperty(plugin, Symbol.for('skip-override'), { value: true });
  return plugin;
}
