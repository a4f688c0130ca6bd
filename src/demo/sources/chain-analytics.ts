/**
 * Crypto sources: on-chain wallets and transfers (facts, A1), a chain-analytics vendor's attribution of
 * exchange wallets (the cash-out exchange tagged), and the exchanges' answers to production orders
 * (customer identities behind deposit addresses and on-ramp purchases; AMBER+STRICT, H2).
 */
import { isoTime } from '../clock.ts';
import { unitsToDecimal } from '../activity.ts';
import { USDT_TRC20_CONTRACT } from '../crypto-ids.ts';
import { formatPhone } from '../identifiers.ts';
import type { WWallet } from '../world.ts';
import type { SourceContext, SourceFile } from './context.ts';
import { addressLine } from './dirt.ts';
import { FtmOut } from './ftm-out.ts';

const DATASET = 'chain-analytics';
const wid = (w: WWallet): string => `wallet-${w.address}`;

/** Renders the three crypto files. */
export function renderChain(ctx: SourceContext): SourceFile[] {
  const { world, fraud } = ctx.story;
  const base = { dataset: DATASET, format: 'ftm' as const, compartment: '', handling: 'H0' as const, tlp: 'AMBER' as const };

  const chain = new FtmOut(ctx, DATASET, 'chain-analytics/transfers.ftm.json');
  const used = new Set<string>();
  for (const t of world.transfers) used.add(t.from).add(t.to);
  for (const w of world.wallets) if (used.has(w.key)) chain.put(w.key, wid(w), 'CryptoWallet', { publicKey: w.address, currencySymbol: w.currency });
  for (const t of world.transfers) {
    const id = chain.put(undefined, `tx-${t.key}`, 'CryptoTransfer', {
      transactionHash: t.key,
      chain: t.chain,
      blockNumber: t.block,
      date: isoTime(t.time),
      amount: unitsToDecimal(t.units, t.currency),
      currency: t.currency,
      token: t.currency === 'USDT' ? USDT_TRC20_CONTRACT : undefined,
      sender: wid(world.wallet(t.from)),
      receiver: wid(world.wallet(t.to)),
    });
    chain.note(t.key, id);
  }
  const files: SourceFile[] = [
    { ...base, path: chain.file, title: 'Chain analytics — wallets and transfers (TRON USDT, Bitcoin)', grading: 'A1', records: chain.close() },
  ];

  const attr = new FtmOut(ctx, DATASET, 'chain-analytics/attribution.ftm.json');
  const vasp = (name: string): string => `vasp-${name.toLowerCase().replace(/[^a-z]/g, '')}`;
  for (const c of world.companies.filter((x) => x.role === 'exchange' || x.role === 'onramp')) {
    attr.put(c.key, vasp(c.name), 'Company', { name: c.name, jurisdiction: c.country, website: c.website, sector: c.sector, topics: 'fin' });
  }
  for (const w of world.wallets.filter((x) => x.exchange && used.has(x.key))) {
    const owner = w.holder && !world.isPerson(w.holder) ? world.company(w.holder) : undefined;
    const isDeposit = w.role === 'exchange-deposit';
    attr.put(w.key, wid(w), 'CryptoWallet', {
      name: isDeposit ? `${w.exchange} deposit address` : w.label,
      mangingExchange: w.exchange,
      tagCategory: 'exchange',
      tagLabel: w.exchange,
      keywords: ['exchange', ...(w.exchange === 'Kryptex' ? ['cash-out', 'high-risk exchange'] : []), ...(isDeposit ? ['deposit address'] : [])],
      holder: owner ? vasp(owner.name) : undefined,
    });
  }
  files.push({ ...base, path: attr.file, title: 'Chain analytics — attribution of exchange wallets', grading: 'B2', records: attr.close() });

  const resp = new FtmOut(ctx, DATASET, 'chain-analytics/exchange-responses.ftm.json');
  for (const [i, w] of fraud.cast.depositWallets.entries()) {
    const p = world.person(w.holder!);
    const pid = resp.put(p.key, `kryptex-kyc-${i + 1}`, 'Person', {
      name: `${p.given} ${p.family}`,
      alias: p.native ? `${p.native.given} ${p.native.family}` : undefined,
      firstName: p.given,
      lastName: p.family,
      birthDate: p.birthDate,
      nationality: p.nationality,
      passportNumber: p.passport,
      email: p.emails[0],
      phone: formatPhone(p.phones[0]!, 'e164'),
      address: addressLine(p.address),
    });
    resp.put(w.key, wid(w), 'CryptoWallet', { holder: pid });
  }
  for (const [i, acc] of fraud.cast.level2.entries()) {
    const isPerson = world.isPerson(acc.holder);
    const name = world.nameOf(acc.holder);
    const cid = resp.put(
      acc.holder,
      `coinbridge-kyc-${i + 1}`,
      isPerson ? 'Person' : 'Company',
      isPerson ? { name, birthDate: world.person(acc.holder).birthDate } : { name, registrationNumber: world.company(acc.holder).regNumber },
    );
    resp.account(`coinbridge-iban-${i + 1}`, acc, cid, { role: 'funding account' });
    for (const [j, w] of fraud.cast.collectWallets.entries())
      resp.put(undefined, `coinbridge-link-${i + 1}-${j + 1}`, 'UnknownLink', { subject: cid, object: wid(w), role: 'USDT delivery address' });
  }
  for (const w of fraud.cast.collectWallets) resp.put(w.key, wid(w), 'CryptoWallet', { publicKey: w.address, currencySymbol: 'USDT' });
  files.push({
    ...base,
    path: resp.file,
    title: "Exchanges' answers to production orders (Kryptex, Coinbridge)",
    grading: 'A2',
    tlp: 'AMBER+STRICT',
    handling: 'H2',
    handlingNote: "Provided by the exchanges' compliance teams under production orders; no dissemination without their and the prosecutor's permission.",
    records: resp.close(),
  });
  return files;
}
