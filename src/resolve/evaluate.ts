/**
 * Quality of a clustering against ground truth: pairwise precision/recall/F1 (every pair of records
 * put together), exact-cluster precision/recall/F1 (clusters reproduced exactly, singletons included)
 * and B-cubed (Bagga & Baldwin 1998; per-record overlap of predicted and true cluster).
 */

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export interface Quality {
  records: number;
  truePairs: number;
  predictedPairs: number;
  pairwise: Prf;
  clusters: Prf;
  bcubed: Prf;
}

function prf(precision: number, recall: number): Prf {
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function pairsIn(size: number): number {
  return (size * (size - 1)) / 2;
}

/**
 * Compares `predicted` (record → cluster label) with `truth` (record → true entity) over the records
 * of `truth`; a record missing from `predicted` is a singleton.
 * @example evaluate(new Map([['a', 1], ['b', 1]]), new Map([['a', 'x'], ['b', 'x']])).pairwise.f1 // 1
 */
export function evaluate(predicted: ReadonlyMap<string, string | number>, truth: ReadonlyMap<string, string | number>): Quality {
  const predSizes = new Map<string, number>();
  const trueSizes = new Map<string, number>();
  const both = new Map<string, { p: string; t: string; n: number }>();
  for (const [id, label] of truth) {
    const p = predicted.has(id) ? `p:${predicted.get(id)}` : `s:${id}`;
    const t = String(label);
    predSizes.set(p, (predSizes.get(p) ?? 0) + 1);
    trueSizes.set(t, (trueSizes.get(t) ?? 0) + 1);
    const k = `${p}\u0000${t}`;
    const cell = both.get(k);
    if (cell) cell.n++;
    else both.set(k, { p, t, n: 1 });
  }
  let predictedPairs = 0;
  for (const s of predSizes.values()) predictedPairs += pairsIn(s);
  let truePairs = 0;
  for (const s of trueSizes.values()) truePairs += pairsIn(s);
  let correct = 0;
  let exact = 0;
  let bp = 0;
  let br = 0;
  for (const { p, t, n } of both.values()) {
    const ps = predSizes.get(p) as number;
    const ts = trueSizes.get(t) as number;
    correct += pairsIn(n);
    // Exact clusters: a predicted cluster counts when it holds exactly one true entity's records, all of them.
    if (ps === n && ts === n) exact++;
    bp += (n * n) / ps;
    br += (n * n) / ts;
  }
  const n = truth.size;
  return {
    records: n, truePairs, predictedPairs,
    pairwise: prf(predictedPairs ? correct / predictedPairs : 1, truePairs ? correct / truePairs : 1),
    clusters: prf(exact / predSizes.size, exact / trueSizes.size),
    bcubed: prf(bp / n, br / n),
  };
}
