/**
 * Dutch police: victims' complaints (open to all investigators), the op-trident investigation file
 * (compartment op-trident) and an informant report (op-trident, TLP:RED, H3).
 */
import { formatPhone } from '../identifiers.ts';
import type { WPerson } from '../world.ts';
import { writeComplaints } from './complaints.ts';
import type { SourceContext, SourceFile } from './context.ts';
import { typo, writtenPhone } from './dirt.ts';
import { FtmOut } from './ftm-out.ts';

const DATASET = 'police-nl';

/** Renders the three police-nl files. */
export function renderPoliceNl(ctx: SourceContext): SourceFile[] {
  const rng = ctx.rng.fork('police-nl');
  const base = { dataset: DATASET, format: 'ftm' as const, grading: 'B2' as const, tlp: 'AMBER' as const, handling: 'H0' as const, defaultCountry: 'NL' };

  const complaints = new FtmOut(ctx, DATASET, 'police-nl/complaints.ftm.json');
  writeComplaints(ctx, complaints, rng.fork('complaints'), {
    countries: ['nl'],
    reportRate: 0.7,
    idPrefix: 'ANG-',
    fileCountry: 'NL',
    lang: 'nl',
    sloppy: false,
  });
  const files: SourceFile[] = [
    { ...base, path: complaints.file, title: 'Politie NL — aangiften beleggingsfraude (victim complaints)', compartment: '', records: complaints.close() },
  ];

  const trident = new FtmOut(ctx, DATASET, 'police-nl/op-trident.ftm.json');
  writeTrident(ctx, trident);
  files.push({
    ...base,
    path: trident.file,
    title: 'Politie NL — onderzoek Trident (investigation file)',
    compartment: 'op-trident',
    records: trident.close(),
  });

  const cie = new FtmOut(ctx, DATASET, 'police-nl/informant.ftm.json');
  writeInformant(ctx, cie);
  files.push({
    ...base,
    path: cie.file,
    title: "Politie NL — CIE informant report on Trident's leadership",
    grading: 'C3',
    tlp: 'RED',
    handling: 'H3',
    handlingNote: 'Informant reporting (CIE): not to be used as evidence or acted on without consulting the NL handler; protect the source.',
    compartment: 'op-trident',
    records: cie.close(),
  });
  return files;
}

