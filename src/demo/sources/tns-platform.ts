/**
 * The trust-and-safety export of "Nexa": the accounts involved (usernames, display names, verified
 * e-mail and phone, login IPs) and their posts, ads and direct messages — minimal disclosure, TLP:GREEN.
 */
import { isoDay, isoTime } from '../clock.ts';
import { formatPhone } from '../identifiers.ts';
import type { SourceContext, SourceFile } from './context.ts';
import { FtmOut } from './ftm-out.ts';

const DATASET = 'tns-platform';

/** Renders the platform export as one FtM file. */
export function renderTns(ctx: SourceContext): SourceFile[] {
  const { world } = ctx.story;
  const out = new FtmOut(ctx, DATASET, 'tns-platform/nexa-export.ftm.json');
  for (const u of world.userAccounts) {
    out.put(`nexa-${u.key}`, `nexa-user-${u.key}`, 'UserAccount', {
      username: u.username,
      name: u.displayName,
      service: 'Nexa',
      email: u.email,
      number: u.phone ? formatPhone(u.phone, 'e164') : undefined,
      ipAddress: u.ips,
      createdAt: isoDay(u.created),
    });
  }
  for (const m of world.messages) {
    out.put(undefined, `nexa-msg-${m.key}`, 'Message', {
      senderAccount: `nexa-user-${m.from}`,
      recipientAccount: m.to ? `nexa-user-${m.to}` : undefined,
      date: isoTime(m.time),
      language: m.lang,
      threadTopic: m.channel,
      title: m.title,
      bodyText: m.body,
      sourceUrl: m.url,
      phoneMentioned: m.phone ? formatPhone(m.phone, 'international') : undefined,
      keywords: m.kind === 'investment-ad' ? 'sponsored' : undefined,
    });
  }
  return [
    {
      dataset: DATASET,
      format: 'ftm',
      path: out.file,
      title: 'Nexa trust & safety — accounts, ads and messages referred to police',
      grading: 'A2',
      tlp: 'GREEN',
      handling: 'H0',
      compartment: '',
      records: out.close(),
    },
  ];
}
