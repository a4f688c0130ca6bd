// The review queue: uncertain pairs best first, decided Same / Different / Unsure from the keyboard, with Undo of the last decision.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api.ts';
import { EmptyState, ErrorNotice, Placeholder, Status } from '../components/States.tsx';
import { formatPercent, plural } from '../format.ts';
import { PairView } from '../review/PairView.tsx';
import type { Judgement, ReviewItem, RunSummary } from '../types.ts';

const LIMIT = 200;
type Verdict = 'same' | 'different' | 'unsure';
const VERDICT_WORDS: Record<Verdict, string> = { same: 'the same', different: 'different', unsure: 'unsure' };

interface Decided {
  judgement: number;
  candidate: number;
  text: string;
}

/** Keys are shortcuts only when the user is not typing. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

export function ReviewPage() {
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [undoStack, setUndoStack] = useState<Decided[]>([]);
  const [reason, setReason] = useState('');
  const busyRef = useRef(false);

  const load = useCallback(async (select?: number): Promise<void> => {
    setError(null);
    try {
      const { items: next } = await api<{ items: ReviewItem[] }>('GET', `/resolve/review?limit=${LIMIT}`);
      setItems(next);
      const at = select === undefined ? -1 : next.findIndex((i) => i.candidate.id === select);
      setIndex((old) => (at >= 0 ? at : Math.min(old, Math.max(0, next.length - 1))));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    }
  }, []);

  useEffect(() => void load(), [load]);

  /** Runs one action at a time; a second key press while the first is on its way is ignored. */
  async function act(label: string, fn: () => Promise<void>): Promise<void> {
    if (busyRef.current) return;
    busyRef.current = true;
    setBusy(label);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  }

  const current = items?.[index] ?? null;

  const decide = (verdict: Verdict): Promise<void> =>
    act('Saving the decision…', async () => {
      if (!current || !items) return;
      const body = reason.trim() ? { verdict, reason: reason.trim() } : { verdict };
      const { judgement } = await api<{ judgement: Judgement }>('POST', `/resolve/review/${current.candidate.id}/decision`, body);
      const text = `Marked “${current.left.caption}” and “${current.right.caption}” as ${VERDICT_WORDS[verdict]}.`;
      setUndoStack((s) => [...s, { judgement: judgement.id, candidate: current.candidate.id, text }]);
      setItems(items.filter((i) => i.candidate.id !== current.candidate.id));
      setIndex((i) => Math.min(i, Math.max(0, items.length - 2)));
      setReason('');
      setMessage(text);
    });

  const undo = (): Promise<void> =>
    act('Undoing…', async () => {
      const last = undoStack[undoStack.length - 1];
      if (!last) return;
      await api('POST', '/resolve/undo', { judgement: last.judgement, reason: 'undone in the review queue' });
      setUndoStack((s) => s.slice(0, -1));
      await load(last.candidate);
      setMessage(`Undone: ${last.text.replace(/^Marked/, 'no longer marked')}`);
    });

  const runResolution = (): Promise<void> =>
    act('Running resolution… (this can take a minute on large data)', async () => {
      const s = await api<RunSummary>('POST', '/resolve/runs', {});
      setUndoStack([]);
      await load();
      setMessage(`Resolution run ${s.run} finished: ${plural(s.review, 'pair')} sent to review, ${plural(s.groups, 'merged group')}.`);
    });

  const onKey = useRef<(ev: KeyboardEvent) => void>(() => undefined);
  onKey.current = (ev: KeyboardEvent): void => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
    const n = items?.length ?? 0;
    const keys: Record<string, () => void> = {
      s: () => void decide('same'),
      d: () => void decide('different'),
      u: () => void decide('unsure'),
      j: () => setIndex((i) => Math.min(n - 1, i + 1)),
      k: () => setIndex((i) => Math.max(0, i - 1)),
      z: () => void undo(),
    };
    const fn = keys[ev.key];
    if (!fn) return;
    ev.preventDefault();
    fn();
  };
  useEffect(() => {
    const h = (ev: KeyboardEvent): void => onKey.current(ev);
    window.addEventListener('keydown', h);
    return () => window.removeEventListener('keydown', h);
  }, []);

  const last = undoStack[undoStack.length - 1];
  return (
    <div className="review-page">
      <div className="page-head">
        <h1>Review matches</h1>
        <button type="button" className="button" onClick={() => void runResolution()} disabled={busy !== null}>
          Run resolution now
        </button>
      </div>
      <Status busy={busy !== null}>
        {busy ?? message}
        {!busy && last ? (
          <>
            {' '}
            <button type="button" className="button button-quiet" onClick={() => void undo()}>
              Undo
            </button>
          </>
        ) : null}
      </Status>
      {error ? <ErrorNotice title="The review queue could not be updated." error={error} onRetry={() => void load()} /> : null}
      {items === null && !error ? <Placeholder lines={8} label="Loading the review queue" /> : null}
      {items && items.length === 0 ? (
        <EmptyState title="The review queue is empty.">
          <p>
            Run resolution: <code>corvid resolve run</code>, or the button here. Pairs it is unsure about will appear here for you to decide.
          </p>
          <button type="button" className="button button-primary" onClick={() => void runResolution()} disabled={busy !== null}>
            Run resolution
          </button>
        </EmptyState>
      ) : null}
      {items && items.length > 0 ? (
        <div className="review-layout">
          <nav className="queue" aria-label="Review queue">
            <h2 className="queue-count">{items.length >= LIMIT ? `${LIMIT}+ pairs to review` : `${plural(items.length, 'pair')} to review`}</h2>
            <ol>
              {items.map((it, i) => (
                <li key={it.candidate.id}>
                  <button type="button" className="queue-item" aria-current={i === index ? 'true' : undefined} onClick={() => setIndex(i)}>
                    <span>
                      {it.left.caption} ↔ {it.right.caption}
                    </span>
                    <span className="hint">{formatPercent(it.candidate.probability)}</span>
                  </button>
                </li>
              ))}
            </ol>
          </nav>
          {current ? (
            <section className="review-main" aria-label={`Pair ${index + 1} of ${items.length}`}>
              <h2 className="pair-title">
                Pair {index + 1} of {items.length}: are these the same?
              </h2>
              <PairView item={current} />
              <div className="decision">
                <div className="field field-inline">
                  <label htmlFor="review-reason">Reason (optional)</label>
                  <input id="review-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. born twelve years apart" />
                </div>
                <div className="decision-buttons" role="group" aria-label="Decision">
                  <button type="button" className="button button-same" onClick={() => void decide('same')} disabled={busy !== null} aria-keyshortcuts="s">
                    Same <kbd>s</kbd>
                  </button>
                  <button type="button" className="button button-different" onClick={() => void decide('different')} disabled={busy !== null} aria-keyshortcuts="d">
                    Different <kbd>d</kbd>
                  </button>
                  <button type="button" className="button" onClick={() => void decide('unsure')} disabled={busy !== null} aria-keyshortcuts="u">
                    Unsure <kbd>u</kbd>
                  </button>
                </div>
                <p className="hint">
                  Keys: <kbd>s</kbd> same, <kbd>d</kbd> different, <kbd>u</kbd> unsure, <kbd>j</kbd>/<kbd>k</kbd> next/previous pair, <kbd>z</kbd> undo the last decision.
                </p>
              </div>
            </section>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
