// Marks the words of a text that match the search words — exactly, by prefix, or with a typo or two, as fuzzy search does.
import type { ReactNode } from 'react';

/** Lower case without accents, so "Müller" matches "muller". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length] <= max;
}

/** Does a text word match one of the query words? */
export function wordMatches(word: string, terms: readonly string[]): boolean {
  const w = fold(word);
  return terms.some((t) => {
    if (w === t || (t.length >= 2 && w.startsWith(t))) return true;
    if (t.length < 4) return false;
    return within(w, t, t.length >= 8 ? 2 : 1);
  });
}

/** The words of a query, folded. */
export function queryTerms(query: string): string[] {
  return (fold(query).match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length > 0);
}

/**
 * The text with its matching words in `<mark>`.
 * @example <Highlight text="Mohammed Al-Ahmad" query="mohamed" />
 */
export function Highlight(props: { text: string; query: string }) {
  const terms = queryTerms(props.query);
  if (terms.length === 0) return <>{props.text}</>;
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of props.text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const at = m.index ?? 0;
    if (!wordMatches(m[0], terms)) continue;
    if (at > last) out.push(props.text.slice(last, at));
    out.push(<mark key={at}>{m[0]}</mark>);
    last = at + m[0].length;
  }
  if (last < props.text.length) out.push(props.text.slice(last));
  return <>{out}</>;
}
