/** What `/` serves: the built web UI from `webRoot` when there is one, else the landing page. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { NotFoundError } from '../errors.ts';
import { landingPage } from './landing.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The web UI's policy: its own scripts, styles and API only (WebGL and workers for the graph view). */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/**
 * The file for a URL path inside `root`, or null. Refuses anything that would leave the root (`..`,
 * encoded separators, NUL) and dot-files.
 */
export async function resolveStatic(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || decoded.split('/').some((seg) => seg.startsWith('.'))) return null;
  const base = resolve(root);
  let p = resolve(join(base, decoded));
  if (p !== base && !p.startsWith(base + sep)) return null;
  const st = await stat(p).catch(() => null);
  if (st?.isDirectory()) {
    p = join(p, 'index.html');
    return (await stat(p).catch(() => null))?.isFile() ? p : null;
  }
  return st?.isFile() ? p : null;
}

function sendFile(reply: FastifyReply, path: string): FastifyReply {
  const type = TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  // Vite puts content-hashed files under assets/: they never change; everything else is revalidated.
  const immutable = path.includes(`${sep}assets${sep}`);
  reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  if (type.startsWith('text/html')) reply.header('content-security-policy', WEB_CSP);
  return reply.type(type).send(createReadStream(path));
}

export interface WebOptions extends Record<string, unknown> {
  webRoot: string | null;
  version: string;
}

export const webRoutes: FastifyPluginAsync<WebOptions> = async (app, opts: WebOptions) => {
  const webRoot = opts.webRoot;
  if (webRoot === null) {
    const page = landingPage(opts.version);
    app.get('/', { schema: { hide: true } }, async (_request, reply) =>
      reply.header('content-security-policy', page.csp).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(page.html),
    );
    return;
  }
  const root = resolve(webRoot);
  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // The API's unknown paths stay API 404s, not the web UI's index page.
    if (path.startsWith('/api/')) throw new NotFoundError('route', path);
    const file = await resolveStatic(root, path);
    if (file) return sendFile(reply, file);
    // Client-side routes (no extension) get the single-page app; missing assets and dot-files are 404s.
    const clientRoute = extname(path) === '' && !path.split('/').some((seg) => seg.startsWith('.'));
    const index = clientRoute ? await resolveStatic(root, '/index.html') : null;
    if (index) return sendFile(reply, index);
    throw new NotFoundError('file', path);
  });
};
