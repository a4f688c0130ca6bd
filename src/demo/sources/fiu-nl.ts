/**
 * FIU-NL: every bank transfer of the story as the banks reported it (payer names as each bank prints them,
 * beneficiary names as the payer typed them, Dutch number format), and customer due diligence on the
 * holders of subject accounts. Transfers touching the collector's accounts are TLP:RED (analysis pending).
 */
import { writeFileSync } from 'node:fs';
import { isoTime } from '../clock.ts';
import type { WAccount, World } from '../world.ts';
import { outPath, type SourceContext, type SourceFile } from './context.ts';
import { addressLine, bankPrintedName } from './dirt.ts';
import { KYC_COMPANIES_MAPPING, KYC_PERSONS_MAPPING, TRANSACTIONS_MAPPING } from './mappings.ts';
import { CsvWriter } from './writer.ts';

const DATASET = 'fiu-nl';

/** Some banks write nationalities out in English (fixed here rather than from ICU, so output never varies by Node build). */
const COUNTRY_NAMES: Record<string, string> = {
  nl: 'Netherlands',
  de: 'Germany',
  it: 'Italy',
  ro: 'Romania',
  lt: 'Lithuania',
  sy: 'Syria',
  iq: 'Iraq',
  af: 'Afghanistan',
  ua: 'Ukraine',
  at: 'Austria',
  rs: 'Serbia',
};

