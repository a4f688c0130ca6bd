/** Input guards shared by the network algorithms: option checks that fail with CORVID_ERR_VALIDATION. */
import { ValidationError } from '../../errors.ts';

interface NumberRule {
  /** Smallest allowed value (inclusive unless `above`). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** The value must be strictly greater than `min`. */
  above?: boolean;
  integer?: boolean;
}

/**
 * Returns `value` if it is a finite number within the rule, else throws a ValidationError naming the option.
 * @example checkNumber('alpha', 0.85, { min: 0, max: 1, above: true })
 */
export function checkNumber(option: string, value: unknown, rule: NumberRule = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!rule.integer || Number.isInteger(value)) &&
    (rule.min === undefined || (rule.above ? value > rule.min : value >= rule.min)) &&
    (rule.max === undefined || value <= rule.max);
  if (!ok) throw new ValidationError('CORVID_ERR_VALIDATION', `invalid option ${option}: ${String(value)}`, { option, value: String(value), ...rule });
  return value;
}

/** Returns `value` if it is a boolean, else throws a ValidationError naming the option. */
export function checkBoolean(option: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new ValidationError('CORVID_ERR_VALIDATION', `invalid option ${option}: ${String(value)}`, { option, value: String(value) });
  return value;
}
