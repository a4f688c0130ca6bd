/**
 * The audit records of cooperation, on both sides, all with the exchange id as target so that
 * `corvid audit --exchange ID` shows one exchange end to end: who asked, which peer, how many
 * selectors, how many hits, what was disclosed and under which legal basis. Pure builders.
 */
import type { AuditEvent, JsonObject } from '../../store/port.ts';

export const ACTIONS = {
  start: 'peer.exchange.start',
  finish: 'peer.exchange.finish',
  fail: 'peer.exchange.fail',
  cancel: 'peer.exchange.cancel',
  requestSent: 'peer.request.sent',
  requestReceived: 'peer.request.received',
  accept: 'peer.request.accept',
  decline: 'peer.request.decline',
  declined: 'peer.request.declined',
  disclosureSent: 'peer.disclosure.sent',
  disclosureReceived: 'peer.disclosure.received',
  peerAdd: 'peer.add',
  peerRemove: 'peer.remove',
} as const;

/** Every cooperation action, for listing one exchange. */
export const EXCHANGE_ACTIONS: readonly string[] = Object.values(ACTIONS).filter((a) => !a.startsWith('peer.add') && !a.startsWith('peer.remove'));

/**
 * One cooperation record.
 * @example await store.appendAudit(ctx, exchangeEvent('finish', exchange, { peer: 'police-b', role: 'requester', hits: 2 }));
 */
export function exchangeEvent(kind: Exclude<keyof typeof ACTIONS, 'peerAdd' | 'peerRemove'>, exchange: string, detail: JsonObject): AuditEvent {
  return { action: ACTIONS[kind], target: exchange, detail };
}
