// Formatting for analysts: property labels, dates, probabilities and weights in bits.

/**
 * A camelCase property name as a label.
 * @example propLabel('birthDate') // 'Birth date'
 */
export function propLabel(prop: string): string {
  const spaced = prop.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A store timestamp (`2025-03-01T10:00:00`) as date and minutes, in the user's locale-neutral ISO form. */
export function formatSeen(ts: string): string {
  if (!ts) return '—';
  return ts.replace('T', ' ').slice(0, 16);
}

/** A probability 0..1 as a percentage. */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  return `${(p * 100).toFixed(p >= 0.995 || p < 0.005 ? 1 : 0)} %`;
}

/** A log₂ Bayes factor with its sign: evidence for (+) or against (−). */
export function formatBits(w: number): string {
  if (!Number.isFinite(w)) return '—';
  const s = Math.abs(w).toFixed(2);
  return w > 0 ? `+${s} bits` : w < 0 ? `−${s} bits` : `${s} bits`;
}

/** "1 result", "3 results". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
