/**
 * German police: fraud complaints and the account holders behind the IBANs (German spellings, sloppy
 * dates and numbers), the smuggling investigation (apprehended migrants, the collector, drivers, safe
 * houses, observations) and the collector's seized hawala ledger (H2).
 */
import { isoDay, isoTime } from '../clock.ts';
import type { Rng } from '../rng.ts';
import type { WPerson } from '../world.ts';
import { writeComplaints } from './complaints.ts';
import type { SourceContext, SourceFile } from './context.ts';
import { germanSpelling, swapDayMonth, typo, writtenPhone } from './dirt.ts';
import { FtmOut } from './ftm-out.ts';

const DATASET = 'police-de';

/** Renders the three police-de files. */
export function renderPoliceDe(ctx: SourceContext): SourceFile[] {
  const rng = ctx.rng.fork('police-de');
  const base = {
    dataset: DATASET,
    format: 'ftm' as const,
    grading: 'B2' as const,
    tlp: 'AMBER' as const,
    handling: 'H0' as const,
    compartment: '',
    defaultCountry: 'DE',
  };

  const fraud = new FtmOut(ctx, DATASET, 'police-de/anzeigen.ftm.json');
  writeComplaints(ctx, fraud, rng.fork('complaints'), {
    countries: ['de', 'at'],
    reportRate: 0.6,
    idPrefix: 'ST-',
    fileCountry: 'DE',
    lang: 'de',
    sloppy: true,
  });
  writeFraudSuspects(ctx, fraud, rng.fork('suspects'));
  const files: SourceFile[] = [
    {
      ...base,
      path: fraud.file,
      title: 'Polizei DE — Strafanzeigen Anlagebetrug und Kontoinhaber (fraud complaints, account holders)',
      records: fraud.close(),
    },
  ];

  const smug = new FtmOut(ctx, DATASET, 'police-de/schleusung.ftm.json');
  writeSmuggling(ctx, smug, rng.fork('smuggling'));
  files.push({ ...base, path: smug.file, title: 'Polizei DE — EK Balkanroute (migrant smuggling investigation)', records: smug.close() });

  const ledger = new FtmOut(ctx, DATASET, 'police-de/hawala-ledger.ftm.json');
  writeLedger(ctx, ledger, rng.fork('ledger'));
  files.push({
    ...base,
    path: ledger.file,
    title: 'Polizei DE — sichergestelltes Hawala-Notizbuch (seized hawala ledger)',
    grading: 'B3',
    handling: 'H2',
    handlingNote: 'Seized ledger: not to be disseminated without the permission of the public prosecutor in Duisburg.',
    records: ledger.close(),
  });
  return files;
}

/** A person as a German record writes them: German spelling, sometimes `FAMILY, Given`, typos, missing or swapped dates. */
function dePerson(
  out: FtmOut,
  rng: Rng,
  p: WPerson,
  id: string,
  extra: Record<string, string | string[] | undefined> = {},
  opts: { birth?: 'full' | 'none' | 'jan1' } = {},
): string {
  const spelled = germanSpelling(rng, p);
  const family = rng.chance(0.08) ? typo(rng, spelled.family) : spelled.family;
  let birthDate: string | undefined = p.birthDate;
  if (opts.birth === 'none' || (opts.birth !== 'full' && rng.chance(0.2))) birthDate = undefined;
  else if (opts.birth === 'jan1') birthDate = `${p.birthDate.slice(0, 4)}-01-01`;
  else if (rng.chance(0.08)) birthDate = swapDayMonth(p.birthDate) ?? p.birthDate;
  return out.put(p.key, id, 'Person', {
    name: rng.chance(0.35) ? `${family.toUpperCase()}, ${spelled.given}` : `${spelled.given} ${family}`,
    firstName: spelled.given,
    lastName: family,
    birthDate,
    nationality: p.nationality,
    gender: p.gender,
    phone: p.phones.map((ph) => writtenPhone(rng, ph, 'DE')),
    address: p.address.street ? `${p.address.street}, ${p.address.postcode} ${p.address.city}` : undefined,
    ...extra,
  });
}

function writeFraudSuspects(ctx: SourceContext, out: FtmOut, rng: Rng): void {
  const { world, fraud } = ctx.story;
  const c = fraud.cast;
  let n = 0;
  const ids = new Map<string, string>();
  const holders = [...c.mules.map((m) => m.person).filter((p) => p.country === 'de'), ...c.consolidators.filter((p) => p.country === 'de')];
  for (const p of holders) {
    const id = dePerson(out, rng, p, `EV-P-${++n}`, { notes: 'Kontoinhaber (Finanzagent)', email: p.emails[0] });
    ids.set(p.key, id);
    for (const a of p.accounts) out.account(`EV-K-${a.slice(4)}`, world.account(a), id, { role: 'Kontoinhaber' });
  }
  const shell = c.shells.find((s) => s.country === 'de')!;
  const sid = out.put(shell.key, 'EV-F-1', 'Company', {
    name: shell.name,
    registrationNumber: shell.regNumber,
    jurisdiction: 'de',
    incorporationDate: shell.incorporated,
    address: `${shell.address.street}, ${shell.address.postcode} ${shell.address.city}`,
  });
  for (const [j, d] of shell.directors.entries()) {
    const did = ids.get(d);
    if (did)
      out.put(undefined, `EV-F-1-GF${j + 1}`, 'Directorship', { director: did, organization: sid, role: 'Geschäftsführer', startDate: shell.incorporated });
  }
  for (const a of shell.accounts) out.account(`EV-K-${a.slice(4)}`, world.account(a), sid);
  // The mules' statements name their Dutch-based handler, in German spelling and without a birth date.
  dePerson(out, rng, c.deputy, 'EV-P-OLEX', { notes: 'laut Aussage der Finanzagenten "Chef" in Rotterdam' }, { birth: 'none' });
}

