/** The page at `/` until the analyst web UI is built: what Corvid is, where the API is, how to get a token. */
import { createHash } from 'node:crypto';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{margin-bottom:0}p.lead{color:#57606a;margin-top:.25rem}code,pre{font-family:ui-monospace,monospace;font-size:.9em}
pre{background:#f6f8fa;padding:.75rem;overflow-x:auto;border-radius:4px}a{color:#0a58ca}`;

export interface LandingPage {
  html: string;
  /** Only the page's own inline style may apply (by hash); nothing loads, nothing frames it. */
  csp: string;
}

/**
 * Builds the page once. Everything interpolated is escaped, although only the version is.
 * @example const { html, csp } = landingPage('0.1.0');
 */
export function landingPage(version: string): LandingPage {
  const v = escapeHtml(version);
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corvid</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Corvid</h1>
<p class="lead">Open-source intelligence platform against tech-enabled organised crime — version ${v}</p>
<p>Corvid ingests data (FollowTheMoney, CSV with mappings, STIX 2, MISP), keeps every value with its provenance,
grading and handling code, resolves entities, maps networks, follows the money, detects typologies and supports
cooperation between agencies. The analyst web interface is not installed on this server; the HTTP API is.</p>
<h2>The API</h2>
<ul>
<li><a href="/api/docs">Interactive API documentation</a></li>
<li><a href="/api/v1/openapi.json">OpenAPI 3 document</a> (<code>/api/v1/openapi.json</code>)</li>
</ul>
<h2>Getting a token</h2>
<p>Every call under <code>/api/v1</code> needs <code>Authorization: Bearer &lt;token&gt;</code>. On its first start the
server creates the user <code>admin</code> and writes its password to <code>admin-credentials.txt</code> in the server’s
data directory (readable only by the server’s account). Log in for a session token:</p>
<pre>curl -s -X POST -H 'content-type: application/json' \\
  -d '{"name":"admin","password":"…"}' http://HOST/api/v1/auth/login</pre>
<p>For scripts, create a long-lived token with <code>POST /api/v1/auth/tokens</code> or on the server with
<code>corvid token &lt;user&gt;</code>; users are added with <code>corvid user add</code>.</p>
</body>
</html>
`;
  const csp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  return { html, csp };
}
