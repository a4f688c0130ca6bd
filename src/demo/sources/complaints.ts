/**
 * Victims' complaints (aangiften, Strafanzeigen) as police record them: the victim, their account, the
 * brand and number that called them, and the payments they remember — with the mule's IBAN and name as
 * it stood on their transfer order.
 */
import { isoDay } from '../clock.ts';
import type { Rng } from '../rng.ts';
import type { WPerson } from '../world.ts';
import type { SourceContext } from './context.ts';
import { swapDayMonth, typo, writtenPhone } from './dirt.ts';
import type { FtmOut } from './ftm-out.ts';

export interface ComplaintStyle {
  /** Victims living in these countries report here. */
  countries: readonly string[];
  reportRate: number;
  idPrefix: string;
  fileCountry: string;
  lang: 'nl' | 'de';
  /** German records: inline addresses, sloppier names and dates. */
  sloppy: boolean;
}

const WORDS = {
  nl: { victimOf: 'slachtoffer van', first: 'eerste contact (telefonisch)', why: 'beleggingsfraude (crypto)' },
  de: { victimOf: 'Geschädigte/r von', first: 'Erstkontakt (Anruf)', why: 'Anlagebetrug (Krypto)' },
};

/** Writes the complaints of the victims that fit the style; returns how many were written. */
export function writeComplaints(ctx: SourceContext, out: FtmOut, rng: Rng, style: ComplaintStyle): number {
  const words = WORDS[style.lang];
  let n = 0;
  const used = new Set<string>();
  for (const c of ctx.story.fraud.cases) {
    if (!style.countries.includes(c.victim.country) || !rng.chance(style.reportRate)) continue;
    n++;
    const last = c.payments[c.payments.length - 1]!;
    let cno = '';
    while (cno === '' || used.has(cno)) cno = `${style.idPrefix}${isoDay(last.time).slice(0, 4)}-${rng.digits(6)}`;
    used.add(cno);
    const v = c.victim;
    const pid = writeVictim(out, rng, style, v, cno);
    out.account(`${cno}-B0`, ctx.story.world.account(v.accounts[0]!), pid, { grouped: rng.chance(0.5) });
    const brand = rng.chance(0.15) ? c.platform.name.toLowerCase() : c.platform.name;
    const orgId = out.put(c.platform.key, `${cno}-X`, 'Organization', {
      name: brand,
      website: rng.chance(0.8) ? `https://${rng.pick(c.platform.domains)}/` : undefined,
      phone: writtenPhone(rng, c.line.number, style.fileCountry),
      email: rng.chance(0.5) ? c.platform.email : undefined,
      notes: words.why,
    });
    out.put(undefined, `${cno}-L`, 'UnknownLink', { subject: pid, object: orgId, role: words.victimOf, date: isoDay(c.firstCall) });
    out.put(undefined, `${cno}-C1`, 'Call', {
      callerNumber: writtenPhone(rng, c.line.number, style.fileCountry),
      receiverNumber: writtenPhone(rng, v.phones[0]!, style.fileCountry),
      receiver: pid,
      date: isoDay(c.firstCall),
      description: words.first,
    });
    for (const [i, p] of c.payments.entries()) {
      if (i > 0 && !rng.chance(0.85)) continue; // victims forget some of the later payments
      const muleAcc = ctx.story.world.account(p.to);
      const benAcc = out.account(`${cno}-B${i + 1}`, muleAcc, undefined, { grouped: rng.chance(0.3) });
      const benId = out.put(muleAcc.holder, `${cno}-R${i + 1}`, 'LegalEntity', { name: p.payeeName ?? ctx.story.world.nameOf(muleAcc.holder) });
      const tid = out.put(undefined, `${cno}-T${i + 1}`, 'Payment', {
        payer: pid,
        payerAccount: `${cno}-B0`,
        beneficiary: benId,
        beneficiaryAccount: benAcc,
        amount: (p.cents / 100).toFixed(2),
        currency: 'EUR',
        date: isoDay(p.time),
        purpose: p.purpose,
      });
      out.note(`reported:${p.key}`, tid);
    }
  }
  return n;
}

function writeVictim(out: FtmOut, rng: Rng, style: ComplaintStyle, v: WPerson, cno: string): string {
  let family = v.family;
  let name = `${v.given} ${v.family}`;
  let birthDate: string | undefined = v.birthDate;
  if (style.sloppy) {
    if (rng.chance(0.08)) family = typo(rng, family);
    name = rng.chance(0.3) ? `${family.toUpperCase()}, ${v.given}` : `${v.given} ${family}`;
    if (rng.chance(0.15)) birthDate = undefined;
    else if (rng.chance(0.08)) birthDate = swapDayMonth(v.birthDate) ?? v.birthDate;
  }
  const addressId = style.sloppy ? undefined : out.address(`${cno}-A`, v.address);
  return out.put(v.key, `${cno}-P`, 'Person', {
    name,
    firstName: v.given,
    lastName: family,
    birthDate,
    gender: v.gender,
    nationality: v.nationality,
    phone: writtenPhone(rng, v.phones[0]!, style.fileCountry),
    email: v.emails[0],
    addressEntity: addressId,
    address: style.sloppy ? `${v.address.street}, ${v.address.postcode} ${v.address.city}` : undefined,
    country: v.country,
  });
}
