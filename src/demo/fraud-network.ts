/**
 * The investment-fraud network ("Trident"): organisers (the leader abroad in Dubai), a call centre in Kyiv,
 * IT/ads people with fake crypto-investment brands, a mule recruiter, money mules, consolidators and
 * shell companies, the fiat on-ramp and the cash-out exchange with their wallets.
 */
import type { AssetFactory } from './assets.ts';
import { DAY, STORY_START } from './clock.ts';
import { makePhone } from './identifiers.ts';
import type { PersonFactory } from './people.ts';
import type { Rng } from './rng.ts';
import type { WAccount, WCompany, WPerson, WPlatform, WWallet, World } from './world.ts';

export const FRAUD_START = STORY_START + 21 * DAY;
export const FRAUD_END = STORY_START + 470 * DAY;

/** A phone line the call centre calls victims from; registered in a mule's name. */
export interface OutboundLine {
  number: string;
  agents: string[];
  registeredTo: string;
}

export interface MuleSlot {
  person: WPerson;
  account: WAccount;
  /** Where this mule forwards to (a consolidator's or a shell company's account). */
  forwardTo: string;
  activeFrom: number;
  activeTo: number;
}

export interface FraudCast {
  leader: WPerson;
  deputy: WPerson;
  organiser: WPerson;
  manager: WPerson;
  agents: WPerson[];
  itAds: WPerson[];
  recruiter: WPerson;
  mules: MuleSlot[];
  consolidators: WPerson[];
  shells: WCompany[];
  /** Second-level accounts: consolidators' and shell companies'. */
  level2: WAccount[];
  lines: OutboundLine[];
  platforms: WPlatform[];
  onramp: WCompany;
  onrampAccount: WAccount;
  onrampWallet: WWallet;
  exchange: WCompany;
  exchangeHot: WWallet;
  exchangeHotBtc: WWallet;
  /** Network wallets receiving from the on-ramp, then layering wallets. */
  collectWallets: WWallet[];
  layerWallets: WWallet[];
  depositWallets: WWallet[];
  leaderBtc: WWallet;
}

const BRANDS = [
  { name: 'BitVault Pro', domains: ['bitvault-pro.com', 'bitvaultpro.net', 'bitvault-pro-invest.com'] },
  { name: 'Quantum AI Trade', domains: ['quantum-ai-trade.io', 'quantumaitrade.online', 'quantum-ai-trades.com'] },
  { name: 'NordCapital Crypto', domains: ['nordcapital-crypto.com', 'nord-capital.pro'] },
];

