/**
 * How agencies get things slightly wrong: other romanisations, typos, swapped name order, day and month
 * swapped, missing birth dates, phones written nationally. Each helper is deterministic given the Rng.
 */
import { formatPhone, phoneCountry } from '../identifiers.ts';
import type { Rng } from '../rng.ts';
import { foldDiacritics } from '../translit.ts';
export { typo } from '../spelling.ts';
import type { WAddress, WPerson } from '../world.ts';

/** `1984-03-07` → `1984-07-03` when both could be a month; otherwise undefined. */
export function swapDayMonth(date: string): string | undefined {
  const [y, m, d] = date.split('-');
  if (!y || !m || !d || Number(d) > 12 || d === m) return undefined;
  return `${y}-${d}-${m}`;
}

/** A name as German authorities tend to write it: German transcription of Cyrillic, another romanisation of Arabic. */
export function germanSpelling(rng: Rng, p: WPerson): { given: string; family: string } {
  if (p.native?.script === 'Cyrl') return { given: p.givenVariants[0] ?? p.given, family: p.familyVariants[0] ?? p.family };
  if (p.native?.script === 'Arab') {
    return {
      given: rng.chance(0.6) ? rng.pick([p.given, ...p.givenVariants]) : p.given,
      family: rng.chance(0.6) ? rng.pick([p.family, ...p.familyVariants]) : p.family,
    };
  }
  return { given: p.given, family: rng.chance(0.1) ? foldDiacritics(p.family, true) : p.family };
}

/**
 * A phone number the way a source writes it: national when the number belongs to the file's country
 * (the importer's default country makes it E.164 again), otherwise with `00`, `+` and spaces, or E.164.
 */
export function writtenPhone(rng: Rng, e164: string, fileCountry: string, nationalShare = 0.6): string {
  if (phoneCountry(e164) === fileCountry.toUpperCase() && rng.chance(nationalShare)) return formatPhone(e164, 'national');
  return formatPhone(e164, rng.pick(['e164', 'international', 'zeros'] as const));
}

/** One line: `Street 1, 1234 AB City`. */
export function addressLine(a: WAddress): string {
  return [a.street, `${a.postcode} ${a.city}`.trim()].filter((x) => x).join(', ');
}

/** How a bank prints an account holder's name on statements; fixed per bank so the same account always reads alike. */
export function bankPrintedName(name: { given: string; family: string } | string, bic: string): string {
  if (typeof name === 'string') return bic.charCodeAt(0) % 2 === 0 ? name.toUpperCase() : name;
  const style = (bic.charCodeAt(1) + bic.charCodeAt(2)) % 3;
  const ascii = (s: string): string => foldDiacritics(s, false);
  if (style === 0) return `${ascii(name.family).toUpperCase()} ${ascii(name.given).slice(0, 1).toUpperCase()}`;
  if (style === 1) return `${name.given.slice(0, 1)}. ${name.family}`;
  return `${name.given} ${name.family}`;
}
