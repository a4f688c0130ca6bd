// Exact decimal amounts as the API gives them ("12500.00"): shown with thousands separators and added without floats.

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * An amount string with thousands separators, digits exactly as given; anything that is not a plain decimal is shown as is.
 * @example formatAmount('1234567.50') // '1,234,567.50'
 */
export function formatAmount(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return amount;
  const [, sign, whole, frac] = m;
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign === '-' ? '−' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** An amount with its currency: "1,234.50 EUR". */
export function formatMoney(amount: string, currency: string): string {
  return currency ? `${formatAmount(amount)} ${currency}` : formatAmount(amount);
}

function parts(a: string): { units: bigint; scale: number } {
  const m = DECIMAL.exec(a.trim());
  if (!m) throw new RangeError(`not a decimal amount: ${a}`);
  const frac = m[3] ?? '';
  const units = BigInt(`${m[2]}${frac}`);
  return { units: m[1] === '-' ? -units : units, scale: frac.length };
}

/**
 * The exact sum of decimal amounts, with as many decimals as the most precise of them.
 * @example sumAmounts(['0.10', '0.2']) // '0.30'
 */
export function sumAmounts(amounts: readonly string[]): string {
  const ps = amounts.map(parts);
  const scale = Math.max(0, ...ps.map((p) => p.scale));
  let total = 0n;
  for (const p of ps) total += p.units * 10n ** BigInt(scale - p.scale);
  const neg = total < 0n;
  const digits = (neg ? -total : total).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale);
  return `${neg ? '-' : ''}${whole}${scale ? `.${frac}` : ''}`;
}

/** A float for drawing (link widths); never for display. */
export function amountValue(a: string): number {
  const n = Number(a);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
