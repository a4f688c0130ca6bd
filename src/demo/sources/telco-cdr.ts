/**
 * Telecom data under production orders: each operator's call-detail records (its own numbers written
 * nationally, foreign ones with 00; a call between a Dutch and a German number is in both files) and the
 * subscriber data returned for the target numbers.
 */
import { writeFileSync } from 'node:fs';
import { isoDay, spaceTime } from '../clock.ts';
import { formatPhone, phoneCountry } from '../identifiers.ts';
import type { WPerson } from '../world.ts';
import { outPath, type SourceContext, type SourceFile } from './context.ts';
import { SUBSCRIBERS_MAPPING, cdrMapping } from './mappings.ts';
import { CsvWriter } from './writer.ts';

const DATASET = 'telco-cdr';

/** How a CDR writes a number: domestic national digits, foreign `00…`. */
function cdrNumber(e164: string, home: string): string {
  return phoneCountry(e164) === home ? formatPhone(e164, 'national').replace(/\D/g, '') : formatPhone(e164, 'zeros');
}

/** Renders both operators' CDRs and the subscriber file with their mappings. */
export function renderTelco(ctx: SourceContext): SourceFile[] {
  const { world, fraud, brokers } = ctx.story;
  const rng = ctx.rng.fork('telco');
  const base = { dataset: DATASET, format: 'csv' as const, grading: 'A1' as const, tlp: 'AMBER' as const, handling: 'H0' as const, compartment: '' };
  const files: SourceFile[] = [];
  for (const [home, operator] of [
    ['NL', 'operator-nl'],
    ['DE', 'operator-de'],
  ] as const) {
    const file = `telco-cdr/${operator}.csv`;
    const mapping = `telco-cdr/${operator}.mapping.yml`;
    writeFileSync(outPath(ctx, mapping), cdrMapping(operator));
    const out = new CsvWriter(outPath(ctx, file), ['record_id', 'a_number', 'b_number', 'start_time', 'duration_s']);
    const prefix = home === 'NL' ? 'NLX' : 'DEV';
    for (const c of world.calls) {
      if (phoneCountry(c.from) !== home && phoneCountry(c.to) !== home) continue;
      out.row({
        record_id: `${prefix}${c.key.slice(1)}`,
        a_number: cdrNumber(c.from, home),
        b_number: cdrNumber(c.to, home),
        start_time: spaceTime(c.time),
        duration_s: c.duration,
      });
    }
    out.close();
    files.push({ ...base, path: file, mapping, title: `Telco — call-detail records, ${operator}`, defaultCountry: home, records: out.rows });
  }

  // Subscribers of the target numbers: network members, the call-centre lines (in mules' names), some others.
  const targets = new Map<string, WPerson>();
  for (const p of world.people) {
    const isTarget = p.network !== undefined || p.key === brokers.collector.key || p.key === brokers.forger.key;
    for (const ph of p.phones) if (isTarget || rng.chance(p.role === 'relative' ? 0.3 : 0.1)) targets.set(ph, p);
  }
  for (const line of fraud.cast.lines) targets.set(line.number, world.person(line.registeredTo));
  writeFileSync(outPath(ctx, 'telco-cdr/subscribers.mapping.yml'), SUBSCRIBERS_MAPPING);
  const subFile = 'telco-cdr/subscribers.csv';
  const sub = new CsvWriter(outPath(ctx, subFile), [
    'msisdn',
    'first_name',
    'last_name',
    'birth_date',
    'street',
    'postcode',
    'city',
    'activation_date',
    'operator',
  ]);
  const numbers = [...targets.keys()].filter((n) => ['NL', 'DE'].includes(phoneCountry(n))).sort();
  for (const msisdn of numbers) {
    const p = targets.get(msisdn)!;
    const prepaid = p.network !== undefined && p.phones.includes(msisdn) && rng.chance(0.25); // anonymous prepaid: only the number is known
    sub.row({
      msisdn,
      first_name: prepaid ? undefined : p.given,
      last_name: prepaid ? undefined : p.family,
      birth_date: prepaid ? undefined : p.birthDate,
      street: prepaid ? undefined : p.address.street,
      postcode: prepaid ? undefined : p.address.postcode,
      city: prepaid ? undefined : p.address.city,
      activation_date: isoDay(Date.UTC(2019, 0, 1) + rng.int(0, 1800) * 86_400_000),
      operator: phoneCountry(msisdn) === 'NL' ? 'operator-nl' : 'operator-de',
    });
    ctx.truth.add(p.key, { dataset: DATASET, file: subFile, entity: 'subscriber', keys: [msisdn] });
  }
  sub.close();
  files.push({ ...base, path: subFile, mapping: 'telco-cdr/subscribers.mapping.yml', title: 'Telco — subscriber data for target numbers', records: sub.rows });
  return files;
}
