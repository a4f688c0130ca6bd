/**
 * Exact money: amounts are integers of a currency's smallest ledger unit (bigint), never binary floats.
 * Fiat keeps two digits below its ISO 4217 minor unit (EUR/USD: 4 decimals), so bank data with
 * fractions of a cent stays exact; crypto keeps its native unit (BTC satoshi, ETH wei).
 */

const CRYPTO_SCALE: Record<string, number> = {
  BTC: 8,
  BCH: 8,
  LTC: 8,
  DOGE: 8,
  DASH: 8,
  ZEC: 8,
  BSV: 8,
  ETH: 18,
  ETC: 18,
  BNB: 18,
  MATIC: 18,
  DAI: 18,
  XMR: 12,
  TRX: 6,
  USDT: 6,
  USDC: 6,
  XRP: 6,
  ADA: 6,
  SOL: 9,
};

const scales = new Map<string, number>();

/** Decimal places the ledger keeps for a currency code (case-insensitive). Unknown codes keep 8. */
export function currencyScale(code: string): number {
  const c = code.trim().toUpperCase();
  const known = scales.get(c);
  if (known !== undefined) return known;
  let s = CRYPTO_SCALE[c];
  if (s === undefined) {
    try {
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency: c }).resolvedOptions().maximumFractionDigits;
      s = /^[A-Z]{3}$/.test(c) && digits !== undefined ? digits + 2 : 8;
    } catch {
      s = 8;
    }
  }
  scales.set(c, s);
  return s;
}

export interface ParsedUnits {
  units: bigint;
  /** True when the text had more decimals than the scale and was rounded half to even. */
  rounded: boolean;
}

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,3}))?$/;

/**
 * Parses a decimal string ("1234.5", "-0.00012", "1e-8") into units of 10^-scale, exactly.
 * Returns null for anything that is not a finite decimal number.
 * @example parseUnits('0.1', 8) // { units: 10000000n, rounded: false }
 */
export function parseUnits(text: string, scale: number): ParsedUnits | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return null;
  const exp = m[4] ? Number(m[4]) : 0;
  let digits = (int + frac).replace(/^0+(?=\d)/, '');
  // value = digits × 10^(exp − frac.length); we want value × 10^scale
  let shift = scale + exp - frac.length;
  let rounded = false;
  if (shift < 0) {
    const cut = -shift;
    if (cut > digits.length + 1) {
      rounded = /[1-9]/.test(digits);
      digits = '0';
    } else {
      const keep = digits.slice(0, digits.length - cut) || '0';
      const dropped = digits.slice(digits.length - cut).padStart(cut, '0');
      let k = BigInt(keep);
      if (/[1-9]/.test(dropped)) {
        rounded = true;
        const half = '5'.padEnd(cut, '0');
        if (dropped > half || (dropped === half && k % 2n === 1n)) k += 1n;
      }
      digits = k.toString();
    }
    shift = 0;
  }
  let units = BigInt(digits) * 10n ** BigInt(shift);
  if (m[1] === '-') units = -units;
  return { units, rounded };
}

/**
 * Writes units of 10^-scale as a plain decimal string without trailing zeros.
 * @example formatUnits(150000000n, 8) // '1.5'
 */
export function formatUnits(units: bigint, scale: number): string {
  const neg = units < 0n;
  const s = (neg ? -units : units).toString().padStart(scale + 1, '0');
  const int = s.slice(0, s.length - scale);
  const frac = s.slice(s.length - scale).replace(/0+$/, '');
  return `${neg ? '-' : ''}${int}${frac ? `.${frac}` : ''}`;
}

/** a × num / den rounded half to even, for proportional (haircut) shares. */
export function mulDiv(a: bigint, num: bigint, den: bigint): bigint {
  if (den === 0n) return 0n;
  const p = a * num;
  const q = p / den;
  const r = p % den;
  const twice = (r < 0n ? -r : r) * 2n;
  const d = den < 0n ? -den : den;
  if (twice > d || (twice === d && q % 2n !== 0n)) return q + (p < 0n !== den < 0n ? -1n : 1n);
  return q;
}

/**
 * mulDiv on non-negative safe integers held as doubles, with the same result: exact in doubles while a × num stays
 * below 2^53 (`%` and an exactly divisible quotient are exact), through bigint beyond. The result is ≤ a when num ≤ den.
 * @example mulDivNumber(60, 50, 90) // 33 (33.33… rounded half to even)
 */
export function mulDivNumber(a: number, num: number, den: number): number {
  if (den === 0) return 0;
  const p = a * num;
  if (p > Number.MAX_SAFE_INTEGER) return Number(mulDiv(BigInt(a), BigInt(num), BigInt(den)));
  const r = p % den;
  const q = (p - r) / den;
  const twice = r * 2;
  return twice > den || (twice === den && q % 2 !== 0) ? q + 1 : q;
}