/** `123456` cents → `1.234,56` (Dutch grouping and decimal comma). */
export function dutchAmount(cents: number): string {
  const whole = Math.floor(cents / 100);
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${grouped},${String(cents % 100).padStart(2, '0')}`;
}

function holderName(world: World, acc: WAccount): { given: string; family: string } | string {
  if (world.isPerson(acc.holder)) {
    const p = world.person(acc.holder);
    return { given: p.given, family: p.family };
  }
  return world.company(acc.holder).name;
}

/** Renders the transactions and the two due-diligence files with their mappings. */
export function renderFiuNl(ctx: SourceContext): SourceFile[] {
  const { world } = ctx.story;
  const rng = ctx.rng.fork('fiu-nl');
  const truth = ctx.truth;
  const base = { dataset: DATASET, format: 'csv' as const, grading: 'A2' as const, tlp: 'AMBER' as const, handling: 'H1' as const, compartment: '' };

  writeFileSync(outPath(ctx, 'fiu-nl/transactions.mapping.yml'), TRANSACTIONS_MAPPING);
  const file = 'fiu-nl/transactions.csv';
  const tx = new CsvWriter(outPath(ctx, file), [
    'txid',
    'booking_time',
    'amount',
    'currency',
    'payer_name',
    'payer_iban',
    'payer_bic',
    'beneficiary_name',
    'beneficiary_iban',
    'beneficiary_bic',
    'remittance_info',
    'tlp',
  ]);
  for (const p of world.payments) {
    const from = world.account(p.from);
    const to = world.account(p.to);
    const payerName = bankPrintedName(holderName(world, from), from.bic);
    const benName = p.payeeName ?? world.nameOf(to.holder);
    const red = from.role === 'collector' || to.role === 'collector';
    tx.row({
      txid: p.key,
      booking_time: isoTime(p.time),
      amount: dutchAmount(p.cents),
      currency: p.currency,
      payer_name: payerName,
      payer_iban: from.iban,
      payer_bic: from.bic,
      beneficiary_name: benName,
      beneficiary_iban: to.iban,
      beneficiary_bic: to.bic,
      remittance_info: p.purpose,
      tlp: red ? 'RED' : 'AMBER',
    });
    truth.add(p.key, { dataset: DATASET, file, entity: 'payment', keys: [p.key] });
    truth.add(from.key, { dataset: DATASET, file, entity: 'payer_account', keys: [from.iban] });
    truth.add(to.key, { dataset: DATASET, file, entity: 'beneficiary_account', keys: [to.iban] });
    truth.add(from.holder, { dataset: DATASET, file, entity: 'payer', keys: [from.iban, payerName] });
    truth.add(to.holder, { dataset: DATASET, file, entity: 'beneficiary', keys: [to.iban, benName] });
  }
  tx.close();
  const files: SourceFile[] = [
    {
      ...base,
      path: file,
      mapping: 'fiu-nl/transactions.mapping.yml',
      title: 'FIU-NL — reported bank transactions',
      records: tx.rows,
      handlingNote: "FIU intelligence: not to be used as evidence in judicial proceedings without FIU-NL's permission.",
    },
  ];

  // Due diligence on the holders of subject accounts (and half of the collector's counterparties).
  writeFileSync(outPath(ctx, 'fiu-nl/kyc-persons.mapping.yml'), KYC_PERSONS_MAPPING);
  const kycFile = 'fiu-nl/kyc-persons.csv';
  const kyc = new CsvWriter(outPath(ctx, kycFile), [
    'customer_id',
    'iban',
    'bic',
    'bank_name',
    'opened',
    'first_name',
    'last_name',
    'birth_date',
    'nationality',
    'street',
    'postcode',
    'city',
    'country',
    'id_document',
  ]);
  const subjects = world.accounts.filter((a) => ['mule', 'consolidator', 'collector'].includes(a.role) || (a.role === 'relative' && rng.chance(0.5)));
  for (const a of subjects) {
    const p = world.person(a.holder);
    const customer = `${a.bic.slice(0, 4)}-${rng.digits(8)}`;
    kyc.row({
      customer_id: customer,
      iban: a.iban,
      bic: a.bic,
      bank_name: a.bankName,
      opened: a.opened,
      first_name: p.given,
      last_name: p.family,
      birth_date: p.birthDate,
      nationality: rng.chance(0.8) ? p.nationality.toUpperCase() : (COUNTRY_NAMES[p.nationality] ?? p.nationality.toUpperCase()),
      street: p.address.street,
      postcode: p.address.postcode,
      city: p.address.city,
      country: p.address.country.toUpperCase(),
      id_document: p.passport,
    });
    truth.add(p.key, { dataset: DATASET, file: kycFile, entity: 'holder', keys: [customer] });
    truth.add(a.key, { dataset: DATASET, file: kycFile, entity: 'account', keys: [a.iban] });
  }
  kyc.close();
  files.push({ ...base, path: kycFile, mapping: 'fiu-nl/kyc-persons.mapping.yml', title: 'FIU-NL — customer due diligence, persons', records: kyc.rows });

  writeFileSync(outPath(ctx, 'fiu-nl/kyc-companies.mapping.yml'), KYC_COMPANIES_MAPPING);
  const coFile = 'fiu-nl/kyc-companies.csv';
  const co = new CsvWriter(outPath(ctx, coFile), [
    'customer_id',
    'iban',
    'bic',
    'bank_name',
    'opened',
    'company_name',
    'registration_number',
    'country',
    'address',
    'incorporation_date',
  ]);
  for (const a of world.accounts.filter((x) => x.role === 'shell' || x.role === 'onramp')) {
    const c = world.company(a.holder);
    const customer = `${a.bic.slice(0, 4)}-${rng.digits(8)}`;
    co.row({
      customer_id: customer,
      iban: a.iban,
      bic: a.bic,
      bank_name: a.bankName,
      opened: a.opened,
      company_name: c.name,
      registration_number: c.regNumber,
      country: c.country.toUpperCase(),
      address: addressLine(c.address),
      incorporation_date: c.incorporated,
    });
    truth.add(c.key, { dataset: DATASET, file: coFile, entity: 'holder', keys: [customer] });
    truth.add(a.key, { dataset: DATASET, file: coFile, entity: 'account', keys: [a.iban] });
  }
  co.close();
  files.push({ ...base, path: coFile, mapping: 'fiu-nl/kyc-companies.mapping.yml', title: 'FIU-NL — customer due diligence, companies', records: co.rows });
  return files;
}
