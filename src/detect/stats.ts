/** Tail probabilities of the null models the detectors score against, and the score they turn into. */

const LOG_FACT: number[] = [0];

/** ln(n!), exact sums up to 1,024 and Stirling's series beyond. */
export function logFactorial(n: number): number {
  if (n < 1024) {
    for (let i = LOG_FACT.length; i <= n; i++) LOG_FACT[i] = LOG_FACT[i - 1]! + Math.log(i);
    return LOG_FACT[n]!;
  }
  return n * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI * n) + 1 / (12 * n);
}

/** P(X ≥ k) for X ~ Poisson(mu). */
export function poissonTail(k: number, mu: number): number {
  if (k <= 0) return 1;
  if (mu <= 0) return 0;
  if (k <= mu) {
    let term = Math.exp(-mu);
    let lower = term;
    for (let i = 1; i < k; i++) lower += term *= mu / i;
    return Math.min(1, Math.max(0, 1 - lower));
  }
  let term = Math.exp(-mu + k * Math.log(mu) - logFactorial(k));
  let sum = term;
  for (let i = k + 1; i < k + 1000 && term > sum * 1e-12; i++) sum += term *= mu / i;
  return Math.min(1, sum);
}

/** P(X ≥ k) for X ~ Binomial(n, q). */
export function binomialTail(k: number, n: number, q: number): number {
  if (k <= 0) return 1;
  if (k > n || q <= 0) return 0;
  if (q >= 1) return 1;
  const lq = Math.log(q);
  const l1q = Math.log(1 - q);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    const t = Math.exp(logFactorial(n) - logFactorial(i) - logFactorial(n - i) + i * lq + (n - i) * l1q);
    sum += t;
    if (i > n * q && t < sum * 1e-12) break;
  }
  return Math.min(1, sum);
}

/**
 * The score every detector reports: 1 / (1 + E) with E = tests × p, the number of background
 * occurrences at least this extreme the null model expects across everything the detector looked at.
 * 0.5 = one expected by chance; 0.99 = one in a hundred ledgers.
 */
export function surpriseScore(p: number, tests: number): number {
  return 1 / (1 + Math.max(1, tests) * p);
}

/** As surpriseScore with ln p and ln tests, for searches whose candidate count overflows a double (choices of groups). */
export function surpriseScoreLog(logP: number, logTests: number): number {
  return 1 / (1 + Math.exp(Math.min(700, Math.max(0, logTests) + logP)));
}

/** ln C(n, k). */
export function logChoose(n: number, k: number): number {
  return k < 0 || k > n ? -Infinity : logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/** The expected count E behind a score, for explanations. */
export function expectedFromScore(score: number): number {
  return score > 0 ? 1 / score - 1 : Infinity;
}

/** The q-quantile of a typed array (copied and sorted; q in [0, 1]). */
export function quantile(values: ArrayLike<number>, q: number): number {
  const a = Float64Array.from(values).sort();
  if (a.length === 0) return 0;
  return a[Math.min(a.length - 1, Math.floor(q * a.length))]!;
}
