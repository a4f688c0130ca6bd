/** String similarity for comparisons: Jaro–Winkler and bounded Damerau–Levenshtein, allocation-free on the hot path. */

// Scratch buffers reused across calls: comparisons run tens of millions of times per resolution run,
// and per-call arrays would dominate the time. Names longer than the buffers fall back to fresh ones.
let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function scratch(n: number, m: number): void {
  if (n > flagsA.length) flagsA = new Uint8Array(n * 2);
  if (m > flagsB.length) flagsB = new Uint8Array(m * 2);
  flagsA.fill(0, 0, n);
  flagsB.fill(0, 0, m);
}

/**
 * Jaro similarity (Jaro 1989): matching characters within half the longer length, less half the
 * transpositions. 1 for equal strings, 0 when nothing matches or either is empty.
 */
export function jaro(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const n = a.length;
  const m = b.length;
  if (!n || !m) return 0;
  const window = Math.max(0, (Math.max(n, m) >> 1) - 1);
  scratch(n, m);
  let matches = 0;
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - window);
    const hi = Math.min(m - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = lo; j <= hi; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let k = 0;
  let half = 0;
  for (let i = 0; i < n; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) half++;
    k++;
  }
  const t = half / 2;
  return (matches / n + matches / m + (matches - t) / matches) / 3;
}

/**
 * Jaro–Winkler (Winkler 1990): Jaro boosted by a common prefix of up to four characters with scale
 * 0.1, the standard parameters (as in Splink and the Febrl reference implementation).
 * @example jaroWinkler('martha', 'marhta') // ≈ 0.961
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j === 0 || j === 1) return j;
  const limit = Math.min(4, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * An upper bound of `jaroWinkler(a, b)` in O(|a| + |b|): the characters of each that occur in the other
 * at all bound the matches, transpositions are taken as none, the common prefix is the real one. Lets a
 * comparison that only asks "at least t?" skip the quadratic part when the answer must be no.
 * @example jaroWinklerBound('thomas', 'muller') >= jaroWinkler('thomas', 'muller') // true
 */
export function jaroWinklerBound(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (!n || !m) return 0;
  let maskA = 0;
  let maskB = 0;
  for (let i = 0; i < n; i++) maskA |= 1 << (a.charCodeAt(i) & 31);
  for (let j = 0; j < m; j++) maskB |= 1 << (b.charCodeAt(j) & 31);
  let inB = 0;
  let inA = 0;
  for (let i = 0; i < n; i++) if (maskB & (1 << (a.charCodeAt(i) & 31))) inB++;
  for (let j = 0; j < m; j++) if (maskA & (1 << (b.charCodeAt(j) & 31))) inA++;
  const matches = Math.min(inA, inB);
  if (!matches) return 0;
  const j = (matches / n + matches / m + 1) / 3;
  const limit = Math.min(4, n, m);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  // A hair above, so rounding can never put the bound below the value it bounds.
  return j + prefix * 0.1 * (1 - j) + 1e-9;
}

let rowPrev2 = new Int32Array(64);
let rowPrev = new Int32Array(64);
let rowCur = new Int32Array(64);

/**
 * Optimal-string-alignment Damerau–Levenshtein distance (insertions, deletions, substitutions and
 * adjacent transpositions each cost 1), giving up early: returns `max + 1` as soon as the distance
 * must exceed `max`. Typos in identifiers and dates are mostly one such edit.
 * @example damerauLevenshtein('19710624', '19716024', 2) // 1 (a transposition)
 */
export function damerauLevenshtein(a: string, b: string, max = 2): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (!n || !m) return Math.max(n, m);
  if (m + 1 > rowCur.length) {
    rowPrev2 = new Int32Array(m * 2 + 2);
    rowPrev = new Int32Array(m * 2 + 2);
    rowCur = new Int32Array(m * 2 + 2);
  }
  for (let j = 0; j <= m; j++) rowPrev[j] = j;
  for (let i = 1; i <= n; i++) {
    rowCur[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(rowPrev[j] + 1, rowCur[j - 1] + 1, rowPrev[j - 1] + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, rowPrev2[j - 2] + 1);
      rowCur[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = rowPrev2;
    rowPrev2 = rowPrev;
    rowPrev = rowCur;
    rowCur = t;
  }
  return Math.min(rowPrev[m], max + 1);
}

/** `jaroWinkler(a, b) >= t`, computed in full only when the bound allows it. */
export function atLeast(a: string, b: string, t: number): boolean {
  return jaroWinklerBound(a, b) >= t && jaroWinkler(a, b) >= t;
}

let used = new Uint8Array(16);

/**
 * Soft token overlap of two token lists: tokens pair up greedily when equal or Jaro–Winkler ≥ `close`,
 * and the score is matched / size of the smaller list (an overlap coefficient tolerant of typos).
 * Used for addresses and company names, where words come in any order.
 */
export function softOverlap(a: readonly string[], b: readonly string[], close = 0.9): number {
  if (!a.length || !b.length) return 0;
  let matched = 0;
  if (used.length < b.length) used = new Uint8Array(b.length * 2);
  used.fill(0, 0, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    for (let j = 0; j < b.length; j++) {
      if (used[j]) continue;
      const y = b[j];
      if (x === y || (x.length > 2 && y.length > 2 && Math.abs(x.length - y.length) <= 2 && atLeast(x, y, close))) {
        used[j] = 1;
        matched++;
        break;
      }
    }
  }
  return matched / Math.min(a.length, b.length);
}
