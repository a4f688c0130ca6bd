/**
 * The responder's open exchange sessions, in memory: each holds its per-session secret inside the
 * protocol's state and dies with the process or after 30 idle minutes, so a crashed or abandoned
 * exchange leaves nothing usable behind. A session belongs to the peer that opened it.
 */
import { CorvidError } from '../../errors.ts';
import type { FuzzyResponderState } from '../fuzzy/protocol.ts';
import type { ResponderState } from '../psi/index.ts';
import type { SelectorType } from './holdings.ts';

/** exact: ECDH-PSI (hit/no-hit); cardinality: only the size; fuzzy: Bloom-filter name matching. */
export type MatchMode = 'intersection' | 'cardinality' | 'fuzzy';

/** The protocol state of the session (src/cooperate/psi, src/cooperate/fuzzy: pure steps over messages). */
export type ProtocolState = { kind: 'psi'; state: ResponderState } | { kind: 'fuzzy'; state: FuzzyResponderState };

export const SESSION_IDLE_SECONDS = 30 * 60;
/** Sessions one peer may hold open at once. */
const MAX_PER_PEER = 8;

export interface OpenSession {
  /** The exchange id both sides write into their audit logs; sessions are keyed by it. */
  id: string;
  peer: string;
  type: SelectorType;
  mode: MatchMode;
  /** What the responder put in, and what it received so far. */
  ownSize: number;
  peerSize: number;
  startedBy: string;
  protocol: ProtocolState;
  touched: number;
}

/**
 * @example
 * const table = new SessionTable();
 * const s = table.open({ id: exchange, peer: 'police-a', type: 'phone', mode: 'intersection', ownSize: 3, peerSize: 5, startedBy: 'anna', protocol });
 * table.get('police-a', s.id);
 */
export class SessionTable {
  private readonly sessions = new Map<string, OpenSession>();

  open(init: Omit<OpenSession, 'touched'>, now = Date.now()): OpenSession {
    this.sweep(now);
    if (this.sessions.has(init.id)) throw new CorvidError('CORVID_ERR_PEER_SESSION', 'this exchange is already open');
    const mine = [...this.sessions.values()].filter((s) => s.peer === init.peer);
    if (mine.length >= MAX_PER_PEER) this.sessions.delete(mine[0]!.id);
    const s: OpenSession = { ...init, touched: now };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The peer's open session; CORVID_ERR_PEER_SESSION when unknown, expired or another peer's. */
  get(peer: string, id: string, now = Date.now()): OpenSession {
    this.sweep(now);
    const s = this.sessions.get(id);
    if (!s || s.peer !== peer) throw new CorvidError('CORVID_ERR_PEER_SESSION', 'no such exchange session (it expired, was cancelled, or this node restarted): start the exchange again');
    s.touched = now;
    return s;
  }

  close(id: string): void {
    this.sessions.delete(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(now: number): void {
    for (const [id, s] of this.sessions) if (now - s.touched > SESSION_IDLE_SECONDS * 1000) this.sessions.delete(id);
  }
}