function writeSmuggling(ctx: SourceContext, out: FtmOut, rng: Rng): void {
  const { world, smuggling: s, brokers: b, fraud } = ctx.story;
  const col = dePerson(out, rng, b.collector, 'BR-P-1', { email: b.collector.emails[0], notes: 'Geldeinsammler (Hawala), Duisburg' }, { birth: 'full' });
  for (const a of b.collector.accounts) out.account(`BR-K-${a.slice(4)}`, world.account(a), col);
  out.put(b.collectorWallet.key, 'BR-W-1', 'CryptoWallet', {
    publicKey: b.collectorWallet.address,
    currencySymbol: 'USDT',
    holder: col,
    notes: 'auf sichergestelltem Mobiltelefon gefunden',
  });
  const leader = s.leader;
  out.put(leader.key, 'BR-P-2', 'Person', {
    name: `${leader.given} ${leader.familyVariants[0] ?? leader.family}`,
    weakAlias: `Abu ${leader.given}`,
    phone: writtenPhone(rng, leader.phones[0]!, 'DE'),
    country: 'tr',
    notes: 'Kopf der Schleusergruppe, Istanbul',
  });
  const driverIds = new Map<string, string>();
  for (const [i, d] of [...s.drivers.slice(3), s.drivers[0]!].entries()) driverIds.set(d.key, dePerson(out, rng, d, `BR-P-D${i + 1}`, { notes: 'Fahrer' }));
  for (const [i, k] of s.keepers.entries()) {
    if (i === 0)
      out.put(k.key, 'BR-P-K1', 'Person', {
        name: k.given,
        phone: writtenPhone(rng, k.phones[0]!, 'DE'),
        notes: 'betreibt Unterkunft in Subotica (Vorname aus Chat bekannt)',
      });
    else dePerson(out, rng, k, `BR-P-K${i + 1}`, { notes: 'stellt Unterkunft (Safe House)' });
  }
  for (const [i, r] of s.recruiters.entries())
    out.put(r.key, `BR-P-R${i + 1}`, 'Person', {
      name: `${r.given} ${r.family}`,
      phone: writtenPhone(rng, r.phones[0]!, 'DE'),
      notes: 'Anwerber (Werbung in Messenger-Kanälen)',
    });
  dePerson(out, rng, b.forger, 'BR-P-F1', { notes: 'Dokumentenfälscher (gefälschte Pässe bei Geschleusten)' }, { birth: 'none' });

  let n = 0;
  for (const j of s.journeys) {
    if (!j.apprehended) continue;
    const mid = dePerson(out, rng, j.migrant, `BR-M-${++n}`, { notes: 'Geschleuste/r' }, { birth: rng.chance(0.5) ? 'jan1' : 'full' });
    const caught = rng.chance(0.3) ? driverIds.get(j.driverB.key) : undefined;
    out.put(undefined, `BR-E-${n}`, 'Event', {
      name: 'Aufgriff (apprehension)',
      date: isoTime(j.arrival),
      location: j.place,
      country: 'de',
      involved: [mid, caught],
    });
  }
  for (const [i, e] of world.events.entries()) {
    if (!e.involved.includes(b.collector.key)) continue;
    out.put(undefined, `BR-O-${i + 1}`, 'Event', {
      name: 'Observation: Treffen mit Übergabe einer Tasche',
      date: isoTime(e.time),
      location: e.place,
      country: e.country,
      involved: [col, e.involved.includes(fraud.cast.deputy.key) ? 'EV-P-OLEX' : undefined],
    });
  }
}

function writeLedger(ctx: SourceContext, out: FtmOut, rng: Rng): void {
  const b = ctx.story.brokers;
  const me = out.put(b.collector.key, 'HWL-P-0', 'Person', { name: 'Abu Karim', weakAlias: 'K.' });
  for (const [i, e] of ctx.story.smuggling.ledger.entries()) {
    const p = e.payer;
    const family = rng.chance(0.5) ? rng.pick([p.family, ...p.familyVariants]) : '';
    const payer = out.put(p.key, `HWL-P-${i + 1}`, 'Person', {
      name: `${p.given} ${family}`.trim(),
      address: rng.chance(0.6) ? p.address.city : undefined,
      alias: rng.chance(0.3) && p.native ? p.native.given : undefined,
    });
    out.put(undefined, `HWL-T-${i + 1}`, 'Payment', {
      payer,
      beneficiary: me,
      amount: String(e.amount),
      currency: e.currency,
      date: isoDay(e.time),
      purpose: `Code ${e.code} – ${e.migrant.given}`,
      namesMentioned: `${e.migrant.given} ${e.migrant.family}`,
    });
  }
}
