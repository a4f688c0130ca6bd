/** Human decisions on resolution: same / different / unsure on a pair or a review candidate, and undo. */
import type { Context } from '../model/context.ts';
import type { Entity } from '../model/statement.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Judgement, ReviewCandidate, Store, Verdict } from '../store/port.ts';
import { RUN_UNDO_PREFIX, scopeOf } from './run.ts';

export type DecideTarget = { candidate: number } | { left: string; right: string };

const VERDICTS: readonly Verdict[] = ['positive', 'negative', 'unsure'];

/** Accepts the words analysts use for verdicts: same/different/unsure as well as the stored names. */
export function parseVerdict(raw: string): Verdict {
  const v = raw.trim().toLowerCase();
  const mapped = v === 'same' || v === 'yes' ? 'positive' : v === 'different' || v === 'no' ? 'negative' : v;
  if (!VERDICTS.includes(mapped as Verdict)) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown verdict: ${raw} (same, different or unsure)`);
  return mapped as Verdict;
}

/**
 * Records a user's decision. On a review candidate, the candidate's score and explanation go with the
 * judgement and the candidate is closed. A negative decision is never overridden by automatic runs.
 * @example await decide(ctx, store, { candidate: 12 }, 'negative', 'Different fathers named in the files.');
 */
export async function decide(ctx: Context, store: Store, target: DecideTarget, verdict: Verdict, reason: string): Promise<Judgement> {
  let candidate: ReviewCandidate | null = null;
  let left: string;
  let right: string;
  if ('candidate' in target) {
    candidate = await store.getReviewCandidate(ctx, target.candidate);
    if (!candidate) throw new NotFoundError('review candidate', String(target.candidate));
    left = candidate.left;
    right = candidate.right;
  } else {
    left = target.left;
    right = target.right;
  }
  const seen = await store.getEntities(ctx, [left, right]);
  if (seen.length < 2 && left !== right) throw new NotFoundError('entity pair', `${left} ~ ${right}`);
  const judgement = await store.addJudgement(
    ctx,
    { left, right, verdict, by: 'user', rule: '', score: candidate?.probability ?? null, reason: reason || `Decided ${verdict} by ${ctx.actor}.`, explanation: candidate?.explanation ?? null, run: null },
    { action: 'resolve.judge', target: `${left} ~ ${right}`, detail: { verdict, reason, candidate: candidate?.id ?? null } },
  );
  if (candidate) await store.setReviewCandidateStatus(ctx, candidate.id, 'decided', judgement.id);
  else {
    for (const c of await store.listReviewCandidates(ctx, { status: 'open', entityId: left, limit: 10_000 })) {
      if (c.left === judgement.left && c.right === judgement.right) await store.setReviewCandidateStatus(ctx, c.id, 'decided', judgement.id);
    }
  }
  return judgement;
}

export type UndoTarget = { judgement: number } | { run: string };

export interface UndoResult {
  retracted: Judgement[];
  reopened: number;
  staled: number;
}

/**
 * Undoes one judgement or a whole run. The canonical view is derived from active judgements, so it
 * returns exactly to what it was without them. Undoing a run also withdraws the review candidates it
 * proposed and forgets what the run compared (the next run compares everything again); a single
 * judgement undone stays undone: the automatic pass will not merge that pair again but asks a human.
 */
export async function undo(ctx: Context, store: Store, target: UndoTarget, reason: string): Promise<UndoResult> {
  if ('run' in target) {
    const retracted = await store.retractJudgements(ctx, { run: target.run }, `${RUN_UNDO_PREFIX}${target.run}${reason ? `: ${reason}` : ''}`);
    let staled = 0;
    for (const c of await store.listReviewCandidates(ctx, { status: 'open', limit: 10_000 })) {
      if (c.run === target.run) {
        await store.setReviewCandidateStatus(ctx, c.id, 'stale', null);
        staled++;
      }
    }
    const scope = scopeOf(ctx);
    const ids: string[] = [];
    for await (const batch of store.iterateFingerprints(ctx, scope, 50_000)) for (const [id] of batch) ids.push(id);
    await store.deleteFingerprints(ctx, scope, ids);
    return { retracted, reopened: await reopenDecided(ctx, store, retracted), staled };
  }
  const retracted = await store.retractJudgements(ctx, { ids: [target.judgement] }, reason || `Undone by ${ctx.actor}.`);
  if (!retracted.length) {
    const exists = await store.listJudgements(ctx, { afterId: target.judgement - 1, limit: 1 });
    if (exists[0]?.id !== target.judgement) throw new NotFoundError('judgement', String(target.judgement));
  }
  return { retracted, reopened: await reopenDecided(ctx, store, retracted), staled: 0 };
}

/** Candidates decided by a retracted judgement go back into the queue. */
async function reopenDecided(ctx: Context, store: Store, retracted: readonly Judgement[]): Promise<number> {
  const ids = new Set(retracted.filter((j) => j.by === 'user').map((j) => j.id));
  let reopened = 0;
  for (const j of retracted) {
    if (!ids.has(j.id)) continue;
    for (const c of await store.listReviewCandidates(ctx, { status: 'decided', entityId: j.left, limit: 10_000 })) {
      if (c.judgement === j.id) {
        await store.setReviewCandidateStatus(ctx, c.id, 'open', null);
        reopened++;
      }
    }
  }
  return reopened;
}

export interface ReviewItem {
  candidate: ReviewCandidate;
  left: Entity;
  right: Entity;
}

/** The review queue with both records of each pair, side by side, best first. */
export async function reviewQueue(ctx: Context, store: Store, page: { limit?: number; offset?: number } = {}): Promise<ReviewItem[]> {
  const candidates = await store.listReviewCandidates(ctx, { status: 'open', limit: page.limit ?? 20, offset: page.offset ?? 0 });
  const entities = await store.getEntities(ctx, [...new Set(candidates.flatMap((c) => [c.left, c.right]))]);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const out: ReviewItem[] = [];
  for (const c of candidates) {
    const left = byId.get(c.left);
    const right = byId.get(c.right);
    if (left && right) out.push({ candidate: c, left, right });
  }
  return out;
}
