/** The Fastify app factory, apart from `listen`: plugins, the /api/v1 routes, the OpenAPI document, the web root. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyPluginAsync } from 'fastify';
import { auditPlugin } from './plugins/audit.ts';
import { authPlugin } from './plugins/auth.ts';
import { errorsPlugin } from './plugins/errors.ts';
import { securityPlugin } from './plugins/security.ts';
import { storePlugin } from './plugins/store.ts';
import { alertRoutes } from './routes/alerts.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { chartRoutes } from './routes/charts.ts';
import { datasetRoutes } from './routes/datasets.ts';
import { entityRoutes } from './routes/entities.ts';
import { healthRoutes } from './routes/health.ts';
import { importRoutes } from './routes/imports.ts';
import { jobRoutes } from './routes/jobs.ts';
import { moneyRoutes } from './routes/money.ts';
import { networkRoutes } from './routes/network.ts';
import { openapiRoutes } from './routes/openapi.ts';
import { peerApi } from './routes/peer-api.ts';
import { peerRoutes } from './routes/peers.ts';
import { resolveRoutes } from './routes/resolve.ts';
import { searchRoutes } from './routes/search.ts';
import { registerSchemas } from './schemas.ts';
import { webRoutes } from './static.ts';
import { DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_SESSION_SECONDS, type BuildOptions, type ServerConfig } from './types.ts';

export type { BuildOptions } from './types.ts';

const JSON_BODY_LIMIT = 1024 * 1024;

/** The docs page loads only its own bundled assets (nothing from a CDN) and the spec from this server. */
const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

function resolveConfig(opts: BuildOptions): ServerConfig {
  const dataDir = resolve(opts.dataDir);
  const webRoot = opts.webRoot && existsSync(opts.webRoot) && statSync(opts.webRoot).isDirectory() ? resolve(opts.webRoot) : null;
  return {
    dataDir,
    uploadsDir: join(dataDir, 'uploads'),
    rejectsDir: join(dataDir, 'rejects'),
    maxUploadBytes: opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
    sessionSeconds: opts.sessionSeconds ?? DEFAULT_SESSION_SECONDS,
    webRoot,
  };
}

/** Everything under /api/v1: authentication first, then each feature in its own encapsulated plugin. */
const apiV1: FastifyPluginAsync = async (api) => {
  await api.register(authPlugin);
  for (const routes of [healthRoutes, openapiRoutes, authRoutes, searchRoutes, entityRoutes, datasetRoutes, importRoutes, jobRoutes, resolveRoutes, networkRoutes, chartRoutes, alertRoutes, moneyRoutes, auditRoutes, peerRoutes]) {
    await api.register(routes);
  }
};

/**
 * Builds the app without listening, so tests drive it with `app.inject()`. The store stays the
 * caller's to close; closing the app stops the imports it runs.
 * @example
 * const app = await buildApp({ store, dataDir: './corvid-data' });
 * const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
 */
export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const config = resolveConfig(opts);
  const version = packageVersion();
  const app = Fastify({
    logger: opts.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    bodyLimit: JSON_BODY_LIMIT,
    return503OnClosing: true,
    // Unknown body fields are an error, not silently dropped: a typo must not pass as a default.
    ajv: { customOptions: { removeAdditional: false } },
  });
  registerSchemas(app);
  await app.register(errorsPlugin);
  await app.register(securityPlugin);
  await app.register(storePlugin, { store: opts.store, config });
  await app.register(auditPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Corvid API',
        version,
        description:
          'Corvid: ingest, search and read intelligence data with provenance, grading and handling. Authenticate with `Authorization: Bearer <token>` (POST /api/v1/auth/login for a session token). Errors answer `{ error: { code, message, details? } }` with a stable CORVID_ERR_… code.',
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'an API token (cvd_…) or a session token from /auth/login' } } },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'auth', description: 'log-in and API tokens' },
        { name: 'entities', description: 'search and read entities' },
        { name: 'datasets', description: 'datasets and their defaults' },
        { name: 'imports', description: 'upload files to import' },
        { name: 'jobs', description: 'long-running work' },
        { name: 'resolve', description: 'entity resolution: runs, the review queue, judgements, canonical entities' },
        { name: 'network', description: 'link analysis: expand, sub-graphs, paths, analyses and saved results' },
        { name: 'charts', description: 'saved link charts, per case' },
        { name: 'audit', description: 'the hash-chained audit log' },
        { name: 'peers', description: 'trusted peer nodes and the follow-up requests between them' },
        { name: 'peer', description: 'the node-to-node API: signed by peer keys (Corvid-Signature), not user tokens' },
        { name: 'meta', description: 'health and this document' },
      ],
    },
    // Shared schemas appear under components.schemas by their own ids (Entity, Job, …).
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: DOCS_CSP, uiConfig: { deepLinking: true, validatorUrl: null } });
  await app.register(apiV1, { prefix: '/api/v1' });
  // Peers are not users: their API sits outside user authentication and checks signatures instead.
  await app.register(peerApi, { prefix: '/api/v1/peer' });
  await app.register(webRoutes, { webRoot: config.webRoot, version });
  return app;
}
