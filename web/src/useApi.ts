// Loading API data in a component: one GET per key, aborted when the key changes or the component goes away.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: ApiError | Error | null;
  loading: boolean;
  /** Loads again (after an error, or after a change the caller made). */
  reload(): void;
}

/**
 * GETs `path` (null: nothing to load). The previous data stays while the next loads, so the layout does not jump.
 * @example const { data, error, loading } = useApi<{ datasets: Dataset[] }>('/datasets');
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ path: string | null; data: T | null; error: ApiError | Error | null; loading: boolean }>({
    path: null,
    data: null,
    error: null,
    loading: path !== null,
  });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (path === null) {
      setState({ path, data: null, error: null, loading: false });
      return;
    }
    const ac = new AbortController();
    setState((s) => ({ ...s, loading: true, error: null }));
    api<T>('GET', path, undefined, ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setState({ path, data, error: null, loading: false });
      },
      (err: unknown) => {
        if (ac.signal.aborted) return;
        setState((s) => ({ ...s, path, error: err instanceof Error ? err : new Error(String(err)), loading: false }));
      },
    );
    return () => ac.abort();
  }, [path, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** What to tell the user about a failed request: the server's words plus what they can do about it. */
export function describeError(err: Error): string {
  if (err instanceof ApiError) {
    if (err.status === 0 || err.code.startsWith('HTTP_5') || err.status >= 500) return `The server had a problem (${err.message}). Try again; if it keeps failing, check the server log.`;
    if (err.status === 404) return `Not found: ${err.message}. It may not exist, or you may not have access to it.`;
    if (err.status === 403) return `Not allowed: ${err.message}. Ask an administrator for access.`;
    if (err.status === 400) return `The request was refused: ${err.message}. Check what you entered and try again.`;
    return `${err.message} (${err.code}).`;
  }
  return `Cannot reach the server (${err.message}). Check your connection and that Corvid is running, then try again.`;
}
