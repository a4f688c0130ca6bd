/** The web UI's only way to the server: the public HTTP API under /api/v1, with the session's bearer token. */

const TOKEN_KEY = 'corvid.token';

/** An API failure with the server's stable error code (`CORVID_ERR_…`) and HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What the server added, e.g. `{ field: 'reason' }` on a validation error. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function getToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(token: string | null): void {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Listeners told when the server says the session is gone (401), so the app can show sign-in. */
const onSignedOut = new Set<() => void>();
export function whenSignedOut(fn: () => void): () => void {
  onSignedOut.add(fn);
  return () => onSignedOut.delete(fn);
}

/**
 * Calls the API; JSON in and out (FormData bodies are sent as multipart).
 * @example const hits = await api<SearchHit[]>('GET', '/search?q=rossi');
 */
export async function api<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {};
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`/api/v1${path}`, { method, headers, body: payload, signal });
  const text = await res.text();
  const data: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = ((data as { error?: unknown } | null)?.error ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
    if (res.status === 401 && path !== '/auth/login') {
      setToken(null);
      for (const fn of onSignedOut) fn();
    }
    throw new ApiError(res.status, err.code ?? `HTTP_${res.status}`, err.message ?? res.statusText, err.details ?? {});
  }
  return data as T;
}
