// A small bank ledger and three detector alerts for the money views' browser tests, written before the server starts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertInput } from '../../src/detect/alerts/alert-entity.ts';
import { saveAlerts } from '../../src/detect/alerts/alerts.ts';
import { systemContext } from '../../src/model/context.ts';
import { openStore } from '../../src/store/open.ts';
import { ROOT } from './harness.ts';

/** Entity ids in the store (dataset `bank`). */
export const ACCT = { victim: 'bank.acct-v', mule1: 'bank.acct-m1', mule2: 'bank.acct-m2', salary: 'bank.acct-z', exchange: 'bank.acct-x', shop: 'bank.acct-s' };
export const NAMES: Record<string, string> = {
  [ACCT.victim]: 'Victim account',
  [ACCT.mule1]: 'Mule one',
  [ACCT.mule2]: 'Mule two',
  [ACCT.salary]: 'Salary payer',
  [ACCT.exchange]: 'Example Exchange EUR account',
  [ACCT.shop]: 'Corner shop',
};

/**
 * Six EUR payments. Mule one holds 400.00 of clean salary before the victim's 1,000.00 arrives; FIFO spends the oldest
 * money first, so of the 700.00 it sends the exchange only 300.00 is the victim's, and the 300.00 to the shop is all his.
 */
export const PAYMENTS: [id: string, from: string, to: string, amount: string, date: string][] = [
  ['pay-0', 'acct-z', 'acct-m1', '400.00', '2023-12-31'],
  ['pay-1', 'acct-v', 'acct-m1', '1000.00', '2024-01-01'],
  ['pay-2', 'acct-v', 'acct-m2', '500.00', '2024-01-02'],
  ['pay-3', 'acct-m1', 'acct-x', '700.00', '2024-01-03'],
  ['pay-4', 'acct-m1', 'acct-s', '300.00', '2024-01-04'],
  ['pay-5', 'acct-m2', 'acct-x', '200.00', '2024-01-05'],
];

export const ALERTS: Record<'fanOut' | 'fanIn' | 'structuring', AlertInput> = {
  fanOut: {
    typology: 'fan-out',
    detector: 'fan-out',
    score: 0.92,
    explanation: 'Victim account paid 1,500.00 EUR to 2 accounts it had never paid before within 2 days.',
    accounts: [ACCT.victim, ACCT.mule1, ACCT.mule2],
    transfers: ['bank.pay-1', 'bank.pay-2'],
  },
  fanIn: {
    typology: 'fan-in',
    detector: 'fan-in',
    score: 0.71,
    explanation: 'The exchange account received 900.00 EUR from 2 accounts within 3 days.',
    accounts: [ACCT.mule1, ACCT.mule2, ACCT.exchange],
    transfers: ['bank.pay-3', 'bank.pay-5'],
  },
  structuring: {
    typology: 'structuring',
    detector: 'structuring',
    score: 0.35,
    explanation: 'Mule one paid 300.00 EUR, just under its usual threshold.',
    accounts: [ACCT.mule1, ACCT.shop],
    transfers: ['bank.pay-4'],
  },
};

/** Imports the ledger with `corvid import` (FtM JSON lines, dataset `bank`), then saves the alerts through the store. */
export async function seedMoney(dataDir: string): Promise<void> {
  const lines = Object.entries(NAMES).map(([id, name]) => {
    const properties: Record<string, string[]> = { name: [name], accountNumber: [`NL00BANK${id.slice(-2).toUpperCase()}`], currency: ['EUR'] };
    if (id === ACCT.exchange) Object.assign(properties, { tagCategory: ['exchange'], tagLabel: ['Example Exchange'] });
    return { id: id.replace(/^bank\./, ''), schema: 'BankAccount', properties };
  });
  for (const [id, from, to, amount, date] of PAYMENTS) {
    lines.push({ id, schema: 'Payment', properties: { payerAccount: [from], beneficiaryAccount: [to], amount: [amount], currency: ['EUR'], date: [date] } });
  }
  const file = join(dataDir, 'ledger.ftm.json');
  writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const imp = spawnSync(process.execPath, [join(ROOT, 'bin', 'corvid.mjs'), '--data', dataDir, 'import', file, '--dataset', 'bank', '--json'], { cwd: ROOT, encoding: 'utf8' });
  if (imp.status !== 0) throw new Error(`import failed: ${imp.stderr}`);
  const store = await openStore({ data: dataDir });
  try {
    await saveAlerts(systemContext(), store, Object.values(ALERTS), { compartment: '', tlp: 'AMBER' });
  } finally {
    await store.close();
  }
}
