/** Makes companies, bank accounts and crypto wallets of the demo world. */
import { isoDay, STORY_START, DAY } from './clock.ts';
import { btcAddress, tronAddress } from './crypto-ids.ts';
import { BANKS, makeIban, makePhone } from './identifiers.ts';
import type { PersonFactory } from './people.ts';
import type { Rng } from './rng.ts';
import type { AccountRole, CompanyRole, NetworkKey, WAccount, WCompany, WWallet, World } from './world.ts';

const LEGAL_FORM: Record<string, string> = { nl: 'B.V.', de: 'GmbH', at: 'GmbH', lt: 'UAB', ro: 'S.R.L.', it: 'S.r.l.', sc: 'Ltd', ae: 'FZE', gb: 'Ltd' };
const NAME_A = [
  'Nordic',
  'Apex',
  'Blue Harbour',
  'Delta',
  'Trans',
  'Global',
  'Euro',
  'Prime',
  'Vertex',
  'Silverline',
  'Orion',
  'Baltic',
  'Meridian',
  'Crestway',
];
const NAME_B = ['Trading', 'Consulting', 'Logistics', 'Solutions', 'Holding', 'Media', 'Commerce', 'Ventures', 'Services', 'Import-Export'];

export interface CompanySpec {
  country: string;
  role: CompanyRole;
  sector: string;
  name?: string;
  network?: NetworkKey;
  /** Days after the story's start (negative: before it). */
  incorporatedDay?: number;
  website?: string;
  city?: string;
}

/** Company, account and wallet factory over one seeded stream. */
export class AssetFactory {
  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    private readonly people: PersonFactory,
  ) {}

  /** An invented trading-style name (`Apex Logistics`), as shell companies use. */
  inventedName(): string {
    return `${this.rng.pick(NAME_A)} ${this.rng.pick(NAME_B)}`;
  }

  company(spec: CompanySpec): WCompany {
    const rng = this.rng;
    const form = LEGAL_FORM[spec.country] ?? 'Ltd';
    const base = spec.name ?? this.inventedName();
    const name = spec.country === 'lt' ? `UAB "${base}"` : `${base} ${form}`;
    const key = this.world.nextKey('com');
    const company: WCompany = {
      key,
      name,
      legalForm: form,
      country: spec.country,
      regNumber: this.regNumber(spec.country),
      address: this.people.address(spec.country, spec.city),
      incorporated: isoDay(STORY_START + (spec.incorporatedDay ?? -rng.int(200, 6000)) * DAY),
      sector: spec.sector,
      role: spec.role,
      phones: BANKS[spec.country.toUpperCase()] ? [makePhone(rng, spec.country.toUpperCase())] : [],
      accounts: [],
      directors: [],
      ...(spec.network ? { network: spec.network } : {}),
      ...(spec.website ? { website: spec.website } : {}),
    };
    if (spec.website) company.email = `info@${new URL(spec.website).hostname.replace(/^www\./, '')}`;
    return this.world.addCompany(company);
  }

  private regNumber(country: string): string {
    const rng = this.rng;
    switch (country) {
      case 'nl':
        return rng.digits(8);
      case 'de':
        return `HRB ${rng.int(10000, 249999)}`;
      case 'lt':
        return `30${rng.digits(7)}`;
      case 'ro':
        return `J40/${rng.int(1000, 29999)}/${rng.int(2015, 2023)}`;
      case 'it':
        return rng.digits(11);
      default:
        return `${rng.int(100000, 999999)}`;
    }
  }

  /** A bank account held by a person or company, in `country` (falls back to DE for countries without banks here). */
  account(holder: string, country: string, role: AccountRole, openedDay?: number): WAccount {
    const cc = BANKS[country.toUpperCase()] ? country : 'de';
    const g = makeIban(this.rng, cc);
    const acc: WAccount = {
      key: this.world.nextKey('acc'),
      iban: g.iban,
      bic: g.bic,
      bankName: g.bankName,
      country: cc,
      holder,
      opened: isoDay(STORY_START + (openedDay ?? -this.rng.int(100, 4000)) * DAY),
      role,
    };
    this.world.addAccount(acc);
    if (this.world.isPerson(holder)) this.world.person(holder).accounts.push(acc.key);
    else this.world.company(holder).accounts.push(acc.key);
    return acc;
  }

  wallet(spec: Omit<WWallet, 'key' | 'address' | 'currency'>): WWallet {
    const w: WWallet = {
      key: this.world.nextKey('wal'),
      address: spec.chain === 'bitcoin' ? btcAddress(this.rng) : tronAddress(this.rng),
      currency: spec.chain === 'bitcoin' ? 'BTC' : 'USDT',
      ...spec,
    };
    this.world.addWallet(w);
    if (w.holder && this.world.isPerson(w.holder)) this.world.person(w.holder).wallets.push(w.key);
    return w;
  }
}
