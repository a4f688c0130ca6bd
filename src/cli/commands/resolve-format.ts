/** How `corvid resolve …` prints for people: run summaries, the review queue side by side, judgements and groups. */
import type { RunSummary, GroupView } from '../../resolve/views.ts';
import type { ReviewItem, UndoResult } from '../../resolve/review.ts';
import type { JsonValue, Judgement, Verdict } from '../../store/port.ts';

const WORDS: Record<Verdict, string> = { positive: 'same', negative: 'different', unsure: 'unsure' };

/** The analyst's word for a verdict. */
export function verdictWord(v: Verdict): string {
  return WORDS[v];
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

function seconds(n: number): string {
  return n.toFixed(2);
}

export function formatRun(s: RunSummary): string {
  const lines = [
    `run ${s.run} (${s.incremental ? 'incremental' : 'full'})`,
    `  records ${s.records}, compared as new or changed ${s.changed}`,
    `  judgements written ${s.judgements} (identifier links ${s.identifierLinks}), review queue +${s.review}`,
    `  groups ${s.groups} (${s.grouped} entities)`,
  ];
  const fams = Object.entries(s.families);
  if (fams.length) {
    lines.push(`  ${'family'.padEnd(14)}${['records', 'pairs', 'merged', 'guard', 'size', 'negative'].map((h) => h.padStart(9)).join('')}`);
    for (const [name, f] of fams) {
      const cells = [f.records, f.candidatePairs, f.merged, f.refusedByGuard, f.refusedBySize, f.refusedByNegative];
      lines.push(`  ${name.padEnd(14)}${cells.map((c) => String(c).padStart(9)).join('')}`);
    }
    lines.push(
      '  (pairs: candidate pairs compared; guard, size, negative: merges refused by the cluster guard, the group size limit, a "different" judgement)',
    );
  }
  lines.push(`  seconds: load ${seconds(s.seconds.load)}, resolve ${seconds(s.seconds.resolve)}, write ${seconds(s.seconds.write)}`);
  return lines.join('\n');
}

interface Contribution {
  comparison: string;
  level: string;
  weight: number;
}

function isRecord(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The per-comparison evidence of a stored explanation, when it has some (identifier links carry a rule and value instead). */
export function contributionsOf(explanation: JsonValue): Contribution[] {
  if (!isRecord(explanation) || !Array.isArray(explanation.contributions)) return [];
  const out: Contribution[] = [];
  for (const c of explanation.contributions) {
    if (isRecord(c) && typeof c.comparison === 'string' && typeof c.level === 'string' && typeof c.weight === 'number') {
      out.push({ comparison: c.comparison, level: c.level, weight: c.weight });
    }
  }
  return out;
}

function signed(w: number): string {
  return `${w >= 0 ? '+' : '−'}${Math.abs(w).toFixed(2)}`;
}

/** One candidate: both records side by side, then the evidence in bits. */
function formatItem(item: ReviewItem): string {
  const { candidate: c, left, right } = item;
  const why = isRecord(c.explanation) && typeof c.explanation.why === 'string' ? `   (${c.explanation.why})` : '';
  const w = 40;
  const row = (label: string, a: string, b: string): string => `  ${label.padEnd(10)}${cut(a, w - 2).padEnd(w)}${cut(b, w - 2)}`;
  const lines = [
    `candidate ${c.id}   probability ${c.probability.toFixed(3)}   priority ${c.priority.toFixed(3)}${why}`,
    row('id', left.id, right.id),
    row('caption', left.caption, right.caption),
    row('schema', left.schema, right.schema),
    row('datasets', left.datasets.join(', '), right.datasets.join(', ')),
  ];
  const contributions = contributionsOf(c.explanation);
  if (contributions.length) {
    lines.push('  evidence (bits; + for the same, − against):');
    // Comparisons with nothing to compare weigh nothing: one line for all of them.
    const absent = contributions.filter((k) => k.level === 'missing' && k.weight === 0);
    for (const k of contributions) if (!absent.includes(k)) lines.push(`    ${k.comparison.padEnd(20)}${k.level.padEnd(22)}${signed(k.weight).padStart(8)}`);
    const e = isRecord(c.explanation) ? c.explanation : {};
    if (typeof e.prior === 'number' && typeof e.weight === 'number')
      lines.push(`    ${'prior'.padEnd(42)}${signed(e.prior).padStart(8)}   total ${signed(e.weight)}`);
    if (absent.length) lines.push(`    not compared (missing on a side): ${absent.map((k) => k.comparison).join(', ')}`);
  }
  return lines.join('\n');
}

export function formatReview(items: readonly ReviewItem[]): string {
  if (!items.length) return 'no open review candidates';
  return `${items.map(formatItem).join('\n\n')}\n\ndecide with: corvid resolve review --decide ID same|different|unsure --reason TEXT`;
}

/** One judgement on one line: id, verdict, pair, who, how sure, and why. */
export function formatJudgement(j: Judgement): string {
  const how = j.by === 'rule' ? `rule ${j.rule}` : 'user decision';
  const score = j.score === null ? '' : `  score ${j.score.toFixed(3)}`;
  const run = j.run ? `  run ${j.run}` : '';
  const undone = j.retractedAt ? `  [undone ${j.retractedAt} by ${j.retractedBy}: ${j.retractReason}]` : '';
  return `#${j.id}  ${verdictWord(j.verdict).padEnd(9)} ${j.left} ~ ${j.right}  ${how} by ${j.actor}${score}${run}  ${j.createdAt}  "${j.reason}"${undone}`;
}

export function formatJudgements(list: readonly Judgement[]): string {
  return list.length ? list.map(formatJudgement).join('\n') : 'no judgements';
}

export function formatUndo(r: UndoResult): string {
  const lines = [`retracted ${r.retracted.length} judgement${r.retracted.length === 1 ? '' : 's'}`];
  for (const j of r.retracted) lines.push(`  ${formatJudgement(j)}`);
  if (r.reopened) lines.push(`reopened ${r.reopened} review candidate${r.reopened === 1 ? '' : 's'} those decisions had closed`);
  if (r.staled) lines.push(`withdrew ${r.staled} open review candidate${r.staled === 1 ? '' : 's'} the run had proposed`);
  return lines.join('\n');
}

export function formatGroup(g: GroupView): string {
  if (!g.canonical) return `${g.entity} is not merged with another entity`;
  const lines = [`${g.entity} belongs to canonical entity ${g.canonical} (${g.members.length} members you can see)`, 'members:'];
  for (const m of g.members) lines.push(`  ${m.id.padEnd(36)} ${m.schema.padEnd(14)} ${cut(m.caption, 40).padEnd(42)} [${m.datasets.join(', ')}]`);
  lines.push('held together by:');
  for (const j of g.judgements) lines.push(`  ${formatJudgement(j)}`);
  return lines.join('\n');
}
