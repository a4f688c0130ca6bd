// The shared loading, error and empty states, so every page says the same things the same way.
import type { ReactNode } from 'react';
import { describeError } from '../useApi.ts';

/** A polite status line; it keeps its height whether or not there is something to say, so nothing jumps. */
export function Status(props: { busy: boolean; children?: ReactNode }) {
  return (
    <p className="status" role="status" aria-live="polite" aria-busy={props.busy}>
      {props.busy ? <span className="spinner" aria-hidden="true" /> : null}
      {props.children}
    </p>
  );
}

/** A failed request: what went wrong, what to do, and a way to try again. */
export function ErrorNotice(props: { error: Error; title?: string; onRetry?: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>
        <strong>{props.title ?? 'Something went wrong.'}</strong> {describeError(props.error)}
      </p>
      {props.onRetry ? (
        <button type="button" className="button" onClick={props.onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** Nothing to show, and why, with what to do next. */
export function EmptyState(props: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

/** A placeholder block of a given number of lines while the first answer is on its way. */
export function Placeholder(props: { lines?: number; label?: string }) {
  return (
    <div className="placeholder" aria-busy="true" aria-label={props.label ?? 'Loading'}>
      {Array.from({ length: props.lines ?? 4 }, (_, i) => (
        <div key={i} className="placeholder-line" />
      ))}
    </div>
  );
}
