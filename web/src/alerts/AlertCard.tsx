// One alert in the queue: what was found (explanation, score, typology), its evidence, the verdict so far, and the actions.
import { hrefOf } from '../router.ts';
import type { Entity } from '../types.ts';
import { EntityRefs } from './EntityRefs.tsx';
import { ReviewForm } from './ReviewForm.tsx';
import type { AlertStatus, AlertView } from './types.ts';

const STATUS_WORDS: Record<AlertStatus, string> = { open: 'Open', confirmed: 'Confirmed', dismissed: 'Dismissed' };

export function AlertCard(props: { alert: AlertView; known: Record<string, Entity | null | undefined>; onReviewed: (updated: AlertView, verdict: AlertStatus) => void }) {
  const a = props.alert;
  return (
    <article className="alert-card" aria-label={a.name}>
      <h2>{a.name}</h2>
      <p className="alert-meta">
        <span className="alert-score">Score {a.score.toFixed(2)}</span>
        <span className="chip">{a.typology}</span>
        <span>detector {a.detector}</span>
        <span>raised {a.raisedAt.replace('T', ' ').slice(0, 16)}</span>
        <span className={`alert-status-${a.status}`}>{STATUS_WORDS[a.status]}</span>
      </p>
      <p>{a.explanation}</p>
      {a.status !== 'open' && (
        <p className="alert-verdict">
          <strong>{STATUS_WORDS[a.status]}:</strong> {a.reviewReason || '(no reason given)'}
        </p>
      )}
      <div className="alert-evidence">
        <EntityRefs title="Accounts" ids={a.accounts} known={props.known} />
        <EntityRefs title="Evidence transfers" ids={a.transfers} known={props.known} />
      </div>
      <p>
        <a className="button" href={hrefOf({ page: 'chart', add: [], alert: a.id })}>
          Show on chart
        </a>
      </p>
      <ReviewForm alert={a} onReviewed={props.onReviewed} />
    </article>
  );
}
