/**
 * Innocent noise: ordinary people and firms, salaries, rent, shopping and calls among friends — including
 * the mules' and victims' normal lives and a few namesakes of suspects, so detection and resolution have
 * something to be wrong about.
 */
import type { Activity } from './activity.ts';
import type { AssetFactory } from './assets.ts';
import { DAY, STORY_END, STORY_START, atHour } from './clock.ts';
import type { FraudStory } from './fraud-activity.ts';
import type { PersonFactory } from './people.ts';
import type { Rng } from './rng.ts';
import type { SmugglingStory } from './smuggling-network.ts';
import type { WCompany, WPerson } from './world.ts';

export interface Background {
  people: WPerson[];
  companies: WCompany[];
}

const SHOP: Record<string, readonly string[]> = {
  nl: ['Bakkerij', 'Autobedrijf', 'Kapsalon', 'Fietsenwinkel', 'Slagerij'],
  de: ['Bäckerei', 'Autohaus', 'Friseur', 'Getränkemarkt', 'Apotheke'],
};
const SECTORS = ['logistics', 'retail', 'healthcare', 'construction', 'hospitality', 'software'];

/** Builds the background world and its everyday activity. */
export function runBackground(
  act: Activity,
  people: PersonFactory,
  assets: AssetFactory,
  rng: Rng,
  scale: number,
  fraud: FraudStory,
  smuggling: SmugglingStory,
): Background {
  const world = act.world;
  const bg: WPerson[] = [];
  const n = Math.round(220 * scale);
  for (let i = 0; i < n; i++) {
    const nat = rng.weighted([
      ['nl', 35],
      ['de', 35],
      ['it', 8],
      ['ro', 6],
      ['tr', 6],
      ['ua', 5],
      ['lt', 5],
    ] as const);
    const residence = ['nl', 'de', 'it'].includes(nat) || rng.chance(0.3) ? nat : rng.pick(['nl', 'de']);
    const p = people.make({ nationality: nat, residence, age: [18, 80], role: 'background' });
    assets.account(p.key, residence, 'background');
    bg.push(p);
  }

  // Namesakes: innocent people who share a suspect's name (one even the birth year).
  const c = fraud.cast;
  const originals = [
    c.organiser,
    c.mules.find((m) => m.person.country === 'nl')?.person,
    c.mules.find((m) => m.person.country === 'de')?.person,
    smuggling.drivers[5],
    c.consolidators[1],
  ];
  for (const [i, o] of originals.entries()) {
    if (!o) continue;
    const twin = people.make({ nationality: o.nationality, residence: o.country, gender: o.gender, age: [20, 70], role: 'background' });
    twin.given = o.given;
    twin.family = o.family;
    twin.givenVariants = [...o.givenVariants];
    twin.familyVariants = [...o.familyVariants];
    twin.emails = [];
    if (i === 0) twin.birthDate = `${o.birthDate.slice(0, 4)}${twin.birthDate.slice(4)}`;
    if (twin.birthDate === o.birthDate) twin.birthDate = `${o.birthDate.slice(0, 8)}${o.birthDate.slice(8) === '01' ? '02' : '01'}`;
    assets.account(twin.key, twin.country, 'background');
    bg.push(twin);
    world.namesakes.push([o.key, twin.key]);
  }

  const companies: WCompany[] = [];
  const owners = bg.filter((p) => p.country === 'nl' || p.country === 'de');
  const mk = (country: 'nl' | 'de', role: WCompany['role'], sector: string, name?: string): WCompany => {
    const co = assets.company({ country, role, sector, ...(name ? { name } : {}) });
    assets.account(co.key, country, 'background');
    companies.push(co);
    return co;
  };
  const cc = (): 'nl' | 'de' => (rng.chance(0.5) ? 'nl' : 'de');
  const employers = Array.from({ length: Math.round(15 * scale) }, () => mk(cc(), 'employer', rng.pick(SECTORS)));
  const shops = Array.from({ length: Math.round(20 * scale) }, () => {
    const country = cc();
    return mk(country, 'shop', 'retail', `${rng.pick(SHOP[country]!)} ${rng.pick(owners.filter((p) => p.country === country)).family}`);
  });
  const landlords = Array.from({ length: Math.round(10 * scale) }, () => {
    const country = cc();
    const local = owners.filter((p) => p.country === country);
    return mk(
      country,
      'landlord',
      'real estate',
      country === 'nl' ? `Woonstichting ${rng.pick(local).address.city}` : `Hausverwaltung ${rng.pick(local).family}`,
    );
  });
  for (const co of companies) if (co.role !== 'shop' && rng.chance(0.8)) co.directors.push(rng.pick(owners).key);

  const accountOf = (key: string): string => (world.isPerson(key) ? world.person(key).accounts[0]! : world.company(key).accounts[0]!);
  const month = (k: number): number => Date.UTC(2024, k, 1);
  const earners = [...bg.filter(() => rng.chance(0.45)), ...c.mules.filter(() => rng.chance(0.5)).map((m) => m.person)];
  for (const p of earners) {
    const employer = rng.pick(employers);
    const first = rng.int(0, 14);
    const salary = rng.int(1800, 4200) * 100;
    for (let k = first; k < first + 2; k++) {
      const label = new Date(month(k)).toISOString().slice(0, 7);
      act.pay(
        accountOf(employer.key),
        p.accounts[0]!,
        salary,
        atHour(month(k) + 24 * DAY, 6, rng.int(0, 59)),
        `${employer.country === 'nl' ? 'Salaris' : 'Gehalt'} ${label}`,
        'salary',
      );
    }
  }
  for (const p of bg.filter(() => rng.chance(0.3))) {
    const landlord = rng.pick(landlords);
    const rent = rng.int(600, 1400) * 100;
    const first = rng.int(0, 14);
    for (let k = first; k < first + 2; k++)
      act.pay(
        p.accounts[0]!,
        accountOf(landlord.key),
        rent,
        atHour(month(k), 7, rng.int(0, 59)),
        `${landlord.country === 'nl' ? 'Huur' : 'Miete'} ${new Date(month(k)).toISOString().slice(0, 7)}`,
        'rent',
      );
  }
  const span = STORY_END - STORY_START;
  const buyers = [...bg, ...fraud.cases.filter(() => rng.chance(0.3)).map((x) => x.victim)];
  for (let i = 0; i < Math.round(230 * scale); i++) {
    const shop = rng.pick(shops);
    act.pay(
      rng.pick(buyers).accounts[0]!,
      accountOf(shop.key),
      rng.logNormal(6000, 0.9),
      atHour(STORY_START + rng.float(0, span), rng.int(9, 19), rng.int(0, 59)),
      `${shop.name} ${rng.digits(6)}`,
      'purchase',
    );
  }

  // Friends and family: everyone with a normal life has a few contacts they call and sometimes pay.
  const social = [
    ...bg,
    ...c.mules.map((m) => m.person),
    ...c.consolidators,
    c.organiser,
    c.recruiter,
    ...fraud.cases.filter(() => rng.chance(0.3)).map((x) => x.victim),
    ...smuggling.relatives.filter((r) => r.country === 'de' || r.country === 'nl'),
  ];
  for (const p of social) {
    const local = bg.filter((b) => b.country === p.country && b.key !== p.key);
    const pool = local.length > 3 ? local : bg;
    const k = p.role === 'background' ? rng.int(1, 2) : 1;
    for (const friend of rng.sample(pool, k)) {
      act.callSeries(p.phones[0]!, friend.phones[0]!, rng.int(1, 2), STORY_START, STORY_END, 'social', 240);
      if (rng.chance(0.25) && p.accounts[0] && friend.accounts[0])
        act.pay(
          p.accounts[0]!,
          friend.accounts[0]!,
          rng.int(1, 50) * 1000,
          atHour(STORY_START + rng.float(0, span), rng.int(8, 22), rng.int(0, 59)),
          rng.pick(['Tikkie', 'Danke!', 'Geburtstag', 'etentje', 'concert tickets', 'Urlaub']),
          'p2p',
        );
    }
  }
  return { people: bg, companies };
}
