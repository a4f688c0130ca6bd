/** Parameter resolution for detectors: defaults from the spec, each value checked (CORVID_ERR_VALIDATION). */
import { ValidationError } from '../errors.ts';
import type { ParamSpec, Params } from './types.ts';

/**
 * Fills defaults from `specs` and validates every given option against its spec; unknown options are refused.
 * @example resolveParams(FAN_IN_PARAMS, { windowDays: 5 }).windowDays // 5
 */
export function resolveParams(specs: readonly ParamSpec[], options: Partial<Params> = {}): Params {
  const out: Params = {};
  for (const key of Object.keys(options)) {
    if (!specs.some((s) => s.name === key)) throw new ValidationError('CORVID_ERR_VALIDATION', `unknown option ${key}`, { option: key });
  }
  for (const s of specs) {
    const v = options[s.name] ?? s.default;
    const ok =
      typeof v === 'number' &&
      Number.isFinite(v) &&
      (!s.integer || Number.isInteger(v)) &&
      (s.min === undefined || v >= s.min) &&
      (s.max === undefined || v <= s.max);
    if (!ok) throw new ValidationError('CORVID_ERR_VALIDATION', `invalid option ${s.name}: ${String(v)}`, { option: s.name, value: String(v) });
    out[s.name] = v;
  }
  return out;
}

/** The detectors' common parameter: findings scoring below it are not reported. */
export const MIN_SCORE: ParamSpec = {
  name: 'minScore',
  description: 'report findings with score ≥ this; 0.5 means the null model expects at most one such background occurrence in the whole ledger',
  default: 0.5,
  min: 0,
  max: 1,
};

export const DAY = 86_400;
