/**
 * Life on "Nexa", the online platform both networks misuse: sponsored fake-investment ads from accounts
 * sharing a VPN exit, mule job ads with a WhatsApp number, smuggling adverts in channels, direct messages,
 * and ordinary users' chatter.
 */
import type { Activity } from './activity.ts';
import type { Background } from './background.ts';
import { DAY, HOUR } from './clock.ts';
import type { FraudStory } from './fraud-activity.ts';
import { FRAUD_END, FRAUD_START } from './fraud-network.ts';
import { formatPhone } from './identifiers.ts';
import type { Rng } from './rng.ts';
import { SMUGGLING_END, SMUGGLING_START, type SmugglingStory } from './smuggling-network.ts';
import { CHATTER, INVESTMENT_ADS, JOB_ADS, MIGRANT_DMS, MULE_REPLIES, RECRUITER_DMS, SMUGGLING_ADS, fill, pickIn } from './texts.ts';
import { foldDiacritics } from './translit.ts';
import type { WPerson, WUserAccount } from './world.ts';

const AD_NAMES = [
  'Krypto Insider',
  'Finanz Tipps DE',
  'Beleggen Slim',
  'Crypto Daily NL',
  'Invest Smart EU',
  'Anna Müller Finanzen',
  'Markus Trading',
  'Sophie de Boer invest',
  'Trading Italia',
  'Rendite Report',
  'AI Profit Club',
];
const FIRST_OCTETS = [31, 37, 46, 77, 78, 80, 82, 84, 85, 87, 88, 89, 91, 93, 94, 95, 176, 178, 185, 188, 193, 194, 212, 213, 217];