/** Builds the fraud network's people, companies, accounts, wallets and brands (no activity yet). */
export function buildFraudNetwork(world: World, people: PersonFactory, assets: AssetFactory, rng: Rng, scale: number): FraudCast {
  const grow = Math.sqrt(scale);
  const net = { network: 'trident' as const };
  const leader = people.make({
    ...net,
    nationality: 'ua',
    residence: 'ae',
    city: 'Dubai',
    gender: 'male',
    age: [41, 48],
    role: 'leader',
    phones: ['AE', 'UA'],
    emails: 1,
  });
  const deputy = people.make({
    ...net,
    nationality: 'ua',
    residence: 'nl',
    city: 'Rotterdam',
    gender: 'male',
    age: [33, 39],
    role: 'organiser',
    phones: ['NL', 'UA'],
    emails: 1,
  });
  const organiser = people.make({ ...net, nationality: 'nl', city: 'Rotterdam', gender: 'male', age: [36, 50], role: 'organiser', phones: ['NL'], emails: 1 });
  const manager = people.make({ ...net, nationality: 'ua', city: 'Київ', age: [28, 40], role: 'call-centre manager', phones: ['UA'] });
  const agents = Array.from({ length: Math.round(12 * grow) }, (_, i) =>
    people.make({ ...net, nationality: i % 3 === 2 ? 'ru' : 'ua', residence: 'ua', city: 'Київ', age: [20, 34], role: 'call-centre agent', phones: ['UA'] }),
  );
  const itAds = [
    people.make({ ...net, nationality: 'ua', city: 'Львів', gender: 'male', age: [25, 35], role: 'IT and ads', phones: ['UA'], emails: 2 }),
    people.make({ ...net, nationality: 'ru', residence: 'ua', city: 'Київ', gender: 'male', age: [24, 32], role: 'IT and ads', phones: ['UA'], emails: 1 }),
    people.make({ ...net, nationality: 'nl', city: 'Utrecht', age: [23, 30], role: 'IT and ads', phones: ['NL'], emails: 1 }),
  ];
  const recruiter = people.make({
    ...net,
    nationality: 'ro',
    residence: 'nl',
    city: 'Rotterdam',
    age: [26, 34],
    role: 'mule recruiter',
    phones: ['NL', 'RO'],
    emails: 1,
  });

  // Consolidators and shell companies form the second layer; first-level mules forward to them.
  const consolidators = (['nl', 'de', 'lt', 'ro'] as const).map((c) =>
    people.make({ ...net, nationality: c, age: [24, 45], role: 'consolidator', phones: [c.toUpperCase()] }),
  );
  const level2: WAccount[] = consolidators.map((p) => assets.account(p.key, p.country, 'consolidator', rng.int(-200, 10)));
  const shells = (['nl', 'lt', 'ro', 'de'] as const).map((c, i) => {
    const shell = assets.company({
      ...net,
      country: c,
      role: 'shell',
      sector: rng.pick(['IT consulting', 'wholesale trade', 'marketing services']),
      incorporatedDay: rng.int(-300, 20),
    });
    const director = i === 0 ? organiser : (consolidators.find((p) => p.country === c) ?? consolidators[i]!);
    shell.directors.push(director.key);
    level2.push(assets.account(shell.key, c, 'shell', rng.int(-150, 25)));
    return shell;
  });
  shells[0]!.directors.push(deputy.key); // the deputy is co-director of the Dutch BV: a legal business structure he controls

  const muleCountries: readonly (readonly [string, number])[] = [
    ['nl', 7],
    ['de', 6],
    ['it', 4],
    ['ro', 3],
    ['lt', 2],
  ];
  const muleCount = Math.round(22 * grow);
  const span = FRAUD_END - FRAUD_START;
  const mules: MuleSlot[] = [];
  for (let i = 0; i < muleCount; i++) {
    const country = rng.weighted(muleCountries);
    const person = people.make({ ...net, nationality: country, age: [18, 27], role: 'money mule', phones: [country.toUpperCase()] });
    const activeFrom = FRAUD_START + Math.floor((i / muleCount) * span * 0.93) - rng.int(0, 10) * DAY;
    const account = assets.account(person.key, country, 'mule', Math.floor((activeFrom - STORY_START) / DAY) - rng.int(3, 30));
    const sameCountry = level2.filter((a) => a.country === country);
    const forwardTo = (sameCountry.length > 0 && rng.chance(0.6) ? rng.pick(sameCountry) : rng.pick(level2)).key;
    mules.push({ person, account, forwardTo, activeFrom: Math.max(FRAUD_START, activeFrom), activeTo: activeFrom + rng.int(35, 75) * DAY });
  }
  mules[mules.length - 1]!.activeTo = FRAUD_END + 5 * DAY;

  const lines: OutboundLine[] = [];
  const lineCountries = ['NL', 'NL', 'DE', 'DE', 'NL', 'DE', 'GB', 'NL', 'DE', 'GB'];
  for (const [i, c] of lineCountries.entries()) {
    const users = rng.sample(agents, rng.int(2, 4)).map((a) => a.key);
    const owner = mules[(i * 2) % mules.length]!.person.key;
    lines.push({ number: makePhone(rng, c), agents: users, registeredTo: owner });
  }
  for (const a of agents) if (!lines.some((l) => l.agents.includes(a.key))) rng.pick(lines).agents.push(a.key);

  const platforms: WPlatform[] = BRANDS.map((b, i) => {
    const p: WPlatform = {
      key: world.nextKey('plt'),
      name: b.name,
      domains: b.domains,
      phones: lines.filter((_, j) => j % BRANDS.length === i).map((l) => l.number),
      email: `support@${b.domains[0]}`,
    };
    world.platforms.push(p);
    return p;
  });

  const onramp = assets.company({
    country: 'lt',
    role: 'onramp',
    sector: 'virtual currency exchange',
    name: 'Coinbridge',
    website: 'https://coinbridge.lt/',
    city: 'Vilnius',
  });
  const onrampAccount = assets.account(onramp.key, 'lt', 'onramp');
  const onrampWallet = assets.wallet({ chain: 'tron', holder: onramp.key, exchange: 'Coinbridge', label: 'Coinbridge hot wallet', role: 'onramp-hot' });
  const exchange = assets.company({
    country: 'sc',
    role: 'exchange',
    sector: 'cryptocurrency exchange',
    name: 'Kryptex',
    website: 'https://kryptex.exchange/',
  });
  const exchangeHot = assets.wallet({ chain: 'tron', holder: exchange.key, exchange: 'Kryptex', label: 'Kryptex hot wallet (TRON)', role: 'exchange-hot' });
  const exchangeHotBtc = assets.wallet({
    chain: 'bitcoin',
    holder: exchange.key,
    exchange: 'Kryptex',
    label: 'Kryptex hot wallet (BTC)',
    role: 'exchange-hot',
  });
  const collectWallets = [
    assets.wallet({ chain: 'tron', holder: deputy.key, role: 'network' }),
    assets.wallet({ chain: 'tron', holder: itAds[0]!.key, role: 'network' }),
  ];
  const layerWallets = Array.from({ length: 3 }, () => assets.wallet({ chain: 'tron', holder: leader.key, role: 'network' }));
  // Deposit addresses at the cash-out exchange, opened with the identities of two mules and the deputy.
  const depositOwners = [deputy, mules[1]!.person, mules[3]!.person];
  const depositWallets = depositOwners.map((p) =>
    assets.wallet({ chain: 'tron', holder: p.key, exchange: 'Kryptex', label: 'Kryptex deposit address', role: 'exchange-deposit' }),
  );
  const leaderBtc = assets.wallet({ chain: 'bitcoin', holder: leader.key, role: 'network' });

  world.networks.push({
    key: 'trident',
    name: 'Trident investment-fraud network',
    crimeAreas: ['online fraud schemes', 'economic and financial crime (money laundering)'],
    members: [
      { key: leader.key, role: 'leader' },
      { key: deputy.key, role: 'organiser' },
      { key: organiser.key, role: 'organiser' },
      { key: manager.key, role: 'call-centre manager' },
      ...agents.map((a) => ({ key: a.key, role: 'call-centre agent' })),
      ...itAds.map((a) => ({ key: a.key, role: 'IT and ads' })),
      { key: recruiter.key, role: 'mule recruiter' },
      ...consolidators.map((a) => ({ key: a.key, role: 'consolidator' })),
      ...mules.map((m) => ({ key: m.person.key, role: 'money mule' })),
    ],
    leaders: [leader.key],
  });

  return {
    leader,
    deputy,
    organiser,
    manager,
    agents,
    itAds,
    recruiter,
    mules,
    consolidators,
    shells,
    level2,
    lines,
    platforms,
    onramp,
    onrampAccount,
    onrampWallet,
    exchange,
    exchangeHot,
    exchangeHotBtc,
    collectWallets,
    layerWallets,
    depositWallets,
    leaderBtc,
  };
}

/** The mule accounts active at `time` (the nearest ones when none is). */
export function activeMules(cast: FraudCast, time: number): MuleSlot[] {
  const active = cast.mules.filter((m) => m.activeFrom <= time && time < m.activeTo);
  if (active.length > 0) return active;
  const sorted = [...cast.mules].sort((a, b) => Math.abs(a.activeFrom - time) - Math.abs(b.activeFrom - time));
  return sorted.slice(0, 1);
}