function writeTrident(ctx: SourceContext, out: FtmOut): void {
  const rng = ctx.rng.fork('police-nl/trident');
  const { world, fraud, brokers } = ctx.story;
  const c = fraud.cast;
  let n = 0;
  const ids = new Map<string, string>();
  const subject = (p: WPerson, role: string, opts: { noBirth?: boolean } = {}): string => {
    const id = `TRD-P-${String(++n).padStart(3, '0')}`;
    ids.set(p.key, id);
    const addr = p.address.street ? out.address(`TRD-A-${String(n).padStart(3, '0')}`, p.address) : undefined;
    out.put(p.key, id, 'Person', {
      name: `${p.given} ${rng.chance(0.03) ? typo(rng, p.family) : p.family}`,
      firstName: p.given,
      lastName: p.family,
      alias: p.native ? `${p.native.given} ${p.native.family}` : undefined,
      birthDate: opts.noBirth ? undefined : p.birthDate,
      nationality: p.nationality,
      gender: p.gender,
      phone: p.phones.map((ph) => writtenPhone(rng, ph, 'NL', 0.5)),
      email: p.emails,
      passportNumber: p.nationality !== 'nl' ? p.passport : undefined,
      addressEntity: addr,
      topics: 'crime.fraud',
      notes: `verdachte — rol: ${role}`,
    });
    for (const a of p.accounts) out.account(`TRD-B-${a.slice(4)}`, world.account(a), id);
    return id;
  };
  subject(c.deputy, 'organisator');
  subject(c.organiser, 'organisator');
  subject(c.recruiter, 'werver geldezels');
  subject(c.itAds[2]!, 'IT en advertenties');
  subject(c.consolidators[0]!, 'doorsluizer');
  subject(c.consolidators[2]!, 'doorsluizer (via rechtshulpverzoek LT)');
  for (const m of c.mules) if (m.person.country === 'nl' || rng.chance(0.5)) subject(m.person, 'geldezel');
  subject(brokers.forger, 'documentvervalser', { noBirth: true });

  // "Abu Karim": known only by a nickname and a German number from the deputy's seized phone.
  out.put(brokers.collector.key, 'TRD-P-NN1', 'Person', {
    name: 'NN "Abu Karim"',
    weakAlias: 'Abu Karim',
    phone: formatPhone(brokers.collector.phones[0]!, 'international'),
    notes: 'onbekende man, wisselt crypto voor contant geld (Duisburg?)',
  });

  for (const [i, shell] of c.shells.entries()) {
    if (shell.country !== 'nl' && shell.country !== 'lt') continue;
    const cid = out.put(shell.key, `TRD-C-${i + 1}`, 'Company', {
      name: shell.name,
      registrationNumber: shell.regNumber,
      jurisdiction: shell.country,
      incorporationDate: shell.incorporated,
      sector: shell.sector,
      address: `${shell.address.street}, ${shell.address.postcode} ${shell.address.city}`,
      topics: 'corp.shell',
    });
    for (const [j, d] of shell.directors.entries()) {
      const did = ids.get(d);
      if (did)
        out.put(undefined, `TRD-D-${i + 1}-${j + 1}`, 'Directorship', { director: did, organization: cid, role: 'bestuurder', startDate: shell.incorporated });
    }
    for (const a of shell.accounts) out.account(`TRD-B-${a.slice(4)}`, world.account(a), cid);
  }

  const link = (a: string, b: string, relationship: string, k: number): void => {
    const x = ids.get(a);
    const y = ids.get(b);
    if (x && y) out.put(undefined, `TRD-L-${String(k).padStart(3, '0')}`, 'Associate', { person: x, associate: y, relationship });
  };
  link(c.deputy.key, c.organiser.key, 'zakenpartner', 1);
  link(c.organiser.key, c.recruiter.key, 'opdrachtgever', 2);
  for (const [i, m] of c.mules.entries()) link(c.recruiter.key, m.person.key, 'geworven als geldezel', 10 + i);

  const w = c.collectWallets[0]!;
  out.put(w.key, 'TRD-W-1', 'CryptoWallet', {
    publicKey: w.address,
    currencySymbol: w.currency,
    holder: ids.get(c.deputy.key),
    notes: 'adres aangetroffen op in beslag genomen telefoon',
  });
  for (const [i, p] of c.platforms.entries()) {
    out.put(p.key, `TRD-X-${i + 1}`, 'Organization', {
      name: p.name,
      website: p.domains.map((d) => `https://${d}/`),
      phone: p.phones.map((ph) => writtenPhone(rng, ph, 'NL')),
      email: p.email,
      topics: 'crime.fraud',
      notes: 'nep-beleggingsplatform',
    });
  }
}

function writeInformant(ctx: SourceContext, out: FtmOut): void {
  const { fraud, brokers } = ctx.story;
  const boss = fraud.cast.leader;
  const col = brokers.collector;
  out.put(boss.key, 'CIE-0417-P1', 'Person', {
    name: `${boss.given} ${boss.family}`,
    alias: [
      boss.native ? `${boss.native.given} ${boss.native.family}` : undefined,
      `${boss.givenVariants[1] ?? boss.given} ${boss.familyVariants[1] ?? boss.family}`,
    ],
    birthDate: boss.birthDate.slice(0, 4),
    nationality: boss.nationality,
    country: boss.country,
    phone: boss.phones[0],
    address: 'Dubai Marina, Dubai',
    notes: 'leidt het callcenter-netwerk vanuit Dubai; geeft opdrachten aan de Rotterdamse organisator',
  });
  out.put(col.key, 'CIE-0417-P2', 'Person', {
    name: `${col.given} ${col.familyVariants[0] ?? col.family}`,
    weakAlias: 'Abu Karim',
    phone: col.phones[0],
    address: `${col.address.city}, Duitsland`,
    notes: 'hawaladar; betaalt het netwerk contant uit tegen USDT',
  });
  out.put(undefined, 'CIE-0417-L1', 'UnknownLink', { subject: 'CIE-0417-P1', object: 'TRD-P-001', role: 'geeft leiding aan' });
  out.put(undefined, 'CIE-0417-L2', 'UnknownLink', { subject: 'CIE-0417-P2', object: 'TRD-P-001', role: 'wisselt USDT voor contant geld' });
}