/** A public-looking IPv4 address. */
export function ipv4(rng: Rng): string {
  return `${rng.pick(FIRST_OCTETS)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

/** Creates the platform's accounts and posts for both networks and the background. */
export function runOnline(act: Activity, rng: Rng, fraud: FraudStory, smuggling: SmugglingStory, background: Background, scale: number): void {
  const world = act.world;
  const g = Math.sqrt(scale);
  const handle = (s: string): string =>
    foldDiacritics(s, true)
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.|\.$/g, '');
  const account = (owner: WPerson, displayName: string, created: number, kind: string, extra: Partial<WUserAccount> = {}): WUserAccount => {
    const u: WUserAccount = {
      key: `${rng.int(10_000_000, 99_999_999)}`,
      username: `${handle(displayName)}${rng.int(1, 999)}`,
      displayName,
      ips: [ipv4(rng)],
      owner: owner.key,
      created,
      kind,
      ...extra,
    };
    while (world.userAccounts.some((x) => x.key === u.key)) u.key = `${rng.int(10_000_000, 99_999_999)}`;
    world.userAccounts.push(u);
    return u;
  };
  const c = fraud.cast;

  // Ads accounts: three per IT/ads operator, all behind the same two VPN exits; a few leak a home IP or real contact.
  const vpn = [ipv4(rng), ipv4(rng)];
  const adAccounts: WUserAccount[] = [];
  for (const [i, op] of c.itAds.entries()) {
    const home = ipv4(rng);
    for (let k = 0; k < 3; k++) {
      const u = account(op, AD_NAMES[(i * 3 + k) % AD_NAMES.length]!, FRAUD_START - rng.int(5, 40) * DAY, 'ads', {
        email: `${rng.pick(['promo', 'media', 'ads', 'growth'])}${rng.digits(4)}@proton.me`,
      });
      u.ips = [rng.pick(vpn), ...(k === 0 ? [home] : []), ...(rng.chance(0.5) ? [rng.pick(vpn)] : [])].filter((x, j, a) => a.indexOf(x) === j);
      if (k === 0 && op.emails[0]) u.email = op.emails[0];
      if (k === 1) u.phone = op.phones[0]!;
      adAccounts.push(u);
    }
  }
  // Some of the call centre use the platform privately, under their names in Cyrillic.
  for (const p of [c.manager, c.itAds[0]!, c.itAds[1]!, ...c.agents.filter(() => rng.chance(0.3))]) {
    if (p.native)
      account(p, `${p.native.given} ${p.native.family}`, FRAUD_START - rng.int(100, 1500) * DAY, 'personal', p.emails[0] ? { email: p.emails[0] } : {});
  }
  const span = (FRAUD_END - FRAUD_START) / c.platforms.length;
  for (const [i, p] of c.platforms.entries()) {
    for (let k = 0; k < Math.round(20 * g); k++) {
      const tpl = pickIn(rng, INVESTMENT_ADS, [rng.pick(['deu', 'deu', 'nld', 'eng', 'ita'])]);
      const url = `https://${rng.pick(p.domains)}/?utm_source=nexa&c=${rng.digits(5)}`;
      act.message({
        from: rng.pick(adAccounts).key,
        channel: 'sponsored',
        time: FRAUD_START + i * span + rng.float(-0.1, 1) * span,
        lang: tpl.lang,
        title: p.name,
        body: fill(tpl.text, { brand: p.name, pct: rng.int(15, 40), url }),
        kind: 'investment-ad',
        url,
      });
    }
  }

  // The mule recruiter's job ads and the mules who answered them.
  const recruiterPhone = formatPhone(c.recruiter.phones[0]!, 'international');
  const jobAccounts = [
    account(c.recruiter, 'Remote Jobs EU', FRAUD_START - 30 * DAY, 'jobs'),
    account(c.recruiter, 'Snel Geld Werk', FRAUD_START + 120 * DAY, 'jobs', { phone: c.recruiter.phones[0]! }),
  ];
  for (let k = 0; k < Math.round(25 * g); k++) {
    const tpl = pickIn(rng, JOB_ADS, [rng.pick(['nld', 'deu', 'eng', 'ron', 'ita'])]);
    const time = FRAUD_START + rng.float(0, FRAUD_END - FRAUD_START);
    act.message({
      from: jobAccounts[time < FRAUD_START + 120 * DAY ? 0 : rng.int(0, 1)]!.key,
      channel: 'jobs',
      time,
      lang: tpl.lang,
      body: fill(tpl.text, { fee: rng.pick([50, 75, 100, 150]), phone: recruiterPhone }),
      kind: 'job-ad',
      phone: c.recruiter.phones[0]!,
    });
  }
  for (const m of c.mules) {
    if (!rng.chance(0.4)) continue;
    const u = account(
      m.person,
      `${m.person.given} ${m.person.family.slice(0, 1)}.`,
      m.activeFrom - rng.int(200, 900) * DAY,
      'personal',
      m.person.emails[0] ? { email: m.person.emails[0] } : {},
    );
    const to = jobAccounts[0]!.key;
    const reply = pickIn(rng, MULE_REPLIES, [m.person.country === 'nl' ? 'nld' : m.person.country === 'de' ? 'deu' : 'eng']);
    const t = m.activeFrom - rng.int(15, 25) * DAY + rng.int(9 * 60, 23 * 60) * 60_000;
    act.message({ from: u.key, to, time: t, lang: reply.lang, body: reply.text, kind: 'dm' });
    act.message({
      from: to,
      to: u.key,
      time: t + rng.int(1, 6) * HOUR,
      lang: 'eng',
      body: `Great! Call me on WhatsApp ${recruiterPhone}. Have your IBAN and a photo of your ID ready.`,
      kind: 'dm',
      phone: c.recruiter.phones[0]!,
    });
  }

  // Smuggling recruiters' channels and their conversations with migrants.
  const channels = ['طريق أوروبا', 'Europe Road', 'Almanya Yolu'];
  const recruiterAccounts = new Map<string, WUserAccount[]>();
  for (const r of smuggling.recruiters) {
    const native = r.native ? `${r.native.given} ${r.native.family}` : r.given;
    const list = [account(r, native, SMUGGLING_START - rng.int(30, 200) * DAY, 'channel', { phone: r.phones[0]! })];
    if (rng.chance(0.7)) list.push(account(r, `${r.given} Travel`, SMUGGLING_START + rng.int(60, 200) * DAY, 'channel'));
    recruiterAccounts.set(r.key, list);
  }
  for (const [i, r] of smuggling.recruiters.entries()) {
    const list = recruiterAccounts.get(r.key)!;
    const langs = i === 2 ? ['prs', 'eng'] : ['ara', 'eng', 'tur'];
    for (let k = 0; k < Math.round(20 * g); k++) {
      const tpl = pickIn(rng, SMUGGLING_ADS, [rng.pick(langs)]);
      act.message({
        from: rng.pick(list).key,
        channel: channels[i]!,
        time: SMUGGLING_START + rng.float(0, SMUGGLING_END - SMUGGLING_START),
        lang: tpl.lang,
        body: fill(tpl.text, { price: rng.int(8, 17) * 500, days: rng.int(6, 14), phone: formatPhone(r.phones[0]!, 'international') }),
        kind: 'smuggling-ad',
        phone: r.phones[0]!,
      });
    }
  }
  for (const j of smuggling.journeys) {
    if (!rng.chance(0.7)) continue;
    const m = j.migrant;
    const name = m.native && rng.chance(0.6) ? `${m.native.given} ${m.native.family}` : `${m.given} ${m.family}`;
    const u = account(m, name, j.departure - rng.int(60, 400) * DAY, 'personal', rng.chance(0.5) ? { phone: m.phones[0]! } : {});
    const r = rng.pick(recruiterAccounts.get(j.recruiter.key)!);
    const langs = m.nationality === 'af' ? ['prs', 'eng'] : ['ara', 'eng'];
    const ask = pickIn(rng, MIGRANT_DMS, [rng.pick(langs)]);
    const t = j.departure - rng.int(10, 25) * DAY;
    act.message({ from: u.key, to: r.key, time: t, lang: ask.lang, body: ask.text, kind: 'dm' });
    const answer = pickIn(rng, RECRUITER_DMS, [ask.lang]);
    act.message({
      from: r.key,
      to: u.key,
      time: t + rng.int(1, 12) * HOUR,
      lang: answer.lang,
      body: fill(answer.text, { price: rng.int(8, 17) * 500, code: j.code }),
      kind: 'dm',
    });
  }

  // Ordinary users.
  const users = rng
    .sample(background.people, Math.round(60 * scale))
    .map((p) => account(p, `${p.given} ${p.family}`, Date.UTC(2019, 0, 1) + rng.int(0, 1800) * DAY, 'personal', p.emails[0] ? { email: p.emails[0] } : {}));
  for (let k = 0; k < Math.round(150 * scale); k++) {
    const u = rng.pick(users);
    const p = world.person(u.owner);
    const tpl = pickIn(rng, CHATTER, [
      p.country === 'nl' ? 'nld' : p.country === 'de' ? 'deu' : p.country === 'it' ? 'ita' : p.nationality === 'tr' ? 'tur' : 'eng',
    ]);
    act.message({
      from: u.key,
      channel: 'public',
      time: FRAUD_START + rng.float(-30, 450) * DAY,
      lang: tpl.lang,
      body: fill(tpl.text, { city: p.address.city }),
      kind: 'chatter',
    });
  }
}
